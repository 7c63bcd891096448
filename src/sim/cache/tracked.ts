// The live objects an Application tracks (they carry its tracking annotation), kept up to date
// from the cluster's journal of writes: a check after a few writes looks at those few keys, not
// at every annotated object. While no object starts or stops being tracked the keys are the same
// array, and the objects a new array only when one of them was written.
import { refKey, refOf, type Cluster, type KObject } from '../cluster';
import { FLUX_NAME_LABEL, isTrackedBy, TRACKING_ANNOTATION } from '../compare/tracking';

export class TrackedObjects {
  /** The cluster version the lists hold for; -1: never listed. */
  private version = -1;
  private keyList: readonly string[] = [];
  private at = new Map<string, number>();
  private list: readonly KObject[] = [];

  constructor(
    private readonly cluster: Cluster,
    private readonly app: string,
  ) {}

  /** The tracked objects, in list order. */
  objects(): readonly KObject[] {
    this.update();
    return this.list;
  }

  /** Their store keys (refKeys), in the same order. */
  keys(): readonly string[] {
    this.update();
    return this.keyList;
  }

  private update(): void {
    const { cluster } = this;
    if (cluster.version === this.version) return;
    const written = this.version < 0 ? null : cluster.changedSince(this.version);
    if (written === null || !this.follow(cluster, written)) this.relist(cluster);
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
      if (i === undefined || (objects ?? this.list)[i] === obj) continue;
      objects ??= [...this.list];
      objects[i] = obj!;
    }
    if (objects) this.list = objects;
    return true;
  }

  private relist(cluster: Cluster): void {
    // Argo CD's annotation, then Flux's label (gitops/flux-apply.ts): a lane whose flavour changed may
    // hold both; an object with both comes once.
    const argo = cluster.list({ annotation: TRACKING_ANNOTATION });
    const flux = cluster.list({ label: FLUX_NAME_LABEL });
    const both =
      flux.length === 0 ? argo : argo.length === 0 ? flux : [...new Set([...argo, ...flux])];
    this.list = both.filter((o) => isTrackedBy(o, this.app));
    // A stored object's store key is its refKey.
    this.keyList = Object.freeze(this.list.map((o) => refKey(refOf(o))));
    this.at = new Map(this.keyList.map((key, i) => [key, i]));
  }
}
