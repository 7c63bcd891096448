// `git tag`: lightweight (a ref to a commit) or annotated (a ref to a tag object with tagger,
// time and message, which is what release tooling usually expects).
import { assertCommitBasics, toIdent } from './commit';
import { InvalidArgumentError } from './errors';
import type { GitContext } from './objects';
import { assertNewRef, createRef, writeAnnotatedTag } from './refs';
import type { Author, ChangeOf } from './types';

export interface TagOptions {
  name: string;
  /** Defaults to HEAD. */
  rev?: string;
  /** Given: an annotated tag (needs tagger and timestamp). Absent: a lightweight tag. */
  message?: string;
  tagger?: Author;
  timestamp?: number;
}

/** @param sha the commit `opts.rev` resolved to. */
export async function createTag(
  ctx: GitContext,
  sha: string,
  opts: TagOptions,
): Promise<ChangeOf<'tag'>> {
  // Checked before the tag object is written, so a refused tag leaves no object behind.
  await assertNewRef(ctx, 'tag', opts.name);
  let target = sha;
  if (opts.message !== undefined) {
    const { tagger, timestamp } = opts;
    if (!tagger || timestamp === undefined) {
      throw new InvalidArgumentError('tagger', 'an annotated tag needs a tagger and a timestamp');
    }
    assertCommitBasics(tagger, opts.message, timestamp);
    target = await writeAnnotatedTag(ctx, opts.name, sha, opts.message, toIdent(tagger, timestamp));
  }
  await createRef(ctx, 'tag', opts.name, target);
  return { kind: 'tag', name: opts.name, sha, annotated: target !== sha };
}
