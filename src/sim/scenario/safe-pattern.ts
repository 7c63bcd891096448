// The regular expressions an `output: { matches }` expectation may use: a subset for which the
// browser's backtracking engine stays fast on console output (a scenario file may be anyone's).
// Catastrophic backtracking needs a quantifier over something that can itself repeat or choose
// (`(a+)+`, `(a|a)*`) or a back-reference; those are refused. What is left is polynomial in the
// line's length, one degree per quantifier that can trade characters with its neighbours (`.*.*x`
// takes seconds on a 200-character line in V8): at most MAX_UNBOUNDED of those, on lines cut to
// MAX_LINE characters, one line at a time. A quantified literal followed by a different literal
// (`web +2/2`) matches one way and is free.
//
// Simplification: the check reads the pattern's text, not a parse tree; a pattern it cannot read
// with certainty (a lookaround, a back-reference, a named group) is refused, not guessed at.

export const MAX_PATTERN = 200;
/** `*`, `+`, `{n,}` that can trade characters with a neighbour: each one multiplies the cost. */
export const MAX_UNBOUNDED = 1;
export const MAX_QUANTIFIERS = 4;
/** The largest `m` of a `{n,m}`. */
export const MAX_REPEAT = 10;
/** A line longer than this is matched on its first MAX_LINE characters. */
export const MAX_LINE = 300;

const QUANTIFIER = /^(?:[*+?]|\{(\d+)(,(\d*))?\})\??/;

/** The atom at `i` when it is one literal character (`a`, `\.`), else null; and where it ends. */
function literalAt(pattern: string, i: number): { char: string | null; end: number } {
  const c = pattern[i];
  if (c === undefined) return { char: null, end: i };
  if (c === '\\') {
    const next = pattern[i + 1] ?? '';
    // `\.` is a literal; `\d`, `\s`, `\w`, `\b`... are classes or assertions.
    return { char: /[A-Za-z0-9]/.test(next) ? null : next, end: i + 2 };
  }
  return { char: /[.[\]()|^$*+?{}]/.test(c) ? null : c, end: i + 1 };
}

/** Why `pattern` is not allowed, or null when it is. */
export function unsafePattern(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN) return `a pattern of at most ${MAX_PATTERN} characters`;
  try {
    new RegExp(pattern);
  } catch (e) {
    return `not a regular expression: ${(e as Error).message}`;
  }
  if (/\\[1-9]|\\k</.test(pattern)) return 'no back-references (\\1, \\k<name>)';
  if (/\(\?(?:[=!]|<[=!]|<[A-Za-z])/.test(pattern)) return 'no lookarounds or named groups';
  // Walk the atoms: for each open group, whether it holds a quantifier or an alternation; for a
  // quantifier, whether it can trade characters with what follows.
  const groups: { repeats: boolean }[] = [];
  let unbounded = 0;
  let quantifiers = 0;
  let lastGroup: { repeats: boolean } | null = null;
  let lastLiteral: string | null = null;
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i]!;
    const q = QUANTIFIER.exec(pattern.slice(i));
    if (q) {
      if (lastGroup?.repeats) return 'no quantifier on a group that repeats or chooses: (a+)+';
      for (const g of groups) g.repeats = true;
      const [text, min, comma, max] = q;
      i += text.length;
      // `x{3}` matches one way; ` +2` too (the spaces end where the 2 begins).
      const next = literalAt(pattern, i).char;
      const exact = min !== undefined && comma === undefined;
      const settled = lastLiteral !== null && next !== null && next !== lastLiteral;
      lastGroup = null;
      lastLiteral = null;
      if (exact || settled) continue;
      quantifiers++;
      if (min === undefined ? text[0] !== '?' : comma !== undefined && max === '') unbounded++;
      else if (max !== undefined && Number(max) > MAX_REPEAT)
        return `repeat counts of at most ${MAX_REPEAT}`;
      continue;
    }
    lastGroup = null;
    lastLiteral = null;
    if (c === '[') {
      // A class is one atom: skip to its closing bracket (escapes inside included).
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      i = j + 1;
    } else if (c === '(') {
      groups.push({ repeats: false });
      // A non-capturing group's `?:` is not a quantifier.
      i += pattern.startsWith('?:', i + 1) ? 3 : 1;
    } else if (c === ')') {
      lastGroup = groups.pop() ?? null;
      i++;
    } else if (c === '|') {
      for (const g of groups) g.repeats = true;
      i++;
    } else {
      const atom = literalAt(pattern, i);
      lastLiteral = atom.char;
      i = atom.end;
    }
  }
  if (unbounded > MAX_UNBOUNDED)
    return `at most ${MAX_UNBOUNDED} unbounded quantifier (*, +, {n,}) that is not followed by a different literal; use {n,m}`;
  if (quantifiers > MAX_QUANTIFIERS) return `at most ${MAX_QUANTIFIERS} quantifiers`;
  return null;
}

/** Whether a line of `text` matches `pattern` (checked by `unsafePattern` first). */
export function someLineMatches(pattern: string, text: string): boolean {
  const re = new RegExp(pattern);
  return text.split('\n').some((line) => re.test(line.slice(0, MAX_LINE)));
}
