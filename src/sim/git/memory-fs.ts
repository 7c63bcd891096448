// An empty git repository in memory: lightning-fs over its MemoryBackend, initialised with `main`.
import LightningFS, { MemoryBackend } from '@isomorphic-git/lightning-fs';
import * as git from 'isomorphic-git';
import { HeapBackend } from './heap-backend';
import type { GitContext } from './objects';

export const DEFAULT_BRANCH = 'main';

let instances = 0;

/** @param name only a label: repositories of the same name are independent (see heap-backend.ts).
 * Defaults to a per-process counter. */
export async function createMemoryRepo(
  name?: string,
): Promise<{ lfs: LightningFS; ctx: GitContext }> {
  // `backend` is an option lightning-fs reads but does not declare.
  const options = { db: new MemoryBackend(), backend: new HeapBackend() };
  const lfs = new LightningFS(name ?? `driftlab-repo-${++instances}`, options);
  const ctx: GitContext = { fs: lfs, dir: '/repo', gitdir: '/repo/.git', cache: {} };
  await git.init({ ...ctx, defaultBranch: DEFAULT_BRANCH });
  // isomorphic-git writes ignorecase = true; the export lands on case-sensitive disks too.
  await git.setConfig({ ...ctx, path: 'core.ignorecase', value: false });
  return { lfs, ctx };
}
