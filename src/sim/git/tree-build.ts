// Builds the next root tree from a base tree plus file changes, without a work tree or index:
// only the directories on the path of a change are rewritten, every other subtree keeps its oid.
import type { TreeEntry } from 'isomorphic-git';
import { getOrCreate } from '../get-or-create';
import { PathConflictError } from './errors';
import { type FileEntry, type FlatTree, type ObjectStore, TREE_MODE } from './objects';
import type { FileChange } from './types';

export interface BuiltTree {
  flat: FlatTree;
  /** Sorted by path; empty when the changes leave the tree as it was. */
  changes: FileChange[];
}

export function parentDir(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function pushTo<V>(map: Map<string, V[]>, key: string, value: V): void {
  getOrCreate(map, key, () => []).push(value);
}

function depth(dir: string): number {
  return dir === '' ? 0 : dir.split('/').length;
}

export async function buildTree(
  store: ObjectStore,
  base: FlatTree,
  upserts: ReadonlyMap<string, FileEntry>,
  removes: Iterable<string>,
): Promise<BuiltTree> {
  const files = new Map(base.files);
  const changes: FileChange[] = [];
  for (const path of removes) {
    if (files.delete(path)) changes.push({ path, status: 'deleted' });
  }
  for (const [path, entry] of upserts) {
    const before = files.get(path);
    if (before?.oid === entry.oid && before.mode === entry.mode) continue;
    files.set(path, entry);
    changes.push({ path, status: before ? 'modified' : 'added' });
  }
  if (changes.length === 0) return { flat: base, changes };
  changes.sort((a, b) => (a.path < b.path ? -1 : 1));

  // Directories that exist after the change, and which child directories each one holds.
  const dirs = new Set<string>(['']);
  const childDirs = new Map<string, string[]>();
  for (const path of files.keys()) {
    for (let dir = parentDir(path); !dirs.has(dir); dir = parentDir(dir)) {
      dirs.add(dir);
      pushTo(childDirs, parentDir(dir), dir);
    }
  }
  for (const path of files.keys()) if (dirs.has(path)) throw new PathConflictError(path);

  const dirty = new Set<string>();
  for (const { path } of changes) {
    for (let dir = parentDir(path); ; dir = parentDir(dir)) {
      dirty.add(dir);
      if (dir === '') break;
    }
  }
  const blobsByDir = new Map<string, TreeEntry[]>();
  for (const [path, { oid, mode }] of files) {
    const dir = parentDir(path);
    if (!dirty.has(dir)) continue;
    pushTo(blobsByDir, dir, { mode, path: baseName(path), oid, type: 'blob' });
  }

  // Deepest first, so a directory's children have their new oids before it is written.
  const written = new Map<string, string>();
  // A directory no change touched existed in the base with the same content.
  const oidOf = (dir: string): string => {
    const oid = written.get(dir) ?? base.dirs.get(dir);
    if (oid === undefined) throw new Error(`tree builder: no oid for directory '${dir}'`);
    return oid;
  };
  const order = [...dirty].filter((dir) => dirs.has(dir)).sort((a, b) => depth(b) - depth(a));
  for (const dir of order) {
    const subtrees = (childDirs.get(dir) ?? []).map((child): TreeEntry => ({
      mode: TREE_MODE,
      path: baseName(child),
      oid: oidOf(child),
      type: 'tree',
    }));
    written.set(dir, await store.writeTree([...(blobsByDir.get(dir) ?? []), ...subtrees]));
  }

  const nextDirs = new Map<string, string>();
  for (const dir of dirs) nextDirs.set(dir, oidOf(dir));
  const flat = { oid: oidOf(''), files, dirs: nextDirs };
  store.seedFlat(flat);
  return { flat, changes };
}
