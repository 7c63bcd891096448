// The live objects an Application tracks (they carry its tracking annotation), kept up to date
// from the cluster's journal of writes: a check after a few writes looks at those few keys, not
// at every annotated object. While no object starts or stops being tracked the keys are the same
// array, and the objects a new array only when one of them was written.
import { refKey, refOf, type Cluster, type KObject } from '../cluster';
import { FLUX_NAME_LABEL } from './flux-apply';
import { isTrackedBy, TRACKING_ANNOTATION } from './sync-run';

export class TrackedObjects {
  private cluster: Cluster | null = null;
  private version = -1;
  private keys: readonly string[] = [];
  private at = new Map<string, number>();
  private objects: readonly KObject[] = [];

  constructor(private readonly app: string) {}

  /** The tracked objects, in list order. */
  of(cluster: Cluster): readonly KObject[] {
    this.update(cluster);
    return this.objects;
  }

  /** Their store keys (refKeys), in the same order. */
  keysOf(cluster: Cluster): readonly string[] {
    this.update(cluster);
    return this.keys;
  }

  private update(cluster: Cluster): void {
    if (cluster === this.cluster && cluster.version === this.version) return;
    const written = cluster === this.cluster ? cluster.changedSince(this.version) : null;
    if (written === null || !this.follow(cluster, written)) this.list(cluster);
    this.cluster = cluster;
    this.version = cluster.version;
  }

  /** Takes the written objects in; false when one started or stopped being tracked. */
  private follow(cluster: Cluster, written: readonly string[]): boolean {
    let objects: KObject[] | null = null;
    for (const key of written) {
      const obj = cluster.byKey(key);
      const i = this.at.get(key);
      const tracked = obj !== undefined && isTrackedBy(obj, this.app);
      if (tracked !== (i !== undefined)) return false;
      if (i === undefined || (objects ?? this.objects)[i] === obj) continue;
      objects ??= [...this.objects];
      objects[i] = obj!;
    }
    if (objects) this.objects = objects;
    return true;
  }

  private list(cluster: Cluster): void {
    // Argo CD's annotation, then Flux's label (flux-apply.ts): a lane whose flavour changed may
    // hold both; an object with both comes once.
    const argo = cluster.list({ annotation: TRACKING_ANNOTATION });
    const flux = cluster.list({ label: FLUX_NAME_LABEL });
    const both =
      flux.length === 0 ? argo : argo.length === 0 ? flux : [...new Set([...argo, ...flux])];
    this.objects = both.filter((o) => isTrackedBy(o, this.app));
    // A stored object's store key is its refKey.
    this.keys = Object.freeze(this.objects.map((o) => refKey(refOf(o))));
    this.at = new Map(this.keys.map((key, i) => [key, i]));
  }
}
