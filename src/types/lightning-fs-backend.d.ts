// The backend lightning-fs builds when given none (not part of its declared API; see heap-backend.ts).
declare module '@isomorphic-git/lightning-fs/src/DefaultBackend.js' {
  interface Lock {
    has(): Promise<boolean>;
    acquire(): Promise<boolean>;
    wait(): Promise<boolean>;
    release(): Promise<void>;
  }
  interface Cache {
    autoinc(): number;
    _maxInode(dir: unknown): number;
    _root: Map<string, unknown>;
  }
  export default class DefaultBackend {
    protected _mutex: Lock;
    protected _cache: Cache;
    saveSuperblock: () => void;
    init(name: string, options: object): Promise<void>;
    activate(): Promise<void>;
    deactivate(): Promise<void>;
  }
}
