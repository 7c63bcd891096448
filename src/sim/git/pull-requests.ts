// The git side of pull requests: GitHub's checks that need the repository (is the head ahead of
// the base? does it merge cleanly?) and the merge itself. The records and their rules are pr.ts.
import * as git from 'isomorphic-git';
import { assertCommitBasics } from './commit';
import { InvalidArgumentError, NothingToCompareError } from './errors';
import { mergeBranches } from './merge';
import { DEFAULT_BRANCH } from './memory-fs';
import type { GitContext, ObjectStore } from './objects';
import type { PullRequestBook } from './pr';
import { branchHead } from './refs';
import type { Author, ChangeOf } from './types';

export interface OpenPullRequestOptions {
  head: string;
  /** Defaults to `main`. */
  base?: string;
  title: string;
  user: string;
  timestamp: number;
}

export interface MergePullRequestOptions {
  id: number;
  /** Who presses the button: author and committer of the merge commit. */
  author: Author;
  timestamp: number;
}

/** GitHub refuses a pull request whose head brings nothing the base lacks. */
async function assertAhead(ctx: GitContext, head: string, base: string): Promise<void> {
  const headSha = await branchHead(ctx, head);
  const baseSha = await branchHead(ctx, base);
  const contained =
    headSha === baseSha ||
    (await git.isDescendent({ ...ctx, oid: baseSha, ancestor: headSha, depth: -1 }));
  if (contained) throw new NothingToCompareError(head, base);
}

export async function openPullRequest(
  ctx: GitContext,
  book: PullRequestBook,
  opts: OpenPullRequestOptions,
): Promise<ChangeOf<'pr-open'>> {
  const base = opts.base ?? DEFAULT_BRANCH;
  if (opts.head === base)
    throw new InvalidArgumentError('head', 'head and base are the same branch');
  await assertAhead(ctx, opts.head, base);
  return { kind: 'pr-open', pr: book.open({ ...opts, base }) };
}

/** A merge commit on the base with two parents, or a coded refusal (approvals, conflicts). */
export async function mergePullRequest(
  ctx: GitContext,
  store: ObjectStore,
  book: PullRequestBook,
  opts: MergePullRequestOptions,
): Promise<ChangeOf<'pr-merge'>> {
  const pr = book.assertMergeable(opts.id);
  await assertAhead(ctx, pr.head, pr.base);
  // GitHub's message, except that the head is named by its branch alone (there are no forks here).
  const message = `Merge pull request #${pr.id} from ${pr.head}\n\n${pr.title}\n`;
  assertCommitBasics(opts.author, message, opts.timestamp);
  const merged = await mergeBranches(ctx, store, {
    ...opts,
    base: pr.base,
    head: pr.head,
    message,
  });
  return {
    kind: 'pr-merge',
    pr: book.markMerged(pr.id, merged.sha, opts.timestamp),
    branch: pr.base,
    sha: merged.sha,
    parents: merged.parents,
    files: merged.files,
  };
}
