// Fuzzing what people type at the repository, below the console's git lines (git-console.test.ts
// fuzzes those): the arguments of the sandbox's repository entry points (commit, revert, tag,
// createBranch, openPullRequest, approvePullRequest, mergePullRequest) and of the scenario `commit`
// action's `patch` (patchYaml). Each call either lands or is refused with an error carrying a
// stable `E_...` code, and a refused call leaves the sandbox exactly as it was (repository, pull
// requests, audit trail, clusters, pipeline). Native `git fsck --strict` then judges a sample of
// the repositories the accepted inputs built.
import '../../src/platform/node';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runAction, type Action } from '../../src/sim/scenario';
import type { Sandbox } from '../../src/sim/sandbox';
import { fsckStrict } from '../properties/native-git';
import { PROPERTY_SEED, runs, timeoutFor } from '../properties/property-config';
import { startHistory } from '../properties/random-history';
import { Tally } from './mutate';

const RUNS = runs(60);
const tally = new Tally();

/** Mostly good values (so that histories grow), some known-bad ones, some random text. */
const tricky = (good: string[], bad: string[]) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...good), weight: 14 },
    { arbitrary: fc.constantFrom(...bad), weight: 3 },
    { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 12 }), weight: 1 },
  );

const path = tricky(
  [
    'apps/web/deployment.yaml',
    'apps/web/new.yaml',
    'a',
    'a/b/c.yaml',
    'README.md',
    '.gitattributes',
    'e\u0301.yaml',
    '\u00e9.yaml',
    'sp ace',
    '-dash',
    '...x',
  ],
  [
    `${'long'.repeat(80)}.yaml`,
    'apps/web',
    'apps',
    'a/b',
    '.gitmodules',
    '.gitmodules/x',
    '.git',
    '.GIT',
    '.git/config',
    'x/.git/y',
    '.git ',
    '.git.',
    'git~1',
    '\u200c.git',
    '..',
    '../x',
    './x',
    '/abs',
    'a//b',
    'a/',
    'a\\b',
    '',
    ' ',
    'nul\0',
    'tab\there',
  ],
);
const ref = tricky(
  ['main', 'feature', 'feature/x', 'v1', 'release-1.0', '\u00e9'],
  [
    'HEAD',
    '@',
    '-x',
    'a..b',
    'a.lock',
    'a/',
    '/a',
    '.hidden',
    'a b',
    'a~1',
    'a^',
    'a:b',
    'a?',
    'a*',
    'a[',
    'a@{1}',
    'main.',
    'x//y',
  ],
);
const rev = tricky(
  ['HEAD', 'HEAD~1', 'HEAD^', 'main', 'main~1', 'feature', 'v1'],
  [
    'HEAD~99',
    'HEAD^2',
    'HEAD^^',
    'deadbeef',
    '0000000',
    'ffffffffffffffffffffffffffffffffffffffff',
    '',
    '@',
    'HEAD@{1}',
    ':/web',
    'HEAD~-1',
    'HEAD~1e3',
    `HEAD${'~'.repeat(50)}`,
  ],
);
const person = tricky(['alice', 'bob', 'Zo\u00eb', 'mallory@evil'], ['', ' ', 'a<b', 'x\ny']);
const text = tricky(['web: v2', 'subject\n\nbody', 'x'.repeat(5_000)], ['', ' ', '\n', '\0']);
const content = fc.oneof(
  fc.constantFrom(
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fuzz\ndata:\n  a: "1"\n',
    '',
    'not: [valid',
    '\0\u0001binary',
  ),
  fc.string({ maxLength: 40 }),
);
const id = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 2 }), weight: 4 },
  { arbitrary: fc.integer({ min: -1, max: 4 }), weight: 1 },
  { arbitrary: fc.constantFrom(Number.NaN, 1.5, 2 ** 53), weight: 1 },
);

type RefArg = { kind: 'branch' | 'tag'; name: string };

async function refNames(s: Sandbox, kind: RefArg['kind']): Promise<string[]> {
  return (kind === 'branch' ? await s.repo.listBranches() : await s.repo.listTags()).map(
    (r) => r.name,
  );
}

async function refExists(s: Sandbox, ref: RefArg): Promise<boolean> {
  return (await refNames(s, ref.kind)).includes(ref.name);
}

/**
 * Whether `ref` and an existing ref of its kind would be a file and a folder of each other
 * (`feature` and `feature/x`), which git refuses: "cannot lock ref ... exists"; so must the
 * repository, with E_REF_EXISTS.
 */
async function refCollides(s: Sandbox, ref: RefArg): Promise<boolean> {
  return (await refNames(s, ref.kind)).some(
    (n) => n.startsWith(`${ref.name}/`) || ref.name.startsWith(`${n}/`),
  );
}

/**
 * One call; `paths`: the repository paths it writes or removes; `texts`: the messages it puts
 * into a commit object (a pull request's title becomes the merge's); `people`: the author and
 * user names it records.
 */
type Op = {
  name: string;
  run: (s: Sandbox) => Promise<unknown>;
  paths?: string[];
  texts?: string[];
  people?: string[];
  /** The branch or tag it makes. */
  ref?: RefArg;
};

// Names git treats as `.git` on HFS+ or NTFS (ignorable code points, trailing dots or spaces, the
// 8.3 short name), and a `.gitmodules` that is a folder.
const HFS_IGNORABLE = /[\u200c-\u200f\u202a-\u202e\u206a-\u206f\ufeff]/g;
function gitRefusesPath(path: string): boolean {
  const parts = path.split('/');
  return parts.some((part, i) => {
    const p = part
      .replace(HFS_IGNORABLE, '')
      .replace(/[ .]+$/, '')
      .toLowerCase();
    return p === '.git' || p === 'git~1' || (p === '.gitmodules' && i < parts.length - 1);
  });
}

/**
 * A name no Linux or macOS file system stores (over 255 bytes): the repository refuses it
 * (E_INVALID_PATH), so that every repository can be exported to a directory.
 */
const tooLongForDisk = (path: string) =>
  path.split('/').some((part) => new TextEncoder().encode(part).length > 255);

/** A path the repository must refuse: git refuses it, or no file system stores it. */
const refusedPath = (path: string) => gitRefusesPath(path) || tooLongForDisk(path);

/** git refuses a NUL in a commit message ("a NUL byte in commit log message not allowed"). */
const refusedText = (text: string) => text.includes('\0');

/** A control character (a NUL, CR, LF, ...) would corrupt the ident line of a commit object. */
// eslint-disable-next-line no-control-regex
const refusedPerson = (name: string) => /[\u0000-\u001f\u007f]/.test(name);

/** Paths git refuses, which the repository must refuse too. */
const UNSAFE_PATHS = [
  '\u200c.git',
  'b/\u200c.git',
  '.git\u200c',
  '.git ',
  '.git.',
  'git~1',
  'GIT~1',
  '.gitmodules/x',
];

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .record({
        author: person,
        message: text,
        branch: fc.oneof(
          { arbitrary: fc.constant(undefined), weight: 3 },
          { arbitrary: ref, weight: 1 },
        ),
        write: fc.dictionary(path, content, { maxKeys: 3 }),
        remove: fc.option(fc.array(path, { maxLength: 2 }), { nil: undefined, freq: 4 }),
      })
      .map((c) => ({
        name: `commit ${JSON.stringify(c)}`,
        paths: [...Object.keys(c.write), ...(c.remove ?? [])],
        texts: [c.message],
        people: [c.author],
        run: (s: Sandbox) =>
          s.commit({
            author: c.author,
            message: c.message,
            write: c.write,
            ...(c.branch !== undefined ? { branch: c.branch } : {}),
            ...(c.remove ? { remove: c.remove } : {}),
          }),
      })),
  },
  {
    weight: 1,
    arbitrary: fc.record({ rev, author: person }).map((r) => ({
      name: `revert ${JSON.stringify(r)}`,
      people: [r.author],
      run: (s: Sandbox) => s.revert(r.rev, r.author),
    })),
  },
  {
    weight: 1,
    arbitrary: fc.record({ name: ref, rev, actor: person }).map((t) => ({
      name: `tag ${JSON.stringify(t)}`,
      ref: { kind: 'tag' as const, name: t.name },
      run: (s: Sandbox) => s.tag(t.name, t.rev, t.actor),
    })),
  },
  {
    weight: 2,
    arbitrary: fc.record({ name: ref, from: rev, actor: person }).map((b) => ({
      name: `createBranch ${JSON.stringify(b)}`,
      ref: { kind: 'branch' as const, name: b.name },
      run: (s: Sandbox) => s.createBranch(b.name, b.from, b.actor),
    })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ head: ref, base: fc.option(ref, { nil: undefined }), title: text, user: person })
      .map(({ base, ...p }) => ({
        name: `openPullRequest ${JSON.stringify({ base, ...p })}`,
        texts: [p.title],
        people: [p.user],
        run: (s: Sandbox) => s.openPullRequest({ ...p, ...(base !== undefined ? { base } : {}) }),
      })),
  },
  {
    weight: 1,
    arbitrary: fc.record({ id, user: person }).map((a) => ({
      name: `approvePullRequest ${JSON.stringify(a)}`,
      run: (s: Sandbox) => s.approvePullRequest(a.id, a.user),
    })),
  },
  {
    weight: 1,
    arbitrary: fc.record({ id, user: person }).map((m) => ({
      name: `mergePullRequest ${JSON.stringify(m)}`,
      people: [m.user],
      run: (s: Sandbox) => s.mergePullRequest(m.id, m.user),
    })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({
        file: fc.constantFrom(
          'apps/web/deployment.yaml',
          'apps/web/configmap.yaml',
          'apps/web/missing.yaml',
        ),
        key: tricky(
          [
            'spec.replicas',
            'spec.template.spec.containers[0].image',
            'Deployment/web:spec.replicas',
            'data.LOG_LEVEL',
            "metadata.annotations['a.b']",
          ],
          [
            'containers[9].image',
            'Service/web:spec',
            'spec.replicas.x',
            'spec[0]',
            '[name=web]',
            '.',
            '',
            'spec..x',
            "['unclosed",
          ],
        ),
        value: fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.constant(undefined)),
        // An existing branch or a new one, which the commit starts from main.
        branch: fc.option(ref, { nil: undefined }),
      })
      .map((p) => {
        const action = {
          commit: {
            message: 'patch',
            patch: { [p.file]: { [p.key]: p.value } },
            ...(p.branch !== undefined ? { branch: p.branch } : {}),
          },
        } as Action;
        return {
          name: `runAction ${JSON.stringify(action)}`,
          ...(p.branch !== undefined ? { ref: { kind: 'branch' as const, name: p.branch } } : {}),
          run: async (s: Sandbox) => {
            const outcome = await runAction(s, action);
            if (!outcome.ok) {
              expect(outcome.fatal).toBe(true);
              throw Object.assign(new Error(outcome.text), {
                code: /^(E_[A-Z_]+):/.exec(outcome.text)?.[1],
              });
            }
          },
        };
      }),
  },
);

/** Everything a refused input must leave as it was. */
async function state(s: Sandbox): Promise<Record<string, string>> {
  const parts = {
    commits: (await s.repo.allCommits()).map((c) => c.sha),
    head: await s.repo.resolve('HEAD'),
    branches: await s.repo.listBranches(),
    tags: await s.repo.listTags(),
    prs: s.repo.pullRequests(),
    audit: s.audit.size,
    runs: s.devops.runs.length,
    devops: s.clusters.devops.list(),
    gitops: s.clusters.gitops.list(),
  };
  return Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, JSON.stringify(v)]));
}

/** The parts of the state that differ, each as before -> after (shortened). */
function changed(before: Record<string, string>, after: Record<string, string>): string[] {
  const cut = (t: string) => (t.length > 300 ? `${t.slice(0, 300)}...` : t);
  return Object.keys(before)
    .filter((k) => before[k] !== after[k])
    .map((k) => `${k}: ${cut(before[k]!)} -> ${cut(after[k]!)}`);
}

/**
 * Native git's verdict: '' when `git fsck --strict` passes. Warnings about what a user wrote into
 * a file (an unparsable `.gitmodules` blob) are content, faithfully kept, not a broken repository:
 * they are counted, not failed.
 */
async function fsck(s: Sandbox): Promise<string> {
  const { status, stderr } = await fsckStrict(s.repo);
  const lines = stderr.split('\n').filter(Boolean);
  const problems = lines.filter((l) => !/^warning in blob [0-9a-f]+: gitmodulesParse:/.test(l));
  if (lines.length > problems.length)
    tally.add('fsck warnings about a .gitmodules blob a user wrote');
  return status === 0 && problems.length === 0 ? '' : `exit ${status}: ${stderr.trim()}`;
}

describe('fuzzing the repository inputs (no git console exists: commit/revert/refs/PRs instead)', () => {
  it(
    'every input lands or is refused with a code, and a refusal changes nothing',
    async () => {
      let checked = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
          const { sandbox } = await startHistory(1);
          for (const o of ops) {
            tally.add('repository inputs');
            const before = await state(sandbox);
            const collides = o.ref ? await refCollides(sandbox, o.ref) : false;
            let refused: Error | null = null;
            try {
              await o.run(sandbox);
            } catch (e) {
              refused =
                e instanceof Error ? e : new Error(`a thrown non-Error: ${JSON.stringify(e)}`);
            }
            if (refused === null) {
              tally.add('of which accepted');
              expect(collides, `${o.name} made a ref that collides with another`).toBe(false);
              if (o.ref)
                expect(
                  await refExists(sandbox, o.ref),
                  `${o.name} resolved, but there is no such ${o.ref.kind}`,
                ).toBe(true);
              expect(
                (o.paths ?? []).filter(refusedPath),
                `${o.name} was accepted with a path git refuses`,
              ).toEqual([]);
              expect(
                (o.texts ?? []).filter(refusedText),
                `${o.name} was accepted with a NUL in a message`,
              ).toEqual([]);
              expect(
                (o.people ?? []).filter(refusedPerson),
                `${o.name} was accepted with a control character in a name`,
              ).toEqual([]);
              continue;
            }
            const code = (refused as { code?: unknown }).code;
            tally.add(`refused with ${String(code)}`);
            if (collides) tally.add('colliding refs refused');
            expect(
              typeof code === 'string' && /^E_[A-Z_]+$/.test(code),
              `${o.name} threw ${String(refused)}`,
            ).toBe(true);
            expect(
              changed(before, await state(sandbox)),
              `${o.name} was refused (${String(refused)})`,
            ).toEqual([]);
          }
          if (checked++ % 6 === 0) {
            tally.add('git fsck --strict of the result');
            expect(await fsck(sandbox), ops.map((o) => o.name).join('\n')).toBe('');
          }
        }),
        { seed: PROPERTY_SEED, numRuns: RUNS },
      );
    },
    timeoutFor(RUNS, 400),
  );

  it('a refused commit action on a new branch changes nothing', async () => {
    const { sandbox } = await startHistory(1);
    const before = await state(sandbox);
    const outcome = await runAction(sandbox, {
      commit: {
        message: 'patch',
        branch: 'patch-branch',
        patch: { 'apps/web/deployment.yaml': { '': 1 } },
      },
    });
    expect(outcome.ok).toBe(false);
    expect(changed(before, await state(sandbox))).toEqual([]);
  });

  it.each(UNSAFE_PATHS)('refuses the path %j that git refuses', async (unsafePath) => {
    expect(gitRefusesPath(unsafePath)).toBe(true);
    const { sandbox } = await startHistory(1);
    await expect(
      sandbox.commit({ author: 'bob', message: 'm', write: { [unsafePath]: 'x\n' } }),
    ).rejects.toMatchObject({ code: 'E_INVALID_PATH' });
  });

  it.each([
    [
      'a NUL in a commit message',
      (s: Sandbox) => s.commit({ author: 'alice', message: 'fix\0', write: { 'README.md': 'x' } }),
    ],
    [
      'a NUL in an author name',
      (s: Sandbox) => s.commit({ author: 'al\0ice', message: 'm', write: { 'README.md': 'x' } }),
    ],
    [
      'a CR in an author name',
      (s: Sandbox) => s.commit({ author: 'al\rice', message: 'm', write: { 'README.md': 'x' } }),
    ],
    ['a NUL in a revert author', (s: Sandbox) => s.revert('HEAD', 'b\0b')],
    [
      'a NUL in a pull request title',
      async (s: Sandbox) => {
        await s.createBranch('f', 'main', 'alice');
        await s.commit({ author: 'alice', message: 'm', branch: 'f', write: { 'README.md': 'x' } });
        await s.openPullRequest({ head: 'f', title: 't\0', user: 'alice' });
      },
    ],
  ] as const)('refuses %s with E_INVALID_ARGUMENT', async (_what, run) => {
    const { sandbox } = await startHistory(1);
    await expect(run(sandbox)).rejects.toMatchObject({ code: 'E_INVALID_ARGUMENT' });
  });

  // git refuses a ref whose name is a folder or a file of an existing one (\"cannot lock ref ...
  // exists\"): the repository refuses it with a code and makes nothing.
  it.each([
    ['branch', 'feature/x', 'feature'],
    ['branch', 'feature', 'feature/x'],
    ['tag', 'v1/rc', 'v1'],
    ['tag', 'v1', 'v1/rc'],
  ] as const)('a %s %s, then %s: refused with E_REF_EXISTS', async (kind, first, second) => {
    const { sandbox } = await startHistory(1);
    const make = (name: string) =>
      kind === 'branch'
        ? sandbox.createBranch(name, 'main', 'alice')
        : sandbox.tag(name, 'HEAD', 'alice');
    await make(first);
    const before = await state(sandbox);
    await expect(make(second)).rejects.toMatchObject({ code: 'E_REF_EXISTS' });
    expect(changed(before, await state(sandbox))).toEqual([]);
    expect(await refExists(sandbox, { kind, name: first })).toBe(true);
  });

  it('reports the count', () => {
    console.log(`repository input fuzz: ${tally.total} inputs (${tally.toString()})`);
    expect(tally.total).toBeGreaterThan(0);
  });
});
