import '../../platform/node';
import { describe, expect, it } from 'vitest';
import type { ConfigRepo } from './repo';
import { ALICE, BOB, MINUTE, T0, deployment, guestbookRepo } from './test-fixtures';

const DEPLOY = 'apps/guestbook/deployment.yaml';

async function branchWith(
  repo: ConfigRepo,
  name: string,
  text: string,
  at = T0 + MINUTE,
): Promise<string> {
  await repo.createBranch({ name });
  return (
    await repo.commit({
      branch: name,
      author: BOB,
      message: `Change on ${name}`,
      timestamp: at,
      write: { [DEPLOY]: text },
    })
  ).sha;
}

describe('pull requests', () => {
  it('open, approve, merge: a merge commit with base and head as parents', async () => {
    const repo = await guestbookRepo();
    const head = await branchWith(repo, 'scale-up', deployment({ replicas: 4 }));
    // main moves on meanwhile, in another file, so the merge is a real three-way merge
    const other = await repo.commit({
      author: ALICE,
      message: 'Docs',
      timestamp: T0 + 2 * MINUTE,
      write: { 'README.md': 'docs\n' },
    });

    const opened = await repo.openPullRequest({
      head: 'scale-up',
      title: 'Scale guestbook to 4',
      user: 'Bob',
      timestamp: T0 + 3 * MINUTE,
    });
    expect(opened.pr).toMatchObject({
      id: 1,
      state: 'open',
      author: 'Bob',
      head: 'scale-up',
      base: 'main',
      approvals: [],
    });
    const approved = await repo.approvePullRequest({ id: 1, user: 'Alice' });
    expect(approved.pr.approvals).toEqual(['Alice']);
    expect(await repo.pullRequestConflicts(1)).toEqual([]);

    const merged = await repo.mergePullRequest({
      id: 1,
      author: ALICE,
      timestamp: T0 + 4 * MINUTE,
    });
    expect(merged.parents).toEqual([other.sha, head]);
    expect(merged.files).toEqual([{ path: DEPLOY, status: 'modified' }]);
    expect(merged.pr).toMatchObject({
      state: 'merged',
      mergeSha: merged.sha,
      mergedAt: T0 + 4 * MINUTE,
    });
    const commit = await repo.readCommit('main');
    expect(commit.sha).toBe(merged.sha);
    expect(commit.message).toBe('Merge pull request #1 from scale-up\n\nScale guestbook to 4\n');
    expect(await repo.readFile('main', DEPLOY)).toBe(deployment({ replicas: 4 }));
    expect(await repo.readFile('main', 'README.md')).toBe('docs\n');
    expect(repo.pullRequest(1).state).toBe('merged');
    await expect(
      repo.mergePullRequest({ id: 1, author: ALICE, timestamp: T0 }),
    ).rejects.toMatchObject({ code: 'E_PR_NOT_OPEN' });
  });

  it('makes a merge commit even when main has not moved (no fast-forward)', async () => {
    const repo = await guestbookRepo();
    const root = await repo.resolve('main');
    const head = await branchWith(repo, 'scale-up', deployment({ replicas: 4 }));
    await repo.openPullRequest({ head: 'scale-up', title: 'Scale', user: 'Bob', timestamp: T0 });
    const merged = await repo.mergePullRequest({ id: 1, author: BOB, timestamp: T0 + 2 * MINUTE });
    expect(merged.parents).toEqual([root, head]);
  });

  it('refuses self-approval', async () => {
    const repo = await guestbookRepo();
    await branchWith(repo, 'scale-up', deployment({ replicas: 4 }));
    await repo.openPullRequest({ head: 'scale-up', title: 'Scale', user: 'Bob', timestamp: T0 });
    const err = await repo.approvePullRequest({ id: 1, user: 'Bob' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_PR_SELF_APPROVAL', data: { id: 1, user: 'Bob' } });
    expect(repo.pullRequest(1).approvals).toEqual([]);
  });

  it('refuses to merge without the required approvals', async () => {
    const repo = await guestbookRepo({ requiredApprovals: 1 });
    await branchWith(repo, 'scale-up', deployment({ replicas: 4 }));
    await repo.openPullRequest({ head: 'scale-up', title: 'Scale', user: 'Bob', timestamp: T0 });
    await expect(
      repo.mergePullRequest({ id: 1, author: BOB, timestamp: T0 }),
    ).rejects.toMatchObject({
      code: 'E_PR_APPROVALS_REQUIRED',
      data: { required: 1, approvals: 0 },
    });
    await repo.approvePullRequest({ id: 1, user: 'Alice' });
    await expect(
      repo.mergePullRequest({ id: 1, author: BOB, timestamp: T0 }),
    ).resolves.toMatchObject({ kind: 'pr-merge' });
  });

  it('refuses a merge that conflicts with the base, leaving main untouched', async () => {
    const repo = await guestbookRepo();
    await branchWith(repo, 'image-2', deployment({ image: 'ghcr.io/driftlab/guestbook:2.0.0' }));
    await repo.commit({
      author: ALICE,
      message: 'Hotfix image',
      timestamp: T0 + 2 * MINUTE,
      write: { [DEPLOY]: deployment({ image: 'ghcr.io/driftlab/guestbook:1.0.1' }) },
    });
    const before = await repo.resolve('main');
    await repo.openPullRequest({
      head: 'image-2',
      title: 'Bump image',
      user: 'Bob',
      timestamp: T0,
    });
    expect(await repo.pullRequestConflicts(1)).toEqual([DEPLOY]);
    await expect(
      repo.mergePullRequest({ id: 1, author: BOB, timestamp: T0 + 3 * MINUTE }),
    ).rejects.toMatchObject({
      code: 'E_MERGE_CONFLICT',
      data: { base: 'main', head: 'image-2', files: [DEPLOY] },
    });
    expect(await repo.resolve('main')).toBe(before);
    expect(repo.pullRequest(1).state).toBe('open');
  });

  it('refuses pull requests with nothing to compare, duplicates and unknown ids', async () => {
    const repo = await guestbookRepo();
    await repo.createBranch({ name: 'empty' });
    await expect(
      repo.openPullRequest({ head: 'empty', title: 'Nothing', user: 'Bob', timestamp: T0 }),
    ).rejects.toMatchObject({
      code: 'E_PR_NOTHING_TO_COMPARE',
    });
    await branchWith(repo, 'scale-up', deployment({ replicas: 4 }));
    await repo.openPullRequest({ head: 'scale-up', title: 'Scale', user: 'Bob', timestamp: T0 });
    await expect(
      repo.openPullRequest({ head: 'scale-up', title: 'Again', user: 'Bob', timestamp: T0 }),
    ).rejects.toMatchObject({
      code: 'E_PR_EXISTS',
    });
    await expect(
      repo.openPullRequest({ head: 'scale-up', title: ' ', user: 'Bob', timestamp: T0 }),
    ).rejects.toMatchObject({
      code: 'E_INVALID_ARGUMENT',
    });
    expect(() => repo.pullRequest(42)).toThrow(expect.objectContaining({ code: 'E_PR_NOT_FOUND' }));
  });

  it('closes open pull requests when their branch is deleted, and closes on request', async () => {
    const repo = await guestbookRepo();
    await branchWith(repo, 'a', deployment({ replicas: 4 }));
    await branchWith(repo, 'b', deployment({ replicas: 5 }));
    await repo.openPullRequest({ head: 'a', title: 'A', user: 'Bob', timestamp: T0 });
    await repo.openPullRequest({ head: 'b', title: 'B', user: 'Bob', timestamp: T0 });
    expect(await repo.deleteBranch({ name: 'a', timestamp: T0 + MINUTE })).toMatchObject({
      closedPullRequests: [1],
    });
    expect(repo.pullRequest(1)).toMatchObject({ state: 'closed', closedAt: T0 + MINUTE });
    expect(
      (await repo.closePullRequest({ id: 2, user: 'Alice', timestamp: T0 + 2 * MINUTE })).pr.state,
    ).toBe('closed');
    expect(repo.pullRequests().map((pr) => pr.state)).toEqual(['closed', 'closed']);
  });

  it('hands out frozen records', async () => {
    const repo = await guestbookRepo();
    await branchWith(repo, 'a', deployment({ replicas: 4 }));
    const { pr } = await repo.openPullRequest({
      head: 'a',
      title: 'A',
      user: 'Bob',
      timestamp: T0,
    });
    expect(Object.isFrozen(pr) && Object.isFrozen(pr.approvals)).toBe(true);
  });
});
