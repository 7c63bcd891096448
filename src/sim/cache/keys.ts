// The store keys (`Kind/namespace/name`, an object's refKey) of the objects Git declares, in one
// cluster: what the observer and the push lane's verify stage look live objects up by. Manifests
// are frozen and shared per tree; a key depends on which kinds the cluster serves as namespaced,
// hence the generation of its kinds.
import { isStored } from '../stored';
import { refKey, refOf, type Cluster, type KObject } from '../cluster';

export interface DeclaredKeys {
  list: readonly string[];
  set: ReadonlySet<string>;
}

interface AtGeneration<V> {
  generation: number;
  value: V;
}

export class StoreKeys {
  private readonly keys = new WeakMap<KObject, AtGeneration<string>>();
  private readonly declared = new WeakMap<readonly KObject[], AtGeneration<DeclaredKeys>>();
  /** The keys last found, with their manifests: most commits keep every key. */
  private previous: {
    manifests: readonly KObject[];
    generation: number;
    keys: DeclaredKeys;
  } | null = null;

  constructor(private readonly cluster: Cluster) {}

  /** The store key of a Git manifest in the cluster. */
  of(manifest: KObject): string {
    return this.atGeneration(this.keys, manifest, () =>
      refKey(this.cluster.scoped(refOf(manifest))),
    );
  }

  /**
   * The store key of each of an app's manifests (in order), and as a set. Manifests that declare
   * the same keys in the same order as the last ones asked about get the same answer (the same
   * list and set), so a caller can tell "same objects" by identity.
   */
  declaredBy(manifests: readonly KObject[]): DeclaredKeys {
    return this.atGeneration(this.declared, manifests, () => {
      const generation = this.cluster.kinds.generation;
      const last = this.previous;
      const reuse = last?.generation === generation ? last : undefined;
      let same = reuse?.manifests.length === manifests.length;
      const list = manifests.map((m, i) => {
        // A manifest that is the very object of the last list at its place has the same key.
        const key = reuse && reuse.manifests[i] === m ? reuse.keys.list[i]! : this.of(m);
        same &&= key === reuse!.keys.list[i];
        return key;
      });
      const keys = same && reuse ? reuse.keys : { list, set: new Set(list) };
      if (isStored(manifests)) this.previous = { manifests, generation, keys };
      return keys;
    });
  }

  /** `compute()` for a frozen `of`, kept while the cluster's kinds are the same generation. */
  private atGeneration<K extends object, V>(
    table: WeakMap<K, AtGeneration<V>>,
    of: K,
    compute: () => V,
  ): V {
    const generation = this.cluster.kinds.generation;
    const hit = table.get(of);
    if (hit?.generation === generation) return hit.value;
    const value = compute();
    if (isStored(of)) table.set(of, { generation, value });
    return value;
  }
}
