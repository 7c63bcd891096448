// The in-memory repository against a real peer: export it to disk and let native git judge it.
import '../src/platform/node';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigRepo } from '../src/sim/git';
import { exportToDirectory } from '../src/sim/git/export-node';
import { ALICE, BOB, MINUTE, T0, deployment, guestbookRepo } from '../src/sim/git/test-fixtures';

// Native git must not read the developer's or the machine's configuration.
const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  LC_ALL: 'C',
};
const DEPLOY = 'apps/guestbook/deployment.yaml';

function gitIn(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, env: GIT_ENV, encoding: 'utf8' });
}

/** A history with every kind of object the repository writes. */
async function richHistory(): Promise<ConfigRepo> {
  const repo = await guestbookRepo();
  await repo.commit({
    author: BOB,
    message: 'Add redis',
    timestamp: T0 + MINUTE,
    write: { 'apps/redis/deployment.yaml': 'kind: Deployment\n' },
  });
  // Two commits in the same second: the order must still match git's.
  await repo.commit({
    author: BOB,
    message: 'Same second 1',
    timestamp: T0 + 2 * MINUTE,
    write: { 'notes/a.txt': 'a\n' },
  });
  await repo.commit({
    author: BOB,
    message: 'Same second 2',
    timestamp: T0 + 2 * MINUTE,
    write: { 'notes/b.txt': 'b\n' },
  });
  await repo.createBranch({ name: 'feature/scale' });
  await repo.commit({
    branch: 'feature/scale',
    author: BOB,
    message: 'Scale to 4',
    timestamp: T0 + 3 * MINUTE,
    write: { [DEPLOY]: deployment({ replicas: 4 }) },
  });
  const bump = await repo.commit({
    author: ALICE,
    message: 'Bump image',
    timestamp: T0 + 4 * MINUTE,
    write: { [DEPLOY]: deployment({ image: 'ghcr.io/driftlab/guestbook:2.0.0' }) },
  });
  await repo.openPullRequest({
    head: 'feature/scale',
    title: 'Scale guestbook',
    user: 'Bob',
    timestamp: T0 + 5 * MINUTE,
  });
  await repo.approvePullRequest({ id: 1, user: 'Alice' });
  await repo.mergePullRequest({ id: 1, author: ALICE, timestamp: T0 + 6 * MINUTE });
  await repo.tag({ name: 'v1.0.0', timestamp: T0 + 6 * MINUTE });
  await repo.revert({ rev: bump.sha, author: ALICE, timestamp: T0 + 7 * MINUTE });
  await repo.commit({
    author: BOB,
    message: 'Remove notes',
    timestamp: T0 + 8 * MINUTE,
    remove: ['notes/a.txt', 'notes/b.txt'],
  });
  await repo.tag({
    name: 'v1.1.0',
    message: 'Release 1.1.0\n',
    tagger: ALICE,
    timestamp: T0 + 9 * MINUTE,
  });
  await repo.createBranch({ name: 'stale', from: 'HEAD~3' });
  return repo;
}

describe('export read by native git', () => {
  let dir = '';
  let repo: ConfigRepo;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'driftlab-git-'));
    repo = await richHistory();
    await exportToDirectory(repo, dir);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('passes git fsck --strict with nothing on stderr', () => {
    const fsck = spawnSync('git', ['fsck', '--strict'], {
      cwd: dir,
      env: GIT_ENV,
      encoding: 'utf8',
    });
    expect(fsck.stderr).toBe('');
    expect(fsck.status).toBe(0);
  });

  it('lists the same commits as the repository, in the same order', async () => {
    const all = gitIn(dir, 'log', '--all', '--format=%H').trim().split('\n');
    expect(all).toEqual((await repo.allCommits()).map((c) => c.sha));
    const main = gitIn(dir, 'log', 'main', '--format=%H').trim().split('\n');
    expect(main).toEqual((await repo.log('main')).map((c) => c.sha));
    const firstParent = gitIn(dir, 'log', '--first-parent', 'main', '--format=%H')
      .trim()
      .split('\n');
    expect(firstParent).toEqual((await repo.log('main', { firstParent: true })).map((c) => c.sha));
  });

  it('agrees on refs, parents, messages and authors', async () => {
    expect(
      gitIn(dir, 'rev-parse', 'HEAD', 'v1.0.0^{commit}', 'v1.1.0^{commit}', 'stale')
        .trim()
        .split('\n'),
    ).toEqual([
      await repo.resolve('HEAD'),
      await repo.resolve('v1.0.0'),
      await repo.resolve('v1.1.0'),
      await repo.resolve('stale'),
    ]);
    const head = await repo.readCommit('HEAD~1');
    expect(gitIn(dir, 'show', '-s', '--format=%B', 'HEAD~1')).toBe(`${head.message}\n`);
    const merge = await repo.readCommit('HEAD~2');
    expect(gitIn(dir, 'show', '-s', '--format=%P|%an <%ae>|%at|%ai', 'HEAD~2').trim()).toBe(
      `${merge.parents.join(' ')}|Alice <alice@example.com>|${merge.timestamp / 1000}|2026-01-05 09:06:00 +0000`,
    );
    expect(gitIn(dir, 'cat-file', '-t', 'v1.1.0')).toBe('tag\n');
  });

  it('has a clean work tree of main', async () => {
    expect(gitIn(dir, 'status', '--porcelain')).toBe('');
    expect(gitIn(dir, 'ls-files').trim().split('\n')).toEqual(
      (await repo.listFiles('main')).map((f) => f.path),
    );
    expect(gitIn(dir, 'show', `HEAD:${DEPLOY}`)).toBe(await repo.readFile('HEAD', DEPLOY));
  });

  it('produces the same diff text as git diff for a modified file', async () => {
    const ours = (await repo.diff('HEAD~2', 'HEAD~1')).find((d) => d.path === DEPLOY);
    const theirs = gitIn(dir, 'diff', 'HEAD~2', 'HEAD~1', '--', DEPLOY);
    // git adds `diff --git` and `index` lines before the file headers and a function-context hint
    // after each hunk header (`@@ -16,6 +16,6 @@ spec:`); the rest must be identical.
    const comparable = theirs.slice(theirs.indexOf('--- a/')).replace(/^(@@ [^@]+ @@).*$/gm, '$1');
    expect(comparable).toBe(ours?.patch);
  });
});
