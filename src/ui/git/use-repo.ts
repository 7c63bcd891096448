// Reads from the live config repository for the Git panel (file lists, file text, diffs). The
// repository is promise-based and lives outside the store, so reads run in an effect and land in
// state. Keys are content addresses (a commit sha, `sha:path`), so a read never goes stale: after a
// replay the same sha holds the same tree.
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { useEffect, useEffectEvent, useState } from 'react';
import type { ConfigRepo, FileDiff } from '../../sim/git';
import { useAppStore } from '../../store/store-context';

export interface RepoRead<T> {
  data: T | undefined;
  /** The last value read for any key: something to show while the next one loads. */
  latest: T | undefined;
  error: string | null;
  loading: boolean;
}

/** `read` runs whenever `key` changes (null: nothing to read). */
export function useRepoRead<T>(
  key: string | null,
  read: (repo: ConfigRepo) => Promise<T>,
): RepoRead<T> {
  const [state, setState] = useState<{ key: string | null; data?: T; error?: string }>({
    key: null,
  });
  const appStore = useAppStore();
  const run = useEffectEvent((repo: ConfigRepo) => read(repo));
  useEffect(() => {
    const repo = appStore.currentRun()?.sandbox.repo;
    if (key === null || !repo) return;
    let live = true;
    run(repo).then(
      (data) => {
        if (live) setState({ key, data });
      },
      (e: unknown) => {
        if (live) setState({ key, error: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => {
      live = false;
    };
  }, [appStore, key]);
  const current = state.key === key && key !== null;
  return {
    data: current ? state.data : undefined,
    latest: state.data,
    error: current ? (state.error ?? null) : null,
    loading: key !== null && !current,
  };
}

/** The files a commit changed: against its first parent (for a merge, what it brought in), or,
 * for a root commit, every file as added. */
export async function commitDiff(repo: ConfigRepo, sha: string): Promise<FileDiff[]> {
  const commit = await repo.readCommit(sha);
  const parent = commit.parents[0];
  if (parent) return repo.diff(parent, sha);
  const files = await repo.listFiles(sha);
  return Promise.all(
    files.map(async ({ path, oid }) => ({
      path,
      status: 'added' as const,
      oldOid: null,
      newOid: oid,
      patch: createTwoFilesPatch(
        '/dev/null',
        `b/${path}`,
        '',
        await repo.readFile(sha, path),
        '',
        '',
        {
          context: 3,
          headerOptions: FILE_HEADERS_ONLY,
        },
      ),
    })),
  );
}
