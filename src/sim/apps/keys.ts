// The store keys (`Kind/namespace/name`, an object's refKey) of the objects Git declares, per
// cluster: what the observer looks live objects up by.
import { refKey, refOf, type Cluster, type KObject } from '../cluster';

// The store key of each Git manifest in each cluster (manifests are frozen and shared per tree;
// the key depends on which kinds the cluster serves as namespaced, hence the generation).
const keys = new WeakMap<Cluster, WeakMap<KObject, { generation: number; key: string }>>();

export function storeKey(cluster: Cluster, manifest: KObject): string {
  let byManifest = keys.get(cluster);
  if (!byManifest) {
    byManifest = new WeakMap();
    keys.set(cluster, byManifest);
  }
  const generation = cluster.kinds.generation;
  const hit = byManifest.get(manifest);
  if (hit?.generation === generation) return hit.key;
  const key = refKey(cluster.scoped(refOf(manifest)));
  if (Object.isFrozen(manifest)) byManifest.set(manifest, { generation, key });
  return key;
}

// The store keys of the manifests Git declares for an app, per cluster: the same for the same
// manifests (shared per folder content) and the same kinds served.
const declared = new WeakMap<
  Cluster,
  WeakMap<readonly KObject[], { generation: number; list: string[]; set: Set<string> }>
>();

/** The store key of each manifest (in order), and as a set. */
export function declaredKeys(
  cluster: Cluster,
  manifests: readonly KObject[],
): { list: readonly string[]; set: ReadonlySet<string> } {
  let byManifests = declared.get(cluster);
  if (!byManifests) {
    byManifests = new WeakMap();
    declared.set(cluster, byManifests);
  }
  const generation = cluster.kinds.generation;
  const hit = byManifests.get(manifests);
  if (hit?.generation === generation) return hit;
  const list = manifests.map((m) => storeKey(cluster, m));
  const keys = { generation, list, set: new Set(list) };
  byManifests.set(manifests, keys);
  return keys;
}
