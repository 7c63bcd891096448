import { describe, expect, it } from 'vitest';
import { RevisionCache } from './revision-cache';

/** A resolver that answers `sha` and counts how often it was asked. */
function resolver(sha: string) {
  const r = { asked: 0, sha, resolve: () => (r.asked++, Promise.resolve(r.sha)) };
  return r;
}

describe('the repository revision cache', () => {
  it('keeps an answer until a write, which forgets it', async () => {
    const cache = new RevisionCache();
    const main = resolver('a1');
    expect(await cache.resolve('ref refs/heads/main', main.resolve)).toBe('a1');
    expect(await cache.resolve('ref refs/heads/main', main.resolve)).toBe('a1');
    expect(main.asked).toBe(1);
    main.sha = 'b2';
    await cache.whileWriting(() => undefined);
    expect(await cache.resolve('ref refs/heads/main', main.resolve)).toBe('b2');
    expect(main.asked).toBe(2);
  });

  it('does not keep an answer found while a write ran (it may be the old one)', async () => {
    const cache = new RevisionCache();
    const main = resolver('a1');
    await cache.whileWriting(async () => {
      expect(await cache.resolve('rev main', main.resolve)).toBe('a1');
    });
    main.sha = 'b2';
    expect(await cache.resolve('rev main', main.resolve)).toBe('b2');
  });

  it('forgets every answer even when the write fails', async () => {
    const cache = new RevisionCache();
    const tag = resolver('a1');
    await cache.resolve('rev v1', tag.resolve);
    tag.sha = 'c3';
    await expect(cache.whileWriting(() => Promise.reject(new Error('disk full')))).rejects.toThrow(
      'disk full',
    );
    expect(await cache.resolve('rev v1', tag.resolve)).toBe('c3');
  });
});
