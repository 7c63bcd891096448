// What the observer keeps of each app on a lane's cluster between two checks, so that a check
// costs what changed since the last one rather than the size of the app: the live objects it
// compared (kept up to date from the cluster's journal of writes), its incremental reconcile and
// health roll-up, and the last view with what it was made from.
import type { Cluster, KObject } from '../cluster';
import type { CompareMemo } from '../compare/memo';
import type { AppSyncView, ReconcileResult, ResourceDiff } from '../compare/types';
import { refKey, refOf } from '../cluster';
import { HealthRollup } from './health-rollup';
import type { DeclaredKeys, StoreKeys } from './keys';
import { ReconcileMemo } from './reconcile-memo';

/** What a view is made from, besides Git's manifests: the cluster as of a version. */
export interface ViewBasis {
  cluster: Cluster;
  version: number;
  /** The generation of the kinds the cluster serves: store keys depend on it. */
  kinds: number;
  /** Git's objects for the app (shared per folder content: compared by identity). */
  desired: readonly object[];
  /** The keys of the objects the lane created for the app (tracked, or applied by CI). */
  created: readonly string[];
}

export class ObservedApp {
  readonly memo: ReconcileMemo;
  readonly health: HealthRollup<ResourceDiff>;
  /** What `view`, `candidates` and `live` were last found to hold for. */
  basis?: ViewBasis;
  /** The live objects compared, by key: the declared ones in manifest order, then the others. */
  candidates?: Map<string, KObject>;
  live?: KObject[];
  /** `basis.created` as a set, and the keys the manifests declare. */
  created?: ReadonlySet<string>;
  declared?: ReadonlySet<string>;
  from?: ReconcileResult;
  errors?: unknown;
  view?: AppSyncView;

  constructor(
    readonly keys: StoreKeys,
    memo: CompareMemo,
  ) {
    this.memo = new ReconcileMemo(memo);
    this.health = new HealthRollup(memo);
  }
}

/** The same cluster, kinds and objects the lane created (the manifests aside). */
function sameLiveSources(a: ViewBasis, b: ViewBasis): boolean {
  return (
    a.cluster === b.cluster &&
    a.kinds === b.kinds &&
    (a.created === b.created ||
      (a.created.length === b.created.length && a.created.every((key, i) => b.created[i] === key)))
  );
}

function sameSources(a: ViewBasis, b: ViewBasis): boolean {
  return a.desired === b.desired && sameLiveSources(a, b);
}

/** The same view holds: nothing was written to the cluster, and the same manifests and objects. */
export function sameBasis(a: ViewBasis, b: ViewBasis): boolean {
  return a.version === b.version && sameSources(a, b);
}

/** The store keys of the manifests, found afresh. */
function declaredAfresh(cluster: Cluster, manifests: readonly KObject[]): DeclaredKeys {
  const list = manifests.map((m) => refKey(cluster.scoped(refOf(m))));
  return { list, set: new Set(list) };
}

/**
 * The live objects to compare with Git: every object the manifests declare, then every object the
 * lane created that they do not. With the entry of the last check for the same keys and sources,
 * only the keys written since are looked up again; an object that came or went since starts the
 * list again (its place in it would move). Without an entry, everything is looked up afresh.
 */
export function liveCandidates(
  manifests: readonly KObject[],
  basis: ViewBasis,
  entry?: ObservedApp,
): { candidates: Map<string, KObject>; live: KObject[] } {
  const { cluster, created } = basis;
  const declared = entry ? entry.keys.declaredBy(manifests) : declaredAfresh(cluster, manifests);
  // New manifests that declare the same keys (a commit that changes an image) look up the same
  // live objects: declaredBy then answers the very same set.
  const kept =
    entry?.basis && entry.declared === declared.set && sameLiveSources(entry.basis, basis)
      ? entry
      : undefined;
  const written = kept ? cluster.changedSince(kept.basis!.version) : null;
  if (kept?.candidates && kept.live && kept.created && written) {
    const { candidates } = kept;
    let changed = false;
    let moved = false;
    for (const key of written) {
      if (!declared.set.has(key) && !kept.created.has(key)) continue;
      const obj = cluster.byKey(key);
      if ((obj !== undefined) !== candidates.has(key)) {
        moved = true;
        break;
      }
      if (obj && obj !== candidates.get(key)) {
        candidates.set(key, obj);
        changed = true;
      }
    }
    if (!moved) {
      if (changed) kept.live = [...candidates.values()];
      return { candidates, live: kept.live };
    }
  }
  const candidates = new Map<string, KObject>();
  // The store key of an object is its refKey.
  for (const key of declared.list) {
    const obj = cluster.byKey(key);
    if (obj) candidates.set(key, obj);
  }
  for (const key of created) {
    if (candidates.has(key)) continue;
    const obj = cluster.byKey(key);
    if (obj) candidates.set(key, obj);
  }
  const live = [...candidates.values()];
  if (entry)
    Object.assign(entry, { candidates, live, created: new Set(created), declared: declared.set });
  return { candidates, live };
}
