// The cache layer (gitops-engine keeps its own in `pkg/cache`): everything the reconciler, the
// observer and the push lane's verify stage remember between two looks at one cluster, owned by
// one object per cluster. See README.md in this folder for the one invariant it rests on.
import type { Cluster } from '../cluster';
import { getOrCreate } from '../get-or-create';
import { AppCache } from './app-cache';
import { ClusterMemo } from './cluster-memo';
import { StoreKeys } from './keys';
import type { ObservedApp } from './observed';

// One cache per cluster, for as long as the cluster lives. The only module-level table of the
// layer: whoever looks at a cluster finds the same cache without being handed it.
const caches = new WeakMap<Cluster, ClusterCache>();

export class ClusterCache {
  /** What compares and health checks found for objects that never change. */
  readonly memo = new ClusterMemo();
  /** The store keys of Git's manifests in this cluster. */
  readonly keys: StoreKeys;
  private readonly apps = new Map<string, AppCache>();

  private constructor(readonly cluster: Cluster) {
    this.keys = new StoreKeys(cluster);
  }

  static of(cluster: Cluster): ClusterCache {
    return getOrCreate(caches, cluster, () => new ClusterCache(cluster));
  }

  /** What the observer keeps of the app named `name`. */
  observed(name: string): ObservedApp {
    return this.app(name).observed;
  }

  /** What is kept for the app named `name` (an app is one folder of the repository). */
  app(name: string): AppCache {
    return getOrCreate(
      this.apps,
      name,
      () => new AppCache(this.cluster, name, this.memo, this.keys),
    );
  }
}
