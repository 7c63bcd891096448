// The store keys (`Kind/namespace/name`, an object's refKey) of the objects Git declares, per
// cluster: what the observer looks live objects up by. Manifests are frozen and shared per tree;
// a key depends on which kinds the cluster serves as namespaced, hence the generation.
import { refKey, refOf, type Cluster, type KObject } from '../cluster';

/** Per cluster and per (frozen) object, a value computed under one generation of its kinds. */
class PerGeneration<K extends object, V> {
  private readonly byCluster = new WeakMap<Cluster, WeakMap<K, { generation: number; value: V }>>();

  get(cluster: Cluster, of: K, compute: () => V): V {
    let byObject = this.byCluster.get(cluster);
    if (!byObject) {
      byObject = new WeakMap();
      this.byCluster.set(cluster, byObject);
    }
    const generation = cluster.kinds.generation;
    const hit = byObject.get(of);
    if (hit?.generation === generation) return hit.value;
    const value = compute();
    if (Object.isFrozen(of)) byObject.set(of, { generation, value });
    return value;
  }
}

const keys = new PerGeneration<KObject, string>();

/** The store key of a Git manifest in a cluster. */
export function storeKey(cluster: Cluster, manifest: KObject): string {
  return keys.get(cluster, manifest, () => refKey(cluster.scoped(refOf(manifest))));
}

const declared = new PerGeneration<
  readonly KObject[],
  { list: readonly string[]; set: ReadonlySet<string> }
>();

/** The store key of each of an app's manifests (in order), and as a set. */
export function declaredKeys(
  cluster: Cluster,
  manifests: readonly KObject[],
): { list: readonly string[]; set: ReadonlySet<string> } {
  return declared.get(cluster, manifests, () => {
    const list = manifests.map((m) => storeKey(cluster, m));
    return { list, set: new Set(list) };
  });
}
