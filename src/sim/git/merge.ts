// Merging one branch into another with a real merge commit (two parents), the way a pull request
// is merged with "Create a merge commit". The three-way merge itself is isomorphic-git's `merge`,
// which works on trees alone, so the in-memory repository needs no work tree for it.
import * as git from 'isomorphic-git';
import { Errors } from 'isomorphic-git';
import { toIdent } from './commit';
import { changedFiles } from './diff';
import { MergeConflictError, NothingToCompareError } from './errors';
import type { GitContext, ObjectStore } from './objects';
import { branchHead, fullRef, writingRefs } from './refs';
import type { Author, FileChange } from './types';

export interface MergeRequest {
  base: string;
  head: string;
  message: string;
  author: Author;
  timestamp: number;
}

export interface MergeOutcome {
  sha: string;
  parents: string[];
  files: FileChange[];
}

async function runMerge(ctx: GitContext, req: MergeRequest, dryRun: boolean) {
  const ident = toIdent(req.author, req.timestamp);
  // A merge moves the base branch: refs resolved before are forgotten, before and after it.
  const merge = () =>
    git.merge({
      ...ctx,
      ours: fullRef('branch', req.base),
      theirs: fullRef('branch', req.head),
      fastForward: false,
      abortOnConflict: true,
      dryRun,
      message: req.message,
      author: ident,
      committer: ident,
    });
  try {
    return await (dryRun ? merge() : writingRefs(ctx, merge));
  } catch (err) {
    if (err instanceof Errors.MergeConflictError) {
      throw new MergeConflictError(req.base, req.head, [...err.data.filepaths].sort());
    }
    // Criss-cross histories and file/directory clashes: isomorphic-git gives up, and so does
    // GitHub's merge button.
    if (err instanceof Errors.MergeNotSupportedError) {
      throw new MergeConflictError(req.base, req.head, []);
    }
    throw err;
  }
}

/** Merge `head` into `base` and move `base` to the merge commit. */
export async function mergeBranches(
  ctx: GitContext,
  store: ObjectStore,
  req: MergeRequest,
): Promise<MergeOutcome> {
  const before = await branchHead(ctx, req.base);
  await branchHead(ctx, req.head);
  const result = await runMerge(ctx, req, false);
  if (result.alreadyMerged || !result.oid) throw new NothingToCompareError(req.head, req.base);
  const merged = await store.commit(result.oid);
  const beforeTree = await store.flat((await store.commit(before)).tree);
  return {
    sha: merged.sha,
    parents: merged.parents,
    files: changedFiles(beforeTree, await store.flat(merged.tree)),
  };
}

/** Files that conflict when merging `head` into `base`; computes the merge, writes nothing. */
export async function mergeConflicts(
  ctx: GitContext,
  base: string,
  head: string,
): Promise<string[]> {
  await branchHead(ctx, base);
  await branchHead(ctx, head);
  try {
    await runMerge(
      ctx,
      { base, head, message: 'check', author: { name: 'check' }, timestamp: 0 },
      true,
    );
    return [];
  } catch (err) {
    if (err instanceof MergeConflictError) return err.data.files;
    throw err;
  }
}
