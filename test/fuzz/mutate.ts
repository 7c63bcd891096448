// Text mutations for the fuzzers: flip, insert or delete characters, duplicate or swap lines, and
// change a line's indentation (the mistakes that break YAML in the most interesting ways). A
// mutation names its positions as naturals taken modulo the text's length, so fast-check can shrink
// them and the same mutation applies to any base text.
import * as fc from 'fast-check';
import { librarySources, readDir } from '../../src/cli/library';
import { GUESTBOOK_FILES } from '../../src/sim/git/test-fixtures';
import { STARTER_FILES } from '../../src/sim/starter-repo';

type Mutation =
  | { kind: 'flip'; at: number; text: string }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate-line'; line: number }
  | { kind: 'swap-lines'; line: number; other: number }
  | { kind: 'indent'; line: number; by: number };

/** Characters that mean something to YAML, a shell or a path, and a few that mean trouble. */
const SPECIAL = [
  ':',
  '-',
  ' ',
  '  ',
  '\n',
  '\t',
  '{',
  '}',
  '[',
  ']',
  ',',
  '&a',
  '*a',
  '!',
  '!!binary',
  '|',
  '>',
  '#',
  '"',
  "'",
  '%',
  '@',
  '`',
  '?',
  '---',
  '...',
  '\\',
  '/',
  '..',
  '=',
  '\0',
  '\r',
  '\u00e9',
  '\u{1F600}',
  '\ufeff',
  '<<: *a',
  '~',
  'null',
  '-1',
  '1e309',
  '0x10',
];

const fragment = fc.oneof(
  { arbitrary: fc.constantFrom(...SPECIAL), weight: 3 },
  { arbitrary: fc.string({ maxLength: 4 }), weight: 1 },
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), text: fragment }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fragment }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 12 }),
  }),
  fc.record({ kind: fc.constant('duplicate-line' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('swap-lines' as const), line: fc.nat(), other: fc.nat() }),
  fc.record({
    kind: fc.constant('indent' as const),
    line: fc.nat(),
    by: fc.integer({ min: -4, max: 4 }),
  }),
);

const mutations = fc.array(mutation, { minLength: 1, maxLength: 6 });

function applyOne(text: string, m: Mutation): string {
  const at = (n: number) => (text.length === 0 ? 0 : n % text.length);
  const lines = text.split('\n');
  const line = (n: number) => n % lines.length;
  switch (m.kind) {
    case 'flip':
      return text.slice(0, at(m.at)) + m.text + text.slice(at(m.at) + 1);
    case 'insert':
      return text.slice(0, at(m.at)) + m.text + text.slice(at(m.at));
    case 'delete':
      return text.slice(0, at(m.at)) + text.slice(at(m.at) + m.length);
    case 'duplicate-line': {
      const i = line(m.line);
      lines.splice(i, 0, lines[i]!);
      return lines.join('\n');
    }
    case 'swap-lines': {
      const i = line(m.line);
      const j = line(m.other);
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return lines.join('\n');
    }
    case 'indent': {
      const i = line(m.line);
      const current = lines[i]!;
      lines[i] =
        m.by >= 0 ? ' '.repeat(m.by) + current : current.replace(new RegExp(`^ {0,${-m.by}}`), '');
      return lines.join('\n');
    }
  }
}

function mutate(text: string, list: readonly Mutation[]): string {
  return list.reduce(applyOne, text);
}

/** One of `bases`, mutated 1 to 6 times. */
export function mutated(bases: readonly string[]): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...bases), mutations).map(([base, list]) => mutate(base, list));
}

/** Manifest files the project ships as fixtures: the podinfo-hpa folder and the starter repo. */
export function fixtureManifestTexts(): string[] {
  const hpa = librarySources().find((s) => s.id === 'podinfo-hpa')!;
  const dir = readDir(hpa.file, './podinfo-hpa') ?? {};
  return [
    ...Object.keys(dir)
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .map((f) => dir[f]!),
    ...Object.values(STARTER_FILES),
    ...Object.values(GUESTBOOK_FILES),
  ];
}

/** Counts fuzz inputs per test file, for the one-line summary each prints. */
export class Tally {
  private readonly counts = new Map<string, number>();

  add(what: string, n = 1): void {
    this.counts.set(what, (this.counts.get(what) ?? 0) + n);
  }

  get total(): number {
    return [...this.counts.values()].reduce((a, b) => a + b, 0);
  }

  toString(): string {
    return [...this.counts].map(([k, v]) => `${v} ${k}`).join(', ');
  }
}
