// Writing commits: turn file changes on a branch into blobs, a tree and a commit, then move the
// branch. No work tree and no index are involved, so committing to any branch costs the same.
import { NothingToCommitError, InvalidArgumentError, PathNotFoundError } from './errors';
import { DEFAULT_BRANCH } from './memory-fs';
import {
  FILE_MODE,
  type FileEntry,
  type FlatTree,
  type GitContext,
  type ObjectStore,
} from './objects';
import { assertNewRef, branchHead, moveBranch, readRef, type Ident } from './refs';
import { buildTree } from './tree-build';
import type { Author, ChangeOf, CommitInfo } from './types';
import {
  assertAuthor,
  assertMessage,
  assertRefName,
  assertRepoPath,
  assertTimestamp,
} from './validate';

export interface CommitOptions {
  /** Defaults to `main`. */
  branch?: string;
  author: Author;
  message: string;
  /** Virtual time, ms since the Unix epoch. */
  timestamp: number;
  write?: Record<string, string>;
  remove?: string[];
  /** Like `git commit --allow-empty`: otherwise a commit that changes nothing is refused. */
  allowEmpty?: boolean;
  /**
   * When `branch` does not exist yet, start it from this branch (`git switch -c branch from`), in
   * the same step as the commit: a refused commit then leaves no branch behind.
   */
  createFrom?: string;
}

// Whole seconds, UTC: the same virtual time always gives the same bytes, hence the same SHA.
export function toIdent(author: Author, timestamp: number): Ident {
  return {
    name: author.name,
    email: author.email ?? '',
    timestamp: Math.floor(timestamp / 1000),
    timezoneOffset: 0,
  };
}

export interface NewCommit {
  branch: string;
  parents: string[];
  tree: FlatTree;
  author: Author;
  message: string;
  timestamp: number;
}

/** Write the commit object and move the branch to it. */
export async function writeCommitOnBranch(
  ctx: GitContext,
  store: ObjectStore,
  c: NewCommit,
): Promise<CommitInfo> {
  const ident = toIdent(c.author, c.timestamp);
  const info = await store.writeCommit({
    message: c.message,
    tree: c.tree.oid,
    parent: c.parents,
    author: ident,
    committer: ident,
  });
  await moveBranch(ctx, c.branch, info.sha);
  return info;
}

export async function writeBlobs(
  store: ObjectStore,
  write: Record<string, string>,
): Promise<Map<string, FileEntry>> {
  const upserts = new Map<string, FileEntry>();
  for (const [path, text] of Object.entries(write)) {
    assertRepoPath(path);
    if (typeof text !== 'string')
      throw new InvalidArgumentError('write', `content of '${path}' is not a string`);
    upserts.set(path, { oid: await store.writeText(text), mode: FILE_MODE });
  }
  return upserts;
}

export function assertCommitBasics(author: Author, message: string, timestamp: number): void {
  assertAuthor(author);
  assertMessage(message);
  assertTimestamp(timestamp);
}

export async function commitChanges(
  ctx: GitContext,
  store: ObjectStore,
  opts: CommitOptions,
): Promise<ChangeOf<'commit'>> {
  const branch = opts.branch ?? DEFAULT_BRANCH;
  assertRefName(branch);
  assertCommitBasics(opts.author, opts.message, opts.timestamp);
  const write = opts.write ?? {};
  const remove = opts.remove ?? [];
  for (const path of remove) {
    assertRepoPath(path);
    if (Object.hasOwn(write, path))
      throw new InvalidArgumentError('remove', `'${path}' is also in write`);
  }

  const creating = opts.createFrom !== undefined && (await readRef(ctx, 'branch', branch)) === null;
  if (creating) await assertNewRef(ctx, 'branch', branch);
  const head = await branchHead(ctx, creating ? opts.createFrom! : branch);
  const base = await store.flat((await store.commit(head)).tree);
  for (const path of remove) if (!base.files.has(path)) throw new PathNotFoundError(path, branch);
  const built = await buildTree(store, base, await writeBlobs(store, write), remove);
  if (built.changes.length === 0 && !opts.allowEmpty) throw new NothingToCommitError(branch);

  const info = await writeCommitOnBranch(ctx, store, {
    ...opts,
    branch,
    parents: [head],
    tree: built.flat,
  });
  return {
    kind: 'commit',
    branch,
    sha: info.sha,
    parents: info.parents,
    files: built.changes,
    ...(creating ? { createdBranch: true } : {}),
  };
}
