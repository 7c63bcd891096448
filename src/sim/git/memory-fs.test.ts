import '../../platform/node';
import { describe, expect, it } from 'vitest';
import { createMemoryRepo } from './memory-fs';

describe('createMemoryRepo', () => {
  it('does not make a repository wait while another of the same name is busy', async () => {
    // Two tabs of the app name their repositories alike. With lightning-fs's default backend the
    // second waited for the first one's lock until the first had been idle for 500 ms.
    const one = await createMemoryRepo('same-name');
    const fs = one.lfs.promises;
    let busy = true;
    const keepBusy = (async () => {
      const until = Date.now() + 1_500;
      while (Date.now() < until) await fs.readFile('/repo/.git/HEAD', 'utf8');
      busy = false;
    })();
    const two = await createMemoryRepo('same-name');
    await two.lfs.promises.writeFile('/repo/a.txt', 'two');
    const finishedWhileOneWasBusy = busy;
    await keepBusy;
    expect(finishedWhileOneWasBusy).toBe(true);
    await expect(fs.readFile('/repo/a.txt', 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('hands isomorphic-git an fs it can wrap without an error per call', async () => {
    // isomorphic-git probes the fs with readFile() and no path at every call; lightning-fs makes
    // an error (a stack trace) to reject it.
    const { lfs, ctx } = await createMemoryRepo();
    const probe = (fs: { readFile: unknown }) => (fs.readFile as () => Promise<unknown>)();
    await expect(probe(lfs.promises)).rejects.toThrow();
    await expect(probe(ctx.fs.promises)).resolves.toBeUndefined();
    // The commands are lightning-fs's own, on its own state; rmdir keeps its two parameters
    // (isomorphic-git picks how it removes folders by it).
    await ctx.fs.promises.writeFile('/repo/b.txt', 'bee');
    expect(await lfs.promises.readFile('/repo/b.txt', 'utf8')).toBe('bee');
    expect(await ctx.fs.promises.readFile('/repo/.git/HEAD', 'utf8')).toBe(
      'ref: refs/heads/main\n',
    );
    expect(ctx.fs.promises.rmdir.length).toBe(lfs.promises.rmdir.length);
  });

  it('keeps its files through an idle gap', async () => {
    const { lfs } = await createMemoryRepo();
    await lfs.promises.writeFile('/repo/kept.txt', 'still here');
    await new Promise((r) => setTimeout(r, 700));
    expect(await lfs.promises.readFile('/repo/kept.txt', 'utf8')).toBe('still here');
  });
});
