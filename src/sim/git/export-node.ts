// Node only: write a repository export to a directory on disk, where native git can read it
// (`git log`, `git fsck`, `git status`). Kept out of index.ts so the browser bundle never pulls
// in node:fs.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ExportTargetNotEmptyError } from './errors';
import type { ConfigRepo } from './repo';

/** Writes into `dir` (created if missing; must be empty). Returns how many files were written. */
export async function exportToDirectory(repo: ConfigRepo, dir: string): Promise<{ files: number }> {
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).length > 0) throw new ExportTargetNotEmptyError(dir);
  const entries = await repo.exportRepository();
  for (const { path, bytes } of entries) {
    const target = join(dir, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, bytes);
  }
  return { files: entries.length };
}
