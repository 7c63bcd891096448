// Splits a command line into words as a POSIX shell does for what people type: single quotes keep
// everything literally, double quotes keep everything but `\"`, `\\`, `\$` and `` \` ``, and a
// backslash outside quotes escapes the next character. There is no expansion ($VAR, globs, `...`):
// the console is not a shell, it only has to read `-p '{"spec":{"replicas":2}}'` right.
import { KubectlError } from './errors';

const DOUBLE_QUOTE_ESCAPES = new Set(['"', '\\', '$', '`']);

export function tokenize(line: string): string[] | KubectlError {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote === "'") {
      if (ch === "'") quote = null;
      else word += ch;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === '\\' && DOUBLE_QUOTE_ESCAPES.has(line[i + 1] ?? '')) word += line[++i];
      else word += ch;
      continue;
    }
    if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (ch === "'" || ch === '"') quote = ch;
    // A trailing backslash has nothing to escape: it stays, as a literal character.
    else if (ch === '\\' && i + 1 < line.length) word += line[++i];
    else word += ch;
  }
  if (quote !== null) {
    return new KubectlError(
      'E_SYNTAX',
      `error: unexpected end of line while looking for the matching ${quote === "'" ? 'single' : 'double'} quote (${quote})`,
      { token: word },
    );
  }
  if (inWord) words.push(word);
  return words;
}
