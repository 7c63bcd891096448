// The store keys (`Kind/namespace/name`, an object's refKey) of the objects Git declares, per
// cluster: what the observer looks live objects up by. Manifests are frozen and shared per tree;
// a key depends on which kinds the cluster serves as namespaced, hence the generation.
import { refKey, refOf, type Cluster, type KObject } from '../cluster';
import { getOrCreate } from '../get-or-create';

/** Per cluster and per (frozen) object, a value computed under one generation of its kinds. */
class PerGeneration<K extends object, V> {
  private readonly byCluster = new WeakMap<Cluster, WeakMap<K, { generation: number; value: V }>>();

  get(cluster: Cluster, of: K, compute: () => V): V {
    const byObject = getOrCreate(this.byCluster, cluster, () => new WeakMap());
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

const declared = new PerGeneration<readonly KObject[], DeclaredKeys>();

/** The keys last found per cluster, with their manifests: most commits keep every key. */
const previous = new WeakMap<
  Cluster,
  { manifests: readonly KObject[]; generation: number; keys: DeclaredKeys }
>();

export interface DeclaredKeys {
  list: readonly string[];
  set: ReadonlySet<string>;
}

/**
 * The store key of each of an app's manifests (in order), and as a set. Manifests that declare
 * the same keys in the same order as the last ones asked about get the same answer (the same
 * list and set), so a caller can tell "same objects" by identity.
 */
export function declaredKeys(cluster: Cluster, manifests: readonly KObject[]): DeclaredKeys {
  return declared.get(cluster, manifests, () => {
    const last = previous.get(cluster);
    const reuse = last?.generation === cluster.kinds.generation ? last : undefined;
    let same = reuse?.manifests.length === manifests.length;
    const list = manifests.map((m, i) => {
      // A manifest that is the very object of the last list at its place has the same key.
      const key = reuse && reuse.manifests[i] === m ? reuse.keys.list[i]! : storeKey(cluster, m);
      same &&= key === reuse!.keys.list[i];
      return key;
    });
    const keys = same && reuse ? reuse.keys : { list, set: new Set(list) };
    if (Object.isFrozen(manifests))
      previous.set(cluster, { manifests, generation: cluster.kinds.generation, keys });
    return keys;
  });
}
