// Fuzzing the console's git lines: random text, word salad from git's vocabulary and the
// console's own syntax, and mutations of valid lines. parseGitLine answers a GitLine or throws a
// GitConsoleError with a stable code, nothing else. Through a sandbox, a looking line changes
// nothing, and a line that changes the repository either lands or is refused with a code, leaving
// the sandbox exactly as it was.
import '../../src/platform/node';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GitConsoleError, parseGitLine, readGit, type GitLine } from '../../src/sim/git-console';
import { BRANCH, type Sandbox } from '../../src/sim/sandbox';
import { runAction } from '../../src/sim/scenario';
import { PROPERTY_SEED, runs, timeoutFor } from '../properties/property-config';
import { startHistory } from '../properties/random-history';
import { mutated, Tally } from './mutate';

const RUNS = runs(300);
const tally = new Tally();
const CODES = new Set(['E_GIT_SYNTAX', 'E_GIT_UNSUPPORTED', 'E_UNSAFE_KEY']);

const KNOWN_LINES = [
  'git log --oneline',
  'git log -n 3 HEAD~1',
  'git show HEAD',
  'git status',
  'git branch',
  'git tag',
  'git help',
  'git revert HEAD',
  'git revert --no-edit HEAD~1',
  'git commit -m "web: 4" apps/web/deployment.yaml:spec.replicas=4',
  'git commit -m "cm" --tag v9 apps/web/configmap.yaml:data.LOG_LEVEL=debug',
  'git commit -m x "apps/web/deployment.yaml:metadata.annotations[\'a.b/c\']=1"',
  'git commit -m "branch" --branch feature apps/web/deployment.yaml:spec.replicas=2',
  'git commit -m "gone" --rm apps/web/configmap.yaml',
  'git pr open feature -m "Scale" --base main',
  'git pr approve feature',
  'git pr merge feature',
];

const VOCABULARY = [
  'git',
  'log',
  'show',
  'status',
  'branch',
  'tag',
  'commit',
  'revert',
  'pr',
  'open',
  'approve',
  'merge',
  'push',
  '-m',
  '-n',
  '--oneline',
  '--branch',
  '--tag',
  '--rm',
  '--base',
  'HEAD',
  'HEAD~9',
  'main',
  'feature',
  'v1',
  '"quoted text"',
  "'single'",
  'apps/web/deployment.yaml:spec.replicas=3',
  'a.yaml:x[0]=y',
  ':=',
  '=',
];

const line = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 8 }).map((w) => w.join(' ')),
  mutated(KNOWN_LINES),
);

/** For the sandbox: mostly lines that parse, so that histories grow. */
const runnable = fc.oneof(
  { arbitrary: fc.constantFrom(...KNOWN_LINES), weight: 4 },
  { arbitrary: mutated(KNOWN_LINES), weight: 3 },
  { arbitrary: line, weight: 1 },
);

function parse(text: string): GitLine | GitConsoleError {
  try {
    return parseGitLine(text, 'fuzz');
  } catch (e) {
    if (e instanceof GitConsoleError) return e;
    throw e;
  }
}

describe('git console fuzz', () => {
  it('parses every line into a GitLine or a coded refusal', () => {
    fc.assert(
      fc.property(line, (text) => {
        tally.add('lines parsed');
        const parsed = parse(text);
        if (parsed instanceof GitConsoleError) expect(CODES.has(parsed.code), text).toBe(true);
      }),
      { seed: PROPERTY_SEED, numRuns: RUNS },
    );
  });

  it(
    'through a sandbox, a line lands, looks, or is refused with a code and changes nothing',
    async () => {
      const fingerprint = async (s: Sandbox) =>
        JSON.stringify({
          head: await s.repo.resolve('HEAD'),
          branches: await s.repo.listBranches(),
          tags: await s.repo.listTags(),
          prs: s.repo.pullRequests(),
          devops: s.clusters.devops.list(),
          gitops: s.clusters.gitops.list(),
          now: s.now(),
        });
      await fc.assert(
        fc.asyncProperty(fc.array(runnable, { minLength: 1, maxLength: 8 }), async (texts) => {
          const { sandbox } = await startHistory(1);
          for (const text of texts) {
            const parsed = parse(text);
            if (parsed instanceof GitConsoleError) continue;
            tally.add('lines run on a sandbox');
            const before = await fingerprint(sandbox);
            if (parsed.kind === 'read') {
              try {
                await readGit(sandbox.repo, BRANCH, parsed.read);
              } catch (e) {
                expect(typeof (e as { code?: unknown }).code, String(e)).toBe('string');
              }
              expect(await fingerprint(sandbox), text).toBe(before);
              continue;
            }
            const outcome = await runAction(sandbox, parsed.action);
            if (!outcome.ok) {
              expect(outcome.text, text).toMatch(/^E_[A-Z_]+: /);
              expect(await fingerprint(sandbox), text).toBe(before);
            }
          }
        }),
        { seed: PROPERTY_SEED, numRuns: Math.max(10, Math.round(RUNS / 10)) },
      );
    },
    timeoutFor(RUNS / 10, 400),
  );

  it('reports the count', () => {
    console.log(`git console fuzz: ${tally.total} inputs (${tally.toString()})`);
    expect(tally.total).toBeGreaterThan(0);
  });
});
