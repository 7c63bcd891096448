// Exporting the repository as files: the `.git` directory exactly as isomorphic-git wrote it
// (loose objects, refs, HEAD, config) plus a checked-out work tree and index of `main`, so that
// native git opens it as an ordinary clone. The entries are plain bytes: the UI zips them, the
// Node CLI writes them to disk (export-node.ts).
import type FS from '@isomorphic-git/lightning-fs';
import * as git from 'isomorphic-git';
import type { GitContext } from './objects';
import type { ExportEntry } from './types';

async function walk(
  fs: FS.PromisifiedFS,
  root: string,
  dir: string,
  out: ExportEntry[],
): Promise<void> {
  for (const name of (await fs.readdir(dir)).sort()) {
    const path = `${dir}/${name}`;
    if ((await fs.stat(path)).type === 'dir') await walk(fs, root, path, out);
    // Copy: lightning-fs hands out the very buffer it stores.
    else
      out.push({
        path: path.slice(root.length + 1),
        bytes: new Uint8Array(await fs.readFile(path)),
      });
  }
}

/** Sorted by path. Checks out `branch` into the in-memory work tree first. */
export async function exportEntries(
  ctx: GitContext,
  fs: FS.PromisifiedFS,
  branch: string,
): Promise<ExportEntry[]> {
  // The repository is committed to without a work tree; materialize one only now, on demand.
  await git.checkout({ ...ctx, ref: branch, force: true });
  const out: ExportEntry[] = [];
  await walk(fs, ctx.dir, ctx.dir, out);
  return out;
}
