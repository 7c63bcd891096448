// What the cache layer keeps for one app in one cluster: the app's tracked objects, the
// reconciler's compare and health roll-up, and the observer's. The reconciler compares an app with
// the objects it tracks; the observer with every object Git declares plus those the lane made.
// Two selections of live objects, one journal-driven pipeline: both reuse the cluster's memo (a
// pair compared by one is not compared again by the other).
import type { Cluster } from '../cluster';
import type { ResourceDiff } from '../compare/types';
import type { ClusterMemo } from './cluster-memo';
import { HealthRollup } from './health-rollup';
import type { StoreKeys } from './keys';
import { ObservedApp } from './observed';
import { ReconcileMemo } from './reconcile-memo';
import { TrackedObjects } from './tracked';

export class AppCache {
  /** The live objects the app tracks (Argo's annotation, Flux's label). */
  readonly tracked: TrackedObjects;
  /** The reconciler's compare of the app with its tracked objects. */
  readonly reconciled: ReconcileMemo;
  /** The reconciler's roll-up of the app's health. */
  readonly health: HealthRollup<ResourceDiff>;
  /** The observer's view of the app. */
  readonly observed: ObservedApp;
  private resourcesSeen: readonly ResourceDiff[] | null = null;
  private resourceKeySet: ReadonlySet<string> = new Set();

  constructor(cluster: Cluster, app: string, memo: ClusterMemo, keys: StoreKeys) {
    this.tracked = new TrackedObjects(cluster, app);
    this.reconciled = new ReconcileMemo(memo);
    this.health = new HealthRollup(memo);
    this.observed = new ObservedApp(keys, memo);
  }

  /** The keys of a resource list (a compare replaces the list, never edits it). */
  resourceKeys(resources: readonly ResourceDiff[]): ReadonlySet<string> {
    if (resources !== this.resourcesSeen) {
      this.resourcesSeen = resources;
      this.resourceKeySet = new Set(resources.map((r) => r.key));
    }
    return this.resourceKeySet;
  }
}
