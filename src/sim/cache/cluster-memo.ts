// The compare memo (compare/memo.ts) of one cluster: what a diff or a health check found for
// objects that never change, kept by object. Frozen manifests (Git's, shared per tree id, and the
// frozen copies made of them) are kept; a manifest that is not frozen may still be edited and is
// computed afresh. Live objects are the cluster's own: a write stores a new object and never
// edits one, so an object's diff and health hold for as long as it is kept.
import { isStored } from '../stored';
import type { Health, KObject } from '../cluster';
import type { ComparedFields, CompareMemo } from '../compare/memo';
import type { ResourceDiff } from '../compare/types';
import { getOrCreate } from '../get-or-create';

// The side of a diff that is absent: a manifest not live, or a live object Git does not declare.
const NONE = {};

// Every table is a WeakMap: what the cluster and Git let go of goes too.
export class ClusterMemo implements CompareMemo {
  private readonly copies = new WeakMap<KObject, Map<string, KObject>>();
  private readonly manifestKeys = new WeakMap<KObject, string>();
  private readonly liveKeys = new WeakMap<KObject, string>();
  private readonly comparedFields = new WeakMap<KObject, ComparedFields>();
  private readonly diffs = new WeakMap<object, WeakMap<object, ResourceDiff>>();
  private readonly healths = new WeakMap<KObject, Health | null>();

  scoped(manifest: KObject, slot: string, make: () => KObject): KObject {
    return this.copy(manifest, slot, make);
  }

  /**
   * A copy of a manifest, one per `slot`: a namespace (or `\0`) for its scoped copies, `<engine>:
   * <app>` for the copy a sync applies (gitops/sync-run.ts). `make` must freeze the copy of a
   * frozen manifest.
   */
  copy(manifest: KObject, slot: string, make: () => KObject): KObject {
    if (!isStored(manifest)) return make();
    const copies = getOrCreate(this.copies, manifest, () => new Map<string, KObject>());
    return getOrCreate(copies, slot, make);
  }

  manifestKey(manifest: KObject, make: () => string): string {
    return isStored(manifest) ? getOrCreate(this.manifestKeys, manifest, make) : make();
  }

  liveKey(live: KObject, make: () => string): string {
    return getOrCreate(this.liveKeys, live, make);
  }

  compared<C extends ComparedFields>(manifest: KObject, make: () => C): C {
    return isStored(manifest) ? (getOrCreate(this.comparedFields, manifest, make) as C) : make();
  }

  diff(
    desired: KObject | undefined,
    live: KObject | undefined,
    make: (immutable: boolean) => ResourceDiff,
  ): ResourceDiff {
    if (desired && !isStored(desired)) return make(false);
    const byLive = getOrCreate(
      this.diffs,
      desired ?? NONE,
      () => new WeakMap<object, ResourceDiff>(),
    );
    return getOrCreate(byLive, live ?? NONE, () => make(true));
  }

  health(live: KObject, make: () => Health | null): Health | null {
    // null is an answer too (a kind without a health check): `has` tells it from "not asked".
    if (this.healths.has(live)) return this.healths.get(live)!;
    const health = make();
    this.healths.set(live, health);
    return health;
  }
}
