// Flag parsing with the rules of pflag, the library under kubectl: `--name=value`, `--name value`,
// `-n value`, `-nvalue`, `-n=value`, bool flags without a value, `--` ends the flags, and flags may
// come anywhere among the arguments. Errors are pflag's own words.
import { flagError, KubectlError } from './errors';

type FlagKind = 'string' | 'strings' | 'bool' | 'int';

export interface FlagSpec {
  name: string;
  short?: string;
  kind: FlagKind;
  /** The value of a bare `--name` (pflag's NoOptDefVal): `--dry-run` means `--dry-run=client`. */
  bare?: string;
  /** One line for `--help`. */
  help?: string;
}

type FlagValue = string | string[] | boolean | number;

/** The flags every command takes. */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  {
    name: 'namespace',
    short: 'n',
    kind: 'string',
    help: 'The namespace to work in (default "default")',
  },
  { name: 'help', short: 'h', kind: 'bool', help: 'Help for the command' },
];

export class FlagSet {
  constructor(private readonly values: ReadonlyMap<string, FlagValue>) {}

  str(name: string): string | undefined {
    const v = this.values.get(name);
    return typeof v === 'string' ? v : undefined;
  }

  bool(name: string): boolean {
    return this.values.get(name) === true;
  }

  int(name: string): number | undefined {
    const v = this.values.get(name);
    return typeof v === 'number' ? v : undefined;
  }

  list(name: string): string[] {
    const v = this.values.get(name);
    return Array.isArray(v) ? v : [];
  }
}

const TRUE = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'false', 'FALSE', 'False']);

function label(spec: FlagSpec): string {
  return spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
}

export function parseFlags(
  words: readonly string[],
  specs: readonly FlagSpec[],
  command: string,
): { args: string[]; flags: FlagSet } | KubectlError {
  const values = new Map<string, FlagValue>();
  const args: string[] = [];
  const all = [...GLOBAL_FLAGS, ...specs];

  const set = (spec: FlagSpec, raw: string, word: string): KubectlError | null => {
    const invalid = (why: string) =>
      flagError(
        'E_FLAG_VALUE',
        command,
        `invalid argument "${raw}" for "${label(spec)}" flag: ${why}`,
        word,
      );
    switch (spec.kind) {
      case 'bool':
        if (!TRUE.has(raw) && !FALSE.has(raw))
          return invalid(`strconv.ParseBool: parsing "${raw}": invalid syntax`);
        values.set(spec.name, TRUE.has(raw));
        return null;
      case 'int':
        if (!/^[+-]?\d+$/.test(raw) || !Number.isSafeInteger(Number(raw)))
          return invalid(`strconv.ParseInt: parsing "${raw}": invalid syntax`);
        values.set(spec.name, Number(raw));
        return null;
      case 'strings': {
        // pflag's string slices take comma separated values, and repeat: `-f a.yaml,b.yaml -f c/`.
        const before = values.get(spec.name);
        values.set(spec.name, [...(Array.isArray(before) ? before : []), ...raw.split(',')]);
        return null;
      }
      case 'string':
        values.set(spec.name, raw);
        return null;
    }
  };

  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === '--') {
      args.push(...words.slice(i + 1));
      break;
    }
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const name = eq < 0 ? word.slice(2) : word.slice(2, eq);
      const spec = all.find((s) => s.name === name);
      if (!spec) return flagError('E_UNKNOWN_FLAG', command, `unknown flag: --${name}`, word);
      let err: KubectlError | null;
      if (eq >= 0) err = set(spec, word.slice(eq + 1), word);
      else if (spec.kind === 'bool') err = set(spec, 'true', word);
      else if (spec.bare !== undefined) err = set(spec, spec.bare, word);
      else if (i + 1 < words.length) err = set(spec, words[++i]!, word);
      else err = flagError('E_FLAG_VALUE', command, `flag needs an argument: --${name}`, word);
      if (err) return err;
      continue;
    }
    if (word.startsWith('-') && word.length > 1) {
      // Shorthands chain: `-Ah` is `-A -h`; the first one that takes a value takes the rest.
      for (let j = 1; j < word.length; j++) {
        const c = word[j]!;
        const spec = all.find((s) => s.short === c);
        if (!spec)
          return flagError(
            'E_UNKNOWN_FLAG',
            command,
            `unknown shorthand flag: '${c}' in ${word}`,
            word,
          );
        const rest = word.slice(j + 1);
        let err: KubectlError | null;
        if (spec.kind === 'bool') {
          if (!rest.startsWith('=')) {
            values.set(spec.name, true);
            continue;
          }
          err = set(spec, rest.slice(1), word);
        } else if (rest !== '') err = set(spec, rest.startsWith('=') ? rest.slice(1) : rest, word);
        else if (spec.bare !== undefined) err = set(spec, spec.bare, word);
        else if (i + 1 < words.length) err = set(spec, words[++i]!, word);
        else
          err = flagError(
            'E_FLAG_VALUE',
            command,
            `flag needs an argument: '${c}' in ${word}`,
            word,
          );
        if (err) return err;
        break;
      }
      continue;
    }
    args.push(word);
  }
  return { args, flags: new FlagSet(values) };
}
