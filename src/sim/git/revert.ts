// `git revert`: a new commit that undoes an earlier one on top of the branch's current head.
// isomorphic-git has no revert, so each file the commit changed gets the inverse of that change
// (commit -> parent, made by `diff`'s structuredPatch) applied onto the head's version. When the
// inverse does not apply, the file has moved on since and the revert is refused, as git stops with
// a conflict.
import { applyPatch, structuredPatch } from 'diff';
import {
  InvalidArgumentError,
  NothingToCommitError,
  RevertConflictError,
  RevertMergeNeedsMainlineError,
} from './errors';
import { writeCommitOnBranch } from './commit';
import { changedFiles } from './diff';
import {
  EMPTY_FLAT,
  type FileEntry,
  type FlatTree,
  type GitContext,
  type ObjectStore,
} from './objects';
import { DEFAULT_BRANCH } from './memory-fs';
import { branchHead } from './refs';
import { buildTree } from './tree-build';
import type { Author, ChangeOf, CommitInfo } from './types';
import { assertAuthor, assertRefName, assertTimestamp } from './validate';

export interface RevertOptions {
  /** Any revision `resolve` accepts. */
  rev: string;
  /** Defaults to `main`. */
  branch?: string;
  author: Author;
  timestamp: number;
  /** For a merge commit: which parent (1-based, like `git revert -m`) is the mainline to go back to. */
  mainline?: number;
}

// One line of context: the inverse only applies when the lines right next to the change are
// still as the commit left them. That matches git, which reports a conflict when another change
// touches or is adjacent to the reverted lines, and merges cleanly when an unchanged line separates them.
const CONTEXT_LINES = 1;

/** The message `git revert` writes (sequencer.c), byte for byte. */
export function revertMessage(commit: CommitInfo, mainlineParent?: string): string {
  const reversing = mainlineParent ? `, reversing\nchanges made to ${mainlineParent}` : '';
  return `Revert "${commit.subject}"\n\nThis reverts commit ${commit.sha}${reversing}.\n`;
}

function pickParent(commit: CommitInfo, mainline: number | undefined): string | undefined {
  if (commit.parents.length > 1) {
    if (mainline === undefined) throw new RevertMergeNeedsMainlineError(commit.sha, commit.parents);
    const parent = Number.isInteger(mainline) ? commit.parents[mainline - 1] : undefined;
    if (parent === undefined)
      throw new InvalidArgumentError('mainline', `commit has ${commit.parents.length} parents`);
    return parent;
  }
  if (mainline !== undefined) throw new InvalidArgumentError('mainline', 'commit is not a merge');
  return commit.parents[0];
}

interface RevertPlan {
  upserts: Map<string, FileEntry>;
  removes: string[];
  conflicts: string[];
}

async function planRevert(
  store: ObjectStore,
  parent: FlatTree,
  commit: FlatTree,
  head: FlatTree,
): Promise<RevertPlan> {
  const plan: RevertPlan = { upserts: new Map(), removes: [], conflicts: [] };
  for (const { path } of changedFiles(parent, commit)) {
    const before = parent.files.get(path);
    const after = commit.files.get(path);
    const now = head.files.get(path);
    if (now?.oid === before?.oid) continue;
    if (now?.oid === after?.oid) {
      if (before) plan.upserts.set(path, before);
      else plan.removes.push(path);
      continue;
    }
    // The head changed this file since: only a content change on all three sides can be merged.
    if (!before || !after || !now) {
      plan.conflicts.push(path);
      continue;
    }
    const inverse = structuredPatch(
      path,
      path,
      await store.text(after.oid),
      await store.text(before.oid),
      undefined,
      undefined,
      {
        context: CONTEXT_LINES,
      },
    );
    const result = applyPatch(await store.text(now.oid), inverse);
    if (result === false) plan.conflicts.push(path);
    else plan.upserts.set(path, { oid: await store.writeText(result), mode: now.mode });
  }
  return plan;
}

export async function revertCommit(
  ctx: GitContext,
  store: ObjectStore,
  sha: string,
  opts: RevertOptions,
): Promise<ChangeOf<'revert'>> {
  const branch = opts.branch ?? DEFAULT_BRANCH;
  assertRefName(branch);
  assertAuthor(opts.author);
  assertTimestamp(opts.timestamp);
  const commit = await store.commit(sha);
  const parentSha = pickParent(commit, opts.mainline);
  const parentFlat =
    parentSha === undefined ? EMPTY_FLAT : await store.flat((await store.commit(parentSha)).tree);
  const head = await branchHead(ctx, branch);
  const headFlat = await store.flat((await store.commit(head)).tree);

  const plan = await planRevert(store, parentFlat, await store.flat(commit.tree), headFlat);
  if (plan.conflicts.length > 0) throw new RevertConflictError(commit.sha, plan.conflicts);
  const built = await buildTree(store, headFlat, plan.upserts, plan.removes);
  if (built.changes.length === 0) throw new NothingToCommitError(branch);

  const message = revertMessage(commit, commit.parents.length > 1 ? parentSha : undefined);
  const info = await writeCommitOnBranch(ctx, store, {
    ...opts,
    branch,
    message,
    parents: [head],
    tree: built.flat,
  });
  return {
    kind: 'revert',
    branch,
    sha: info.sha,
    parents: info.parents,
    reverted: commit.sha,
    files: built.changes,
  };
}
