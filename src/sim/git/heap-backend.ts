// lightning-fs's storage backend with nothing to lock and nothing to save: the repository lives in
// this page's heap and nowhere else.
//
// lightning-fs's DefaultBackend guards each file system with a lock named after it (Web Locks in
// the browser, an IndexedDB lock elsewhere) and, whenever the file system has been idle for 500 ms,
// saves its superblock, drops its in-memory tree, releases the lock, and takes the lock again on
// the next call. That protects a persistent IndexedDB store shared by several tabs. For a
// repository in memory it only costs: every idle gap means a lock round trip, and two tabs of
// DriftLab (whose repositories have the same names, counted per page) waited for each other's lock,
// for as long as the other kept its repository busy. Here the lock is always held and the tree is
// never dropped; the MemoryBackend still stores file contents.
import DefaultBackend from '@isomorphic-git/lightning-fs/src/DefaultBackend.js';

const ALWAYS_HELD = {
  has: () => Promise.resolve(true),
  acquire: () => Promise.resolve(true),
  wait: () => Promise.resolve(true),
  release: () => Promise.resolve(),
};

export class HeapBackend extends DefaultBackend {
  constructor() {
    super();
    // The tree is never dropped, so there is no superblock to keep up to date.
    this.saveSuperblock = () => undefined;
  }

  override async init(name: string, options: object): Promise<void> {
    await super.init(name, options);
    this._mutex = ALWAYS_HELD;
    // A new file's inode is the largest in use plus one, found by walking the whole tree on every
    // write: the cost grows with the repository. Count instead (inodes are never reused, which
    // is also what a file system does).
    const cache = this._cache;
    let last = -1;
    cache.autoinc = () => {
      if (last < 0) last = cache._maxInode(cache._root.get('/'));
      return ++last;
    };
  }

  override async deactivate(): Promise<void> {
    // Stay active: the next call finds the tree where it was.
  }
}
