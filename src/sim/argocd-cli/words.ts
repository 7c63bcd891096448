// The flags of a CLI line: `--name value`, `--name=value`, boolean `--flag` (and `--flag=false`);
// the rest stays positional. Unknown flags are refused in cobra's words.
import { CodedError } from '../coded-error';

export class CliSyntaxError extends CodedError<'E_CLI_SYNTAX'> {
  constructor(message: string) {
    super('E_CLI_SYNTAX', message);
  }
}

export interface Flags {
  values: Map<string, string>;
  /** Flags that may be given more than once (`--resource a --resource b`), in order. */
  lists: Map<string, string[]>;
  bools: Map<string, boolean>;
  positional: string[];
}

export function readFlags(
  words: readonly string[],
  valued: readonly string[],
  booleans: readonly string[],
  repeatable: readonly string[] = [],
): Flags {
  const values = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const bools = new Map<string, boolean>();
  const positional: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!w.startsWith('-') || w === '-') {
      positional.push(w);
      continue;
    }
    const eq = w.indexOf('=');
    const name = eq > 0 ? w.slice(0, eq) : w;
    if (repeatable.includes(name)) {
      const value = eq > 0 ? w.slice(eq + 1) : words[++i];
      if (value === undefined) throw new CliSyntaxError(`flag needs an argument: ${name}`);
      lists.set(name, [...(lists.get(name) ?? []), value]);
    } else if (valued.includes(name)) {
      const value = eq > 0 ? w.slice(eq + 1) : words[++i];
      if (value === undefined) throw new CliSyntaxError(`flag needs an argument: ${name}`);
      values.set(name, value);
    } else if (booleans.includes(name)) {
      const text = eq > 0 ? w.slice(eq + 1) : 'true';
      if (text !== 'true' && text !== 'false')
        throw new CliSyntaxError(`invalid argument "${text}" for "${name}" flag`);
      bools.set(name, text === 'true');
    } else throw new CliSyntaxError(`unknown flag: ${name}`);
  }
  return { values, lists, bools, positional };
}
