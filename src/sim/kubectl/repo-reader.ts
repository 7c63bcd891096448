// The bridge from the promise-based repository to kubectl's synchronous `-f` reader: before a line
// runs, the files its `-f` paths name (a file, or every file under a folder) are read from the
// branch's HEAD, so the command itself stays synchronous and never half-runs.
import type { ConfigRepo } from '../git';
import type { ReadRepoFile, RepoFile } from './manifests';
import { parseKubectl } from './parse';

async function filesAt(repo: ConfigRepo, rev: string, path: string): Promise<RepoFile[] | null> {
  const clean = path.replace(/^\.\//, '').replace(/\/+$/, '');
  const all = await repo.listFiles(rev, '');
  if (clean === '' || clean === '.')
    return Promise.all(
      all.map(async (f) => ({ path: f.path, text: await repo.readFile(rev, f.path) })),
    );
  const exact = all.find((f) => f.path === clean);
  if (exact) return [{ path: exact.path, text: await repo.readFile(rev, exact.path) }];
  const under = all.filter((f) => f.path.startsWith(`${clean}/`));
  if (under.length === 0) return null;
  return Promise.all(
    under.map(async (f) => ({ path: f.path, text: await repo.readFile(rev, f.path) })),
  );
}

/** A reader holding what `line` will ask for; undefined when the line reads no files. */
export async function repoFileReader(
  repo: ConfigRepo,
  branch: string,
  line: string,
): Promise<ReadRepoFile | undefined> {
  const parsed = parseKubectl(line);
  if (parsed instanceof Error || !('files' in parsed) || parsed.files.length === 0)
    return undefined;
  const rev = await repo.resolve(branch);
  const found = new Map<string, RepoFile[] | null>();
  for (const path of parsed.files) found.set(path, await filesAt(repo, rev, path));
  return (path) => {
    const files = found.get(path);
    return files ? { files } : { error: `the path "${path}" does not exist` };
  };
}
