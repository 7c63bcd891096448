// How deeply a narration text (`say`) nests, as a markdown renderer would build it: block quotes
// and list items on a line (`> > >`, `* * *`), indentation under list items, and inline emphasis
// and link brackets. A renderer walks that tree recursively (react-markdown: micromark, mdast, hast,
// React), so 5,000 levels overflow the stack and unmount the page; the loader refuses a text past
// MAX_MARKDOWN_DEPTH (limits.ts) instead.
//
// Simplification: this is an upper bound, not a CommonMark parser. It counts every `>` and list
// marker that opens a line, two columns of indentation as a level, and every `*`/`_` of a run that
// opens emphasis as a level, so it may count more than a renderer nests, never less. Code fences
// are skipped (their text is not markdown).

const FENCE = /^ {0,3}(```|~~~)/;
/** One container marker at the start of what is left of a line: a quote or a list item. */
const CONTAINER = /^ {0,3}(>|[*+-](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]?/;

function blockDepth(line: string): number {
  const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length;
  let depth = Math.floor(indent / 2);
  let rest = line.trimStart();
  for (let m = CONTAINER.exec(rest); m && m[0].length > 0; m = CONTAINER.exec(rest)) {
    depth++;
    rest = rest.slice(m[0].length);
  }
  return depth;
}

/** Open emphasis runs and link brackets, carried from line to line within a paragraph. */
class Inline {
  private open = 0;
  private brackets = 0;

  /** Reads one line; returns the deepest the paragraph got within it. */
  read(line: string): number {
    let max = this.open + this.brackets;
    for (let i = 0; i < line.length;) {
      const c = line[i]!;
      if (c === '\\') {
        i += 2;
        continue;
      }
      if (c === '[') this.brackets++;
      else if (c === ']') this.brackets = Math.max(0, this.brackets - 1);
      if (c === '*' || c === '_') {
        let end = i;
        while (line[end] === c) end++;
        const before = line[i - 1];
        const after = line[end];
        const closes = before !== undefined && !/\s/.test(before);
        const opens = after !== undefined && !/\s/.test(after);
        if (closes && this.open > 0) this.open = Math.max(0, this.open - (end - i));
        else if (opens) this.open += end - i;
        i = end;
      } else i++;
      max = Math.max(max, this.open + this.brackets);
    }
    return max;
  }
}

/** The deepest nesting a markdown text can reach (an upper bound, see above). */
export function markdownDepth(text: string): number {
  let max = 0;
  let fenced = false;
  let inline = new Inline();
  for (const line of text.split('\n')) {
    if (FENCE.test(line)) {
      fenced = !fenced;
      continue;
    }
    if (fenced) continue;
    if (line.trim() === '') inline = new Inline();
    max = Math.max(max, blockDepth(line) + inline.read(line));
  }
  return max;
}
