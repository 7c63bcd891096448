// What the compare functions may remember from one call to the next, passed in as isomorphic-git
// passes its `cache`: the cache layer (src/sim/cache) hands one per cluster; without one (NO_MEMO)
// every call computes afresh, which is what the cache's property tests compare against.
//
// WARNING: a memo answers for objects that never change. The cache layer's keeps what it is given
// only for frozen manifests (Git's, and copies made of them) and for the objects its cluster
// stores (a write stores a new object, never edits one): `live` objects passed with a memo must be
// that cluster's own.
import type { Health, KObject } from '../cluster';
import type { ResourceDiff } from './types';

/** The fields a manifest sets that a diff compares (see resource-diff.ts); opaque here. */
export interface ComparedFields {
  readonly leaves: readonly unknown[];
}

export interface CompareMemo {
  /** A manifest's copy with its namespace resolved, per namespace (`\0`: cluster-scoped). */
  scoped(manifest: KObject, slot: string, make: () => KObject): KObject;
  /** The refKey of a manifest (or a scoped copy of one). */
  manifestKey(manifest: KObject, make: () => string): string;
  /** The refKey of a live object. */
  liveKey(live: KObject, make: () => string): string;
  /** The compared fields of a manifest. */
  compared<C extends ComparedFields>(manifest: KObject, make: () => C): C;
  /**
   * The diff of a manifest (or none) against a live object (or none), with no ignore rule.
   * `make(immutable)`: true when the diff is kept (both sides never change, so its text diff may
   * be drawn when first read).
   */
  diff(
    desired: KObject | undefined,
    live: KObject | undefined,
    make: (immutable: boolean) => ResourceDiff,
  ): ResourceDiff;
  /** The health of a live object. */
  health(live: KObject, make: () => Health | null): Health | null;
}

/** Remembers nothing: every answer is computed afresh. */
export const NO_MEMO: CompareMemo = {
  scoped: (_m, _s, make) => make(),
  manifestKey: (_m, make) => make(),
  liveKey: (_l, make) => make(),
  compared: (_m, make) => make(),
  diff: (_d, _l, make) => make(false),
  health: (_l, make) => make(),
};
