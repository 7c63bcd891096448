// `git rev-parse` for the revisions a scenario or a learner types: a full or short SHA (>= 4 hex
// digits, unique), a tag, a branch, a full ref, HEAD, each optionally followed by `~N` / `^N`.
// Lookup order follows git: a 40-digit SHA, then refs (tags before branches), then short SHAs.
import * as git from 'isomorphic-git';
import { Errors } from 'isomorphic-git';
import { AmbiguousRevisionError, InvalidArgumentError, UnknownRevisionError } from './errors';
import type { GitContext, ObjectStore } from './objects';
import { fullRef, resolveRefOrNull } from './refs';

type Step = { op: '~' | '^'; n: number };

function splitSteps(rev: string): { base: string; steps: Step[] } {
  const steps: Step[] = [];
  let base = rev;
  for (let m = /([~^])(\d*)$/.exec(base); m && m.index > 0; m = /([~^])(\d*)$/.exec(base)) {
    steps.unshift({ op: m[1] as '~' | '^', n: m[2] === '' ? 1 : Number(m[2]) });
    base = base.slice(0, m.index);
  }
  return { base, steps };
}

function isMissing(err: unknown): boolean {
  return err instanceof Errors.NotFoundError || err instanceof Errors.ObjectTypeError;
}

async function resolveBase(ctx: GitContext, base: string, rev: string): Promise<string> {
  if (base === 'HEAD') {
    const head = await resolveRefOrNull(ctx, 'HEAD');
    if (head === null) throw new UnknownRevisionError(rev);
    return head;
  }
  if (/^[0-9a-f]{40}$/.test(base)) return base;
  const refs = base.startsWith('refs/') ? [base] : [fullRef('tag', base), fullRef('branch', base)];
  for (const ref of refs) {
    const oid = await resolveRefOrNull(ctx, ref);
    if (oid !== null) return oid;
  }
  if (/^[0-9a-f]{4,39}$/.test(base)) {
    try {
      return await git.expandOid({ ...ctx, oid: base });
    } catch (err) {
      if (err instanceof Errors.AmbiguousError) throw new AmbiguousRevisionError(rev);
      if (!isMissing(err)) throw err;
    }
  }
  throw new UnknownRevisionError(rev);
}

/** The commit SHA `rev` names; annotated tags are peeled to their commit. */
export async function resolveRev(
  ctx: GitContext,
  store: ObjectStore,
  rev: string,
): Promise<string> {
  if (typeof rev !== 'string' || rev.trim() === '')
    throw new InvalidArgumentError('rev', 'must be non-empty');
  const { base, steps } = splitSteps(rev);
  try {
    let sha = (await store.commit(await resolveBase(ctx, base, rev))).sha;
    for (const { op, n } of steps) {
      if (op === '^') {
        if (n === 0) continue;
        const parent = (await store.commit(sha)).parents[n - 1];
        if (parent === undefined) throw new UnknownRevisionError(rev);
        sha = parent;
      } else {
        for (let i = 0; i < n; i++) {
          const parent = (await store.commit(sha)).parents[0];
          if (parent === undefined) throw new UnknownRevisionError(rev);
          sha = parent;
        }
      }
    }
    return sha;
  } catch (err) {
    // A 40-digit SHA that names no object, or names a tree or blob, is not a revision either.
    if (isMissing(err)) throw new UnknownRevisionError(rev);
    throw err;
  }
}
