// Refs are resolved once and remembered until a ref is written: every write (a commit, a branch
// made or deleted, a tag, a merge) must make the next resolve read the ref again.
import '../../platform/node';
import { describe, expect, it } from 'vitest';
import { ALICE, BOB, MINUTE, T0, deployment, guestbookRepo } from './test-fixtures';

describe('resolving refs', () => {
  it('answers what the refs hold after every kind of ref write', async () => {
    const repo = await guestbookRepo();
    const first = await repo.resolve('main');
    expect(await repo.resolve('HEAD')).toBe(first);
    // A commit moves main (and HEAD with it).
    const second = await repo.commit({
      author: ALICE,
      message: 'Scale',
      timestamp: T0 + MINUTE,
      write: { 'apps/guestbook/deployment.yaml': deployment({ replicas: 5 }) },
    });
    expect(await repo.resolve('main')).toBe(second.sha);
    expect(await repo.resolve('HEAD')).toBe(second.sha);
    // A tag asked for before it exists, then made.
    await expect(repo.resolve('v1')).rejects.toMatchObject({ code: 'E_UNKNOWN_REVISION' });
    await repo.tag({ name: 'v1', rev: first });
    expect(await repo.resolve('v1')).toBe(first);
    // A branch made, moved by a commit on it, merged into main, deleted.
    await repo.createBranch({ name: 'feature' });
    expect(await repo.resolve('feature')).toBe(second.sha);
    const onFeature = await repo.commit({
      author: BOB,
      branch: 'feature',
      message: 'More',
      timestamp: T0 + 2 * MINUTE,
      write: { 'apps/guestbook/deployment.yaml': deployment({ replicas: 6 }) },
    });
    expect(await repo.resolve('feature')).toBe(onFeature.sha);
    await repo.openPullRequest({ head: 'feature', title: 'More', user: 'Bob', timestamp: T0 });
    await repo.approvePullRequest({ id: 1, user: 'Alice' });
    expect(await repo.pullRequestConflicts(1)).toEqual([]);
    expect(await repo.resolve('main')).toBe(second.sha);
    const merged = await repo.mergePullRequest({
      id: 1,
      author: ALICE,
      timestamp: T0 + 3 * MINUTE,
    });
    expect(await repo.resolve('main')).toBe(merged.sha);
    await repo.deleteBranch({ name: 'feature', timestamp: T0 + 4 * MINUTE });
    await expect(repo.resolve('feature')).rejects.toMatchObject({ code: 'E_UNKNOWN_REVISION' });
  });
});
