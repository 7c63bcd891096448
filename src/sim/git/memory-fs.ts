// An empty git repository in memory: lightning-fs over its MemoryBackend, initialised with `main`.
import LightningFS, { MemoryBackend } from '@isomorphic-git/lightning-fs';
import * as git from 'isomorphic-git';
import type { GitContext } from './objects';

export const DEFAULT_BRANCH = 'main';

let instances = 0;

/** @param name WARNING: in the browser it names a Web Lock shared by every tab of the origin, so
 * two live repositories (or tabs) must not share one. Defaults to a per-process counter. */
export async function createMemoryRepo(
  name?: string,
): Promise<{ lfs: LightningFS; ctx: GitContext }> {
  const lfs = new LightningFS(name ?? `driftlab-repo-${++instances}`, { db: new MemoryBackend() });
  const ctx: GitContext = { fs: lfs, dir: '/repo', gitdir: '/repo/.git', cache: {} };
  await git.init({ ...ctx, defaultBranch: DEFAULT_BRANCH });
  // isomorphic-git writes ignorecase = true; the export lands on case-sensitive disks too.
  await git.setConfig({ ...ctx, path: 'core.ignorecase', value: false });
  return { lfs, ctx };
}
