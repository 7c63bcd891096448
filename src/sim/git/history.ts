// `git log`: walk commits newest first from one or more starting points.
// order: committer time descending; ties keep the order commits were reached (git's prio_queue is
// stable the same way), so the list matches `git log` even when many commits share a second.
import type { ObjectStore } from './objects';
import type { CommitInfo } from './types';

export interface LogOptions {
  /** Follow only the first parent of merges, like `git log --first-parent`. */
  firstParent?: boolean;
  /** Stop after this many commits. */
  limit?: number;
}

export async function walkCommits(
  store: ObjectStore,
  starts: string[],
  opts: LogOptions = {},
): Promise<CommitInfo[]> {
  const seen = new Set<string>();
  const queue: CommitInfo[] = [];
  const enqueue = async (sha: string): Promise<void> => {
    if (seen.has(sha)) return;
    seen.add(sha);
    const commit = await store.commit(sha);
    const at = queue.findIndex((queued) => queued.timestamp < commit.timestamp);
    queue.splice(at === -1 ? queue.length : at, 0, commit);
  };
  for (const sha of starts) await enqueue(sha);

  const out: CommitInfo[] = [];
  const limit = opts.limit ?? Infinity;
  while (out.length < limit) {
    const commit = queue.shift();
    if (!commit) break;
    out.push(commit);
    for (const parent of opts.firstParent ? commit.parents.slice(0, 1) : commit.parents)
      await enqueue(parent);
  }
  return out;
}
