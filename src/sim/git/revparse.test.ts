import '../../platform/node';
import { describe, expect, it } from 'vitest';
import { ALICE, BOB, MINUTE, T0, guestbookRepo } from './test-fixtures';

async function history() {
  const repo = await guestbookRepo();
  const c0 = await repo.resolve('main');
  const c1 = (
    await repo.commit({
      author: BOB,
      message: 'one',
      timestamp: T0 + MINUTE,
      write: { 'one.txt': '1\n' },
    })
  ).sha;
  const c2 = (
    await repo.commit({
      author: BOB,
      message: 'two',
      timestamp: T0 + 2 * MINUTE,
      write: { 'two.txt': '2\n' },
    })
  ).sha;
  return { repo, c0, c1, c2 };
}

describe('tags', () => {
  it('creates lightweight and annotated tags, lists them peeled to commits', async () => {
    const { repo, c1, c2 } = await history();
    expect(await repo.tag({ name: 'v1.0.0', rev: c1 })).toEqual({
      kind: 'tag',
      name: 'v1.0.0',
      sha: c1,
      annotated: false,
    });
    const annotated = await repo.tag({
      name: 'v2.0.0',
      message: 'Release 2',
      tagger: ALICE,
      timestamp: T0 + 3 * MINUTE,
    });
    expect(annotated).toEqual({ kind: 'tag', name: 'v2.0.0', sha: c2, annotated: true });
    expect(await repo.listTags()).toEqual([
      { name: 'v1.0.0', sha: c1, annotated: false },
      { name: 'v2.0.0', sha: c2, annotated: true },
    ]);
    await expect(repo.tag({ name: 'v1.0.0' })).rejects.toMatchObject({ code: 'E_REF_EXISTS' });
    await expect(repo.tag({ name: 'v3', message: 'no tagger' })).rejects.toMatchObject({
      code: 'E_INVALID_ARGUMENT',
    });
  });
});

describe('resolve', () => {
  it('accepts the revision forms git accepts', async () => {
    const { repo, c0, c1, c2 } = await history();
    await repo.tag({ name: 'v1', rev: c1 });
    await repo.tag({ name: 'v2', rev: c2, message: 'two', tagger: ALICE, timestamp: T0 });
    await repo.createBranch({ name: 'release', from: 'v1' });
    const cases: Array<[string, string]> = [
      [c2, c2],
      [c2.slice(0, 4), c2],
      [c1.slice(0, 12), c1],
      ['HEAD', c2],
      ['main', c2],
      ['refs/heads/main', c2],
      ['HEAD~1', c1],
      ['HEAD~', c1],
      ['HEAD^', c1],
      ['HEAD~2', c0],
      ['main~1~1', c0],
      ['HEAD^0', c2],
      ['v1', c1],
      ['v2', c2],
      ['v2~1', c1],
      ['release', c1],
    ];
    for (const [rev, sha] of cases) expect([rev, await repo.resolve(rev)]).toEqual([rev, sha]);
  });

  it.each([
    ['nope'],
    ['HEAD~3'],
    ['HEAD^2'],
    ['0000000000000000000000000000000000000000'],
    ['deadbeef'],
  ])('rejects %s with E_UNKNOWN_REVISION', async (rev) => {
    const { repo } = await history();
    await expect(repo.resolve(rev)).rejects.toMatchObject({
      code: 'E_UNKNOWN_REVISION',
      data: { rev },
    });
  });

  it('does not resolve a tree or blob id as a revision', async () => {
    const { repo } = await history();
    const tree = (await repo.readCommit('HEAD')).tree;
    await expect(repo.resolve(tree)).rejects.toMatchObject({ code: 'E_UNKNOWN_REVISION' });
  });

  it('rejects an empty revision', async () => {
    const { repo } = await history();
    await expect(repo.resolve('')).rejects.toMatchObject({ code: 'E_INVALID_ARGUMENT' });
  });
});
