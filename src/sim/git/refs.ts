// Branches and tags: thin wrappers over isomorphic-git's ref functions that speak in branch and
// tag names and turn its errors into this folder's coded ones.
import * as git from 'isomorphic-git';
import { Errors } from 'isomorphic-git';
import { RefExistsError, RefNotFoundError, type RefKind } from './errors';
import type { GitContext, ObjectStore } from './objects';
import type { BranchInfo, TagInfo } from './types';
import { assertRefName } from './validate';

const PREFIX: Record<RefKind, string> = { branch: 'refs/heads/', tag: 'refs/tags/' };

export function fullRef(kind: RefKind, name: string): string {
  return PREFIX[kind] + name;
}

/** Runs a write of refs: what was resolved is forgotten before it and after it, even if it fails. */
export function writingRefs<T>(ctx: GitContext, write: () => Promise<T>): Promise<T> {
  return ctx.revisions.whileWriting(write);
}

/** The oid a full ref (or HEAD) resolves to, or null when there is no such ref (kept: ctx.revisions). */
export function resolveRefOrNull(ctx: GitContext, ref: string): Promise<string | null> {
  return ctx.revisions.resolve(`ref ${ref}`, async () => {
    try {
      return await git.resolveRef({ ...ctx, ref });
    } catch (err) {
      if (!(err instanceof Errors.NotFoundError)) throw err;
      return null;
    }
  });
}

/** The oid a ref points at (for an annotated tag: the tag object), or null. */
export function readRef(ctx: GitContext, kind: RefKind, name: string): Promise<string | null> {
  return resolveRefOrNull(ctx, fullRef(kind, name));
}

export async function branchHead(ctx: GitContext, name: string): Promise<string> {
  const sha = await readRef(ctx, 'branch', name);
  if (sha === null) throw new RefNotFoundError('branch', name);
  return sha;
}

export async function assertNewRef(ctx: GitContext, kind: RefKind, name: string): Promise<void> {
  assertRefName(name);
  if ((await readRef(ctx, kind, name)) !== null) throw new RefExistsError(kind, name);
  // Refs are files: `feature` and `feature/x` cannot both exist (one would be a folder).
  const existing = await git.listRefs({
    ...ctx,
    filepath: kind === 'branch' ? 'refs/heads' : 'refs/tags',
  });
  const clash = existing.find(
    (other) => other.startsWith(`${name}/`) || name.startsWith(`${other}/`),
  );
  if (clash !== undefined) throw new RefExistsError(kind, clash);
}

/** Point a new ref at `oid`; refuses to move an existing one (branches move only by commits). */
export async function createRef(
  ctx: GitContext,
  kind: RefKind,
  name: string,
  oid: string,
): Promise<void> {
  await assertNewRef(ctx, kind, name);
  await writingRefs(ctx, () => git.writeRef({ ...ctx, ref: fullRef(kind, name), value: oid }));
}

/** Advance a branch to a commit this repository just wrote. */
export async function moveBranch(ctx: GitContext, name: string, sha: string): Promise<void> {
  await writingRefs(ctx, () =>
    git.writeRef({ ...ctx, ref: fullRef('branch', name), value: sha, force: true }),
  );
}

export async function deleteBranchRef(ctx: GitContext, name: string): Promise<string> {
  const sha = await branchHead(ctx, name);
  await writingRefs(ctx, () => git.deleteBranch({ ...ctx, ref: name }));
  return sha;
}

// Sorted by name, like `git branch` / `git tag`, so listings are stable across runs.
export async function listBranches(ctx: GitContext): Promise<BranchInfo[]> {
  const names = (await git.listBranches(ctx)).sort();
  return Promise.all(names.map(async (name) => ({ name, sha: await branchHead(ctx, name) })));
}

export async function listTags(ctx: GitContext, store: ObjectStore): Promise<TagInfo[]> {
  const names = (await git.listTags(ctx)).sort();
  return Promise.all(
    names.map(async (name) => {
      // A listed tag resolves.
      const oid = (await resolveRefOrNull(ctx, fullRef('tag', name)))!;
      const { sha } = await store.commit(oid);
      return { name, sha, annotated: sha !== oid };
    }),
  );
}

export interface Ident {
  name: string;
  email: string;
  timestamp: number;
  timezoneOffset: number;
}

/** An annotated tag object for `sha`; the caller points the ref at the returned oid. */
export async function writeAnnotatedTag(
  ctx: GitContext,
  name: string,
  sha: string,
  message: string,
  tagger: Ident,
): Promise<string> {
  return git.writeTag({ ...ctx, tag: { object: sha, type: 'commit', tag: name, tagger, message } });
}
