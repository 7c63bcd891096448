// An empty git repository in memory: lightning-fs over its MemoryBackend, initialised with `main`.
import LightningFS, { MemoryBackend } from '@isomorphic-git/lightning-fs';
import * as git from 'isomorphic-git';
import { HeapBackend } from './heap-backend';
import type { GitContext } from './objects';
import { RevisionCache } from './revision-cache';

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
  const ctx: GitContext = {
    fs: boundOnce(lfs),
    dir: '/repo',
    gitdir: '/repo/.git',
    cache: {},
    revisions: new RevisionCache(),
  };
  await git.init({ ...ctx, defaultBranch: DEFAULT_BRANCH });
  // isomorphic-git writes ignorecase = true; the export lands on case-sensitive disks too.
  await git.setConfig({ ...ctx, path: 'core.ignorecase', value: false });
  return { lfs, ctx };
}

/**
 * lightning-fs's promise API, bound once. isomorphic-git wraps the fs it is given at every call
 * (`new FileSystem(fs)`): it binds each command, and first probes the fs by calling `readFile()`
 * with no path, which lightning-fs answers by building and throwing an error (a stack trace) twice
 * per call. Here the commands are bound already and the probe is answered without an error.
 */
function boundOnce(lfs: LightningFS): GitContext['fs'] {
  const real = lfs.promises;
  const promises: Record<string, unknown> = {};
  let proto: object | null = real;
  while (proto && proto !== Object.prototype) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const value: unknown = (real as unknown as Record<string, unknown>)[name];
      if (name === 'constructor' || name in promises || typeof value !== 'function') continue;
      // eslint-disable-next-line driftlab/no-unsafe-key-write -- lightning-fs's method names
      promises[name] = (value as (...args: unknown[]) => unknown).bind(real);
    }
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  const readFile = promises.readFile as (...args: unknown[]) => Promise<unknown>;
  promises.readFile = (...args: unknown[]) =>
    args.length === 0 ? PROBE_ANSWER : readFile(...args);
  return { promises } as unknown as GitContext['fs'];
}

/** What a readFile without a path answers: a promise, which is all the probe looks for. */
const PROBE_ANSWER: Promise<undefined> = Promise.resolve(undefined);
