import '../../platform/node';
import { describe, expect, it } from 'vitest';
import { ConfigRepo } from './repo';
import {
  ALICE,
  BOB,
  GUESTBOOK_FILES,
  MINUTE,
  T0,
  deployment,
  guestbookRepo,
} from './test-fixtures';

async function twoCommits(repo: ConfigRepo): Promise<string[]> {
  const a = await repo.commit({
    author: BOB,
    message: 'Scale guestbook to 3',
    timestamp: T0 + MINUTE,
    write: { 'apps/guestbook/deployment.yaml': deployment({ replicas: 3 }) },
  });
  const b = await repo.commit({
    author: ALICE,
    message: 'Drop README',
    timestamp: T0 + 2 * MINUTE,
    remove: ['README.md'],
  });
  return [a.sha, b.sha];
}

describe('ConfigRepo: determinism', () => {
  it('gives identical SHAs for the same inputs in two independent repositories', async () => {
    const one = await guestbookRepo();
    const two = await guestbookRepo();
    expect(await one.resolve('main')).toBe(await two.resolve('main'));
    expect(await twoCommits(one)).toEqual(await twoCommits(two));
  });

  it('stores whole seconds at +0000: a different millisecond in the same second changes nothing', async () => {
    const one = await guestbookRepo({ timestamp: T0 });
    const two = await guestbookRepo({ timestamp: T0 + 999 });
    const other = await guestbookRepo({ timestamp: T0 + 1000 });
    expect(await one.resolve('HEAD')).toBe(await two.resolve('HEAD'));
    expect(await other.resolve('HEAD')).not.toBe(await one.resolve('HEAD'));
    expect((await one.readCommit('HEAD')).timestamp).toBe(T0);
  });
});

describe('ConfigRepo: commit, read, tree, log', () => {
  it('commits writes and removals, reports what changed and reads it back', async () => {
    const repo = await guestbookRepo();
    const root = await repo.resolve('main');
    const result = await repo.commit({
      author: BOB,
      message: 'Add redis, drop README',
      timestamp: T0 + MINUTE,
      write: { 'apps/redis/deployment.yaml': 'kind: Deployment\n' },
      remove: ['README.md'],
    });
    expect(result).toMatchObject({ kind: 'commit', branch: 'main', parents: [root] });
    expect(result.files).toEqual([
      { path: 'README.md', status: 'deleted' },
      { path: 'apps/redis/deployment.yaml', status: 'added' },
    ]);
    expect(await repo.readFile('main', 'apps/redis/deployment.yaml')).toBe('kind: Deployment\n');
    expect(await repo.readFile(root, 'README.md')).toBe(GUESTBOOK_FILES['README.md']);
    await expect(repo.readFile('main', 'README.md')).rejects.toMatchObject({
      code: 'E_PATH_NOT_FOUND',
    });
    expect((await repo.listFiles('main')).map((f) => f.path)).toEqual([
      'apps/guestbook/deployment.yaml',
      'apps/guestbook/service.yaml',
      'apps/redis/deployment.yaml',
    ]);
    const guestbook = await repo.listFiles('main', 'apps/guestbook/');
    expect(guestbook.map((f) => f.path)).toEqual([
      'apps/guestbook/deployment.yaml',
      'apps/guestbook/service.yaml',
    ]);
    expect(guestbook[0]?.oid).toMatch(/^[0-9a-f]{40}$/);
  });

  it('logs newest first with sha, parents, author, subject and time', async () => {
    const repo = await guestbookRepo();
    const [a, b] = await twoCommits(repo);
    const log = await repo.log('main');
    expect(log.map((c) => c.sha)).toEqual([b, a, await repo.resolve('main~2')]);
    expect(log[0]).toMatchObject({
      parents: [a],
      author: { name: 'Alice', email: 'alice@example.com' },
      message: 'Drop README\n',
      subject: 'Drop README',
      timestamp: T0 + 2 * MINUTE,
    });
    expect(await repo.log('main', { limit: 1 })).toHaveLength(1);
  });

  it('refuses a commit that changes nothing, unless allowEmpty', async () => {
    const repo = await guestbookRepo();
    const same = { 'README.md': GUESTBOOK_FILES['README.md'] ?? '' };
    await expect(
      repo.commit({ author: BOB, message: 'noop', timestamp: T0, write: same }),
    ).rejects.toMatchObject({
      code: 'E_NOTHING_TO_COMMIT',
    });
    const empty = await repo.commit({
      author: BOB,
      message: 'Trigger pipeline',
      timestamp: T0,
      allowEmpty: true,
    });
    expect(empty.files).toEqual([]);
  });

  it.each([
    ['an absolute path', { write: { '/etc/passwd': 'x' } }, 'E_INVALID_PATH'],
    ['a .. segment', { write: { 'apps/../x.yaml': 'x' } }, 'E_INVALID_PATH'],
    ['a path inside .git', { write: { '.git/config': 'x' } }, 'E_INVALID_PATH'],
    ['a name that is not Unicode', { write: { 'apps/\ud83d.yaml': 'x' } }, 'E_INVALID_PATH'],
    ['removing a missing file', { remove: ['nope.yaml'] }, 'E_PATH_NOT_FOUND'],
    ['a file where a folder is', { write: { apps: 'x' } }, 'E_PATH_CONFLICT'],
    ['an empty message', { message: '  ' }, 'E_INVALID_ARGUMENT'],
    ['an author without a name', { author: { name: '' } }, 'E_INVALID_ARGUMENT'],
    ['an unknown branch', { branch: 'nope', allowEmpty: true }, 'E_REF_NOT_FOUND'],
  ])('refuses %s', async (_case, patch, code) => {
    const repo = await guestbookRepo();
    const head = await repo.resolve('main');
    const opts = { author: BOB, message: 'change', timestamp: T0 + MINUTE, ...patch };
    await expect(repo.commit(opts)).rejects.toMatchObject({ code });
    expect(await repo.resolve('main')).toBe(head);
  });

  it('runs concurrent commits one after the other, none lost', async () => {
    const repo = await guestbookRepo();
    const results = await Promise.all(
      [1, 2, 3].map((n) =>
        repo.commit({
          author: BOB,
          message: `c${n}`,
          timestamp: T0 + n * MINUTE,
          write: { [`f${n}.txt`]: `${n}\n` },
        }),
      ),
    );
    expect(results[1]?.parents).toEqual([results[0]?.sha]);
    expect(results[2]?.parents).toEqual([results[1]?.sha]);
    expect((await repo.log()).map((c) => c.subject)).toEqual(['c3', 'c2', 'c1', 'Initial commit']);
  });
});

describe('ConfigRepo: branches', () => {
  it('creates, lists, reads and deletes branches', async () => {
    const repo = await guestbookRepo();
    const root = await repo.resolve('main');
    expect(await repo.createBranch({ name: 'feature/scale' })).toEqual({
      kind: 'branch-create',
      name: 'feature/scale',
      sha: root,
    });
    const c = await repo.commit({
      branch: 'feature/scale',
      author: BOB,
      message: 'Scale',
      timestamp: T0 + MINUTE,
      write: { 'apps/guestbook/deployment.yaml': deployment({ replicas: 5 }) },
    });
    expect(await repo.branchHead('feature/scale')).toBe(c.sha);
    expect(await repo.branchHead('main')).toBe(root);
    expect(await repo.listBranches()).toEqual([
      { name: 'feature/scale', sha: c.sha },
      { name: 'main', sha: root },
    ]);
    await expect(repo.createBranch({ name: 'feature/scale' })).rejects.toMatchObject({
      code: 'E_REF_EXISTS',
    });
    await expect(repo.createBranch({ name: 'bad..name' })).rejects.toMatchObject({
      code: 'E_INVALID_REF_NAME',
    });
    await expect(repo.deleteBranch({ name: 'main', timestamp: T0 })).rejects.toMatchObject({
      code: 'E_DELETE_DEFAULT_BRANCH',
    });
    expect(await repo.deleteBranch({ name: 'feature/scale', timestamp: T0 })).toMatchObject({
      sha: c.sha,
      closedPullRequests: [],
    });
    expect((await repo.listBranches()).map((b) => b.name)).toEqual(['main']);
    await expect(repo.branchHead('feature/scale')).rejects.toMatchObject({
      code: 'E_REF_NOT_FOUND',
    });
  });
});
