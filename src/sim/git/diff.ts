// `git diff <from> <to>`: which files changed between two trees, each with a unified diff made by
// the `diff` package (3 lines of context, like git).
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import type { FlatTree, ObjectStore } from './objects';
import type { FileChange, FileDiff } from './types';

/** Added, modified and deleted paths, sorted by path. Compares blob oids: no content is read. */
export function changedFiles(from: FlatTree, to: FlatTree): FileChange[] {
  const changes: FileChange[] = [];
  for (const [path, entry] of to.files) {
    const before = from.files.get(path);
    if (!before) changes.push({ path, status: 'added' });
    else if (before.oid !== entry.oid || before.mode !== entry.mode)
      changes.push({ path, status: 'modified' });
  }
  for (const path of from.files.keys())
    if (!to.files.has(path)) changes.push({ path, status: 'deleted' });
  return changes.sort((a, b) => (a.path < b.path ? -1 : 1));
}

export async function diffTrees(
  store: ObjectStore,
  from: FlatTree,
  to: FlatTree,
): Promise<FileDiff[]> {
  return Promise.all(
    changedFiles(from, to).map(async ({ path, status }) => {
      const oldOid = from.files.get(path)?.oid ?? null;
      const newOid = to.files.get(path)?.oid ?? null;
      const oldText = oldOid === null ? '' : await store.text(oldOid);
      const newText = newOid === null ? '' : await store.text(newOid);
      const patch = createTwoFilesPatch(
        oldOid === null ? '/dev/null' : `a/${path}`,
        newOid === null ? '/dev/null' : `b/${path}`,
        oldText,
        newText,
        undefined,
        undefined,
        { context: 3, headerOptions: FILE_HEADERS_ONLY },
      );
      return { path, status, oldOid, newOid, patch };
    }),
  );
}
