import '../../platform/node';
import { describe, expect, it } from 'vitest';
import type { ConfigRepo } from './repo';
import { revertMessage } from './revert';
import { ALICE, BOB, MINUTE, T0, deployment, guestbookRepo } from './test-fixtures';

const DEPLOY = 'apps/guestbook/deployment.yaml';

function editDeploy(
  repo: ConfigRepo,
  message: string,
  timestamp: number,
  opts: Parameters<typeof deployment>[0],
  branch = 'main',
) {
  return repo.commit({
    branch,
    author: BOB,
    message,
    timestamp,
    write: { [DEPLOY]: deployment(opts) },
  });
}
const IMAGE_2 = 'ghcr.io/driftlab/guestbook:2.0.0';

describe('revert', () => {
  it('restores the content and writes the message git writes', async () => {
    const repo = await guestbookRepo();
    const bad = await repo.commit({
      author: BOB,
      message: 'Bump guestbook to 2.0.0\n\nRelease notes.',
      timestamp: T0 + MINUTE,
      write: {
        [DEPLOY]: deployment({ image: IMAGE_2 }),
        'apps/guestbook/hpa.yaml': 'kind: HorizontalPodAutoscaler\n',
      },
    });
    const result = await repo.revert({ rev: bad.sha, author: ALICE, timestamp: T0 + 2 * MINUTE });
    expect(result).toMatchObject({
      kind: 'revert',
      branch: 'main',
      reverted: bad.sha,
      parents: [bad.sha],
    });
    expect(result.files).toEqual([
      { path: 'apps/guestbook/deployment.yaml', status: 'modified' },
      { path: 'apps/guestbook/hpa.yaml', status: 'deleted' },
    ]);
    expect(await repo.readFile('main', DEPLOY)).toBe(deployment());
    const commit = await repo.readCommit('main');
    expect(commit.message).toBe(
      `Revert "Bump guestbook to 2.0.0"\n\nThis reverts commit ${bad.sha}.\n`,
    );
    expect((await repo.readCommit('main')).tree).toBe((await repo.readCommit(`${bad.sha}~1`)).tree);
  });

  it('reverts an older commit under a later one that changed another part of the file', async () => {
    const repo = await guestbookRepo();
    const bump = await editDeploy(repo, 'Bump image', T0 + MINUTE, { image: IMAGE_2 });
    await editDeploy(repo, 'Scale', T0 + 2 * MINUTE, { image: IMAGE_2, replicas: 5 });
    await repo.revert({ rev: bump.sha, author: ALICE, timestamp: T0 + 3 * MINUTE });
    expect(await repo.readFile('main', DEPLOY)).toBe(deployment({ replicas: 5 }));
  });

  it('refuses with E_REVERT_CONFLICT when the lines changed again since', async () => {
    const repo = await guestbookRepo();
    const bump = await editDeploy(repo, 'Bump image', T0 + MINUTE, { image: IMAGE_2 });
    await editDeploy(repo, 'Bump again', T0 + 2 * MINUTE, {
      image: 'ghcr.io/driftlab/guestbook:3.0.0',
    });
    const head = await repo.resolve('main');
    const err = await repo
      .revert({ rev: bump.sha, author: ALICE, timestamp: T0 + 3 * MINUTE })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'E_REVERT_CONFLICT',
      data: { sha: bump.sha, files: [DEPLOY] },
    });
    expect(await repo.resolve('main')).toBe(head);
  });

  // Like git: a later change right next to the reverted line conflicts; one unchanged line between them merges.
  it.each([
    ['separated by one unchanged line', 4, true],
    ['adjacent', 3, false],
    ['on the same line', 2, false],
  ])('reverts under a later change %s: clean=%s', async (_case, laterLine, clean) => {
    const lines = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const text = (edits: Record<number, string>) =>
      lines.map((l, i) => edits[i] ?? l).join('\n') + '\n';
    const repo = await guestbookRepo({ files: { 'notes.txt': text({}) } });
    const first = await repo.commit({
      author: BOB,
      message: 'first',
      timestamp: T0 + MINUTE,
      write: { 'notes.txt': text({ 2: 'C' }) },
    });
    await repo.commit({
      author: BOB,
      message: 'later',
      timestamp: T0 + 2 * MINUTE,
      write: { 'notes.txt': text({ 2: 'C', [laterLine]: 'X' }) },
    });
    const attempt = repo.revert({ rev: first.sha, author: ALICE, timestamp: T0 + 3 * MINUTE });
    if (clean) {
      await attempt;
      expect(await repo.readFile('main', 'notes.txt')).toBe(text({ [laterLine]: 'X' }));
    } else {
      await expect(attempt).rejects.toMatchObject({ code: 'E_REVERT_CONFLICT' });
    }
  });

  it('refuses a revert that would change nothing', async () => {
    const repo = await guestbookRepo();
    const bump = await editDeploy(repo, 'Bump image', T0 + MINUTE, { image: IMAGE_2 });
    await repo.revert({ rev: bump.sha, author: ALICE, timestamp: T0 + 2 * MINUTE });
    await expect(
      repo.revert({ rev: bump.sha, author: ALICE, timestamp: T0 + 3 * MINUTE }),
    ).rejects.toMatchObject({ code: 'E_NOTHING_TO_COMMIT' });
  });

  it('refuses a merge commit without a mainline, reverts it with one', async () => {
    const repo = await guestbookRepo();
    const mainBefore = await repo.resolve('main');
    await repo.createBranch({ name: 'image-2' });
    await editDeploy(repo, 'Bump image', T0 + MINUTE, { image: IMAGE_2 }, 'image-2');
    await repo.openPullRequest({
      head: 'image-2',
      title: 'Bump image',
      user: 'Bob',
      timestamp: T0 + MINUTE,
    });
    const merge = await repo.mergePullRequest({ id: 1, author: ALICE, timestamp: T0 + 2 * MINUTE });

    await expect(
      repo.revert({ rev: 'main', author: ALICE, timestamp: T0 + 3 * MINUTE }),
    ).rejects.toMatchObject({
      code: 'E_REVERT_MERGE_NEEDS_MAINLINE',
      data: { sha: merge.sha, parents: merge.parents },
    });
    await expect(
      repo.revert({ rev: 'main', mainline: 3, author: ALICE, timestamp: T0 }),
    ).rejects.toMatchObject({ code: 'E_INVALID_ARGUMENT' });
    await repo.revert({ rev: 'main', mainline: 1, author: ALICE, timestamp: T0 + 3 * MINUTE });
    expect(await repo.readFile('main', DEPLOY)).toBe(deployment());
    expect((await repo.readCommit('main')).message).toBe(
      `Revert "Merge pull request #1 from image-2"\n\nThis reverts commit ${merge.sha}, reversing\nchanges made to ${mainBefore}.\n`,
    );
  });

  it('refuses a mainline for an ordinary commit', async () => {
    const repo = await guestbookRepo();
    const c = await repo.commit({
      author: BOB,
      message: 'x',
      timestamp: T0,
      write: { 'x.txt': 'x\n' },
    });
    await expect(
      repo.revert({ rev: c.sha, mainline: 1, author: ALICE, timestamp: T0 }),
    ).rejects.toMatchObject({ code: 'E_INVALID_ARGUMENT' });
  });

  it('formats the message from the subject line only', () => {
    const commit = {
      sha: 'a'.repeat(40),
      subject: 'Subject',
      parents: [],
      tree: '',
      author: { name: 'x', email: '' },
      message: 'Subject\n\nBody\n',
      timestamp: 0,
    };
    expect(revertMessage(commit)).toBe(
      `Revert "Subject"\n\nThis reverts commit ${'a'.repeat(40)}.\n`,
    );
  });
});
