import '@isomorphic-git/lightning-fs';

declare module '@isomorphic-git/lightning-fs' {
  export class MemoryBackend implements FS.IDB {
    saveSuperblock(sb: Uint8Array): void;
    loadSuperblock(): FS.SuperBlock;
    readFile(inode: number): Uint8Array;
    writeFile(inode: number, data: Uint8Array): void;
    unlink(inode: number): void;
    wipe(): Promise<void>;
    close(): void;
  }
}
