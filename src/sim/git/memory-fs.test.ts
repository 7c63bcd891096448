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

  it('keeps its files through an idle gap', async () => {
    const { lfs } = await createMemoryRepo();
    await lfs.promises.writeFile('/repo/kept.txt', 'still here');
    await new Promise((r) => setTimeout(r, 700));
    expect(await lfs.promises.readFile('/repo/kept.txt', 'utf8')).toBe('still here');
  });
});
