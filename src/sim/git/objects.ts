// The object store: every read of a git object goes through here, cached by object id.
// Git objects are immutable, so an oid always names the same content and the caches never need
// invalidating. Writes seed the caches, so reading back what was just committed is free.
// WARNING: cached values are shared between callers; treat everything returned as read-only.
import type LightningFS from '@isomorphic-git/lightning-fs';
import * as git from 'isomorphic-git';
import type { CommitObject, FsClient, TreeEntry } from 'isomorphic-git';
import { LruMap } from './lru';
import { commitContent, looseObject, treeContent, type ObjectType } from './loose-object';
import type { RevisionCache } from './revision-cache';
import type { CommitInfo } from './types';

export interface GitContext {
  fs: FsClient & { promises: LightningFS.PromisifiedFS };
  dir: string;
  gitdir: string;
  /** isomorphic-git's own cache object, shared by every call on this repository. */
  cache: object;
  /** What refs and revisions resolved to, kept until a write (revision-cache.ts). */
  revisions: RevisionCache;
}

export interface FileEntry {
  oid: string;
  mode: string;
}

/** A tree flattened to paths: every file, and every directory's tree oid ('' is the root). */
export interface FlatTree {
  oid: string;
  files: ReadonlyMap<string, FileEntry>;
  dirs: ReadonlyMap<string, string>;
}

/** The tree with nothing in it: the "parent" of a root commit. Git knows its oid without storing it. */
export const EMPTY_FLAT: FlatTree = {
  oid: '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
  files: new Map(),
  dirs: new Map([['', '4b825dc642cb6eb9a060e54bf8d69288fbee4904']]),
};

export const FILE_MODE = '100644';
export const TREE_MODE = '040000';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function joinPath(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

export class ObjectStore {
  /** How many objects were read through isomorphic-git: a cache hit costs none. */
  readonly stats = { objectReads: 0 };
  // Commits are small and history views list them all; trees, flattened trees and texts are
  // bounded (see lru.ts): the recent ones are what commits, syncs and diffs read.
  private readonly commits = new Map<string, CommitInfo>();
  // Weighed by entries: 16 flattened trees of a 500-file repository, or 256 of a 30-file one.
  private readonly trees = new LruMap<string, readonly TreeEntry[]>(16_384, (t) => t.length);
  private readonly blobs = new LruMap<string, string>(4_096);
  private readonly flats = new LruMap<string, FlatTree>(8_192, (f) => f.files.size + f.dirs.size);
  /** Objects this store has written, and the fan-out folders it has made. */
  private readonly written = new Set<string>();
  private readonly fanout = new Set<string>();

  constructor(private readonly ctx: GitContext) {}

  /** A commit by oid; an annotated tag's oid is peeled to the commit it points at. */
  async commit(oid: string): Promise<CommitInfo> {
    const hit = this.commits.get(oid);
    if (hit) return hit;
    this.stats.objectReads++;
    const { oid: sha, commit } = await git.readCommit({ ...this.ctx, oid });
    const info = toCommitInfo(sha, commit);
    this.commits.set(oid, info);
    return info;
  }

  async tree(oid: string): Promise<readonly TreeEntry[]> {
    const hit = this.trees.get(oid);
    if (hit) return hit;
    this.stats.objectReads++;
    const { tree } = await git.readTree({ ...this.ctx, oid });
    this.trees.set(oid, tree);
    return tree;
  }

  /** A blob as UTF-8 text: the repository holds manifests, never binaries. */
  async text(oid: string): Promise<string> {
    const hit = this.blobs.get(oid);
    if (hit !== undefined) return hit;
    this.stats.objectReads++;
    const { blob } = await git.readBlob({ ...this.ctx, oid });
    const text = decoder.decode(blob);
    this.blobs.set(oid, text);
    return text;
  }

  async flat(treeOid: string): Promise<FlatTree> {
    const hit = this.flats.get(treeOid);
    if (hit) return hit;
    const files = new Map<string, FileEntry>();
    const dirs = new Map<string, string>([['', treeOid]]);
    const walk = async (oid: string, dir: string): Promise<void> => {
      for (const entry of await this.tree(oid)) {
        const path = joinPath(dir, entry.path);
        if (entry.type === 'tree') {
          dirs.set(path, entry.oid);
          await walk(entry.oid, path);
        } else if (entry.type === 'blob') {
          files.set(path, { oid: entry.oid, mode: entry.mode });
        }
      }
    };
    await walk(treeOid, '');
    const flat = { oid: treeOid, files, dirs };
    this.flats.set(treeOid, flat);
    return flat;
  }

  /**
   * Stores an object as a loose file, `objects/ab/cdef…`, as isomorphic-git's writeObject would,
   * without its existence check (a stat that fails, with an error built, for every new object):
   * this store knows what it has written, and an object's file never changes.
   */
  private async put(type: ObjectType, content: Uint8Array): Promise<string> {
    const { oid, deflated } = looseObject(type, content);
    if (this.written.has(oid)) return oid;
    const fs = this.ctx.fs.promises;
    const dir = `${this.ctx.gitdir}/objects/${oid.slice(0, 2)}`;
    if (!this.fanout.has(dir)) {
      await fs.mkdir(dir).catch((e: { code?: string }) => {
        if (e.code !== 'EEXIST') throw e;
      });
      this.fanout.add(dir);
    }
    await fs.writeFile(`${dir}/${oid.slice(2)}`, deflated);
    this.written.add(oid);
    return oid;
  }

  async writeText(text: string): Promise<string> {
    const oid = await this.put('blob', encoder.encode(text));
    this.blobs.set(oid, text);
    return oid;
  }

  async writeTree(entries: TreeEntry[]): Promise<string> {
    const oid = await this.put('tree', treeContent(entries));
    // Same order readTree returns, so a seeded entry list is indistinguishable from a read one.
    this.trees.set(
      oid,
      [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    );
    return oid;
  }

  async writeCommit(commit: CommitObject): Promise<CommitInfo> {
    const normalized = { ...commit, message: normalizeMessage(commit.message) };
    const sha = await this.put('commit', commitContent(normalized));
    const info = toCommitInfo(sha, normalized);
    this.commits.set(sha, info);
    return info;
  }

  /** Record a flattening the caller already knows (the tree builder does), saving the walk. */
  seedFlat(flat: FlatTree): void {
    if (!this.flats.has(flat.oid)) this.flats.set(flat.oid, flat);
  }
}

// isomorphic-git applies this when it renders a commit; doing it first keeps the seeded cache
// entry identical to what a later read returns.
function normalizeMessage(message: string): string {
  return message.replace(/\r/g, '').replace(/^\n+/, '').replace(/\n+$/, '') + '\n';
}

function toCommitInfo(sha: string, commit: CommitObject): CommitInfo {
  const message = commit.message;
  return {
    sha,
    parents: [...commit.parent],
    tree: commit.tree,
    author: { name: commit.author.name, email: commit.author.email },
    message,
    subject: message.split('\n', 1)[0] ?? '',
    // Committer time: when the commit landed. Every commit written here has author == committer time.
    timestamp: commit.committer.timestamp * 1000,
  };
}
