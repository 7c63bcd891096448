import '../../platform/node';
import { describe, expect, it } from 'vitest';
import { BOB, MINUTE, T0, guestbookRepo } from './test-fixtures';

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

describe('exportRepository', () => {
  it('lists the .git directory and a work tree of main as byte entries', async () => {
    const repo = await guestbookRepo();
    await repo.createBranch({ name: 'feature' });
    await repo.commit({
      branch: 'feature',
      author: BOB,
      message: 'On feature',
      timestamp: T0 + MINUTE,
      write: { 'feature.txt': 'f\n' },
    });
    await repo.commit({
      author: BOB,
      message: 'Drop README',
      timestamp: T0 + MINUTE,
      remove: ['README.md'],
    });

    const entries = await repo.exportRepository();
    const byPath = new Map(entries.map((e) => [e.path, e.bytes]));
    expect(entries.map((e) => e.path)).toEqual([...byPath.keys()].sort());
    expect(text(byPath.get('.git/HEAD'))).toBe('ref: refs/heads/main\n');
    expect(text(byPath.get('.git/refs/heads/main')).trim()).toBe(await repo.resolve('main'));
    expect(text(byPath.get('.git/refs/heads/feature')).trim()).toBe(await repo.resolve('feature'));
    expect(byPath.has('.git/index')).toBe(true);
    expect(text(byPath.get('apps/guestbook/service.yaml'))).toBe(
      await repo.readFile('main', 'apps/guestbook/service.yaml'),
    );
    expect(byPath.has('README.md')).toBe(false);
    expect(byPath.has('feature.txt')).toBe(false);
  });

  it('follows main on a second export', async () => {
    const repo = await guestbookRepo();
    await repo.exportRepository();
    await repo.commit({
      author: BOB,
      message: 'Drop README',
      timestamp: T0 + MINUTE,
      remove: ['README.md'],
    });
    const paths = (await repo.exportRepository()).map((e) => e.path);
    expect(paths).not.toContain('README.md');
    expect(paths).toContain('apps/guestbook/deployment.yaml');
  });
});
