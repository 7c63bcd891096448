// The reconciler's and the observer's compare of one app, incremental: a compare after a few
// writes diffs the few pairs they replaced, not the whole app (gitops-engine keeps its cluster
// cache for the same reason, pkg/cache).
import type { KObject } from '../cluster';
import {
  diffAll,
  liveKeyOf,
  pair,
  reconcile,
  resultOf,
  targetOf,
  type Pairing,
  type ReconcileOptions,
} from '../compare/diff';
import type { CompareMemo } from '../compare/memo';
import { compareSyncOrder } from '../compare/sync-order';
import type { ReconcileResult } from '../compare/types';

/**
 * `reconcile` for one app, again and again, over a cluster's own objects (its ClusterMemo's): the
 * result of the last call is kept with its pairing. When the kinds are the same and the manifests
 * and the live objects are the same keys in the same order, only the pairs whose manifest (a new
 * commit) or live object (a cluster write stores a new object) was replaced are diffed again, and
 * each keeps its place in sync order when what orders it did not change. Anything else is a full
 * reconcile. With ignore rules every call is a full reconcile: they read field managers, which
 * change in place. Equal to `reconcile` call for call (reconcile-memo.test.ts checks it).
 */
export class ReconcileMemo {
  constructor(private readonly memo: CompareMemo) {}

  private last: {
    desired: readonly KObject[];
    kinds: number;
    live: readonly KObject[];
    /** The key of each live object, by index in `live`, and the index of each key. */
    liveKeys: string[];
    liveAt: Map<string, number>;
    pairing: Omit<Pairing, 'lives'>;
    /** Each key's index in `result.resources`. */
    at: Map<string, number>;
    result: ReconcileResult;
  } | null = null;

  run(
    desired: readonly KObject[],
    live: readonly KObject[],
    kinds: number,
    opts: ReconcileOptions,
  ): ReconcileResult {
    if ((opts.ignore ?? []).length > 0) {
      this.last = null;
      return reconcile(desired, live, opts, this.memo);
    }
    const again = this.again(desired, live, kinds, opts);
    if (again) return again;
    const pairing = pair(desired, live, opts, this.memo);
    const result = resultOf(diffAll(pairing), pairing.conditions);
    const liveKeys = live.map((obj) => liveKeyOf(obj, this.memo));
    const { targets, desiredKeys, conditions, diff } = pairing;
    this.last = {
      desired,
      kinds,
      live,
      liveKeys,
      liveAt: new Map(liveKeys.map((key, i) => [key, i])),
      pairing: { targets, desiredKeys, conditions, diff },
      at: new Map(result.resources.map((r, i) => [r.key, i])),
      result,
    };
    return result;
  }

  /** The last result with the replaced pairs diffed again, or null: reconcile in full. */
  private again(
    desired: readonly KObject[],
    live: readonly KObject[],
    kinds: number,
    opts: ReconcileOptions,
  ): ReconcileResult | null {
    const last = this.last;
    // The very same lists as last time: nothing was replaced (lists are replaced, not edited).
    if (last?.kinds === kinds && desired === last.desired && live === last.live) return last.result;
    if (
      !last ||
      last.kinds !== kinds ||
      last.live.length !== live.length ||
      last.desired.length !== desired.length
    )
      return null;
    const changed = new Set<string>();
    if (desired !== last.desired) {
      // With a manifest repeated, which copy is kept depends on all of them: start again.
      if (last.pairing.conditions.length > 0) return null;
      for (let i = 0; i < desired.length; i++) {
        const obj = desired[i]!;
        if (obj === last.desired[i]) continue;
        const { scoped, key } = targetOf(obj, opts, this.memo);
        if (key !== last.pairing.desiredKeys[i]) return null;
        last.pairing.targets.set(key, scoped);
        changed.add(key);
      }
      last.desired = desired;
    }
    for (let i = 0; i < live.length; i++) {
      if (live[i] === last.live[i]) continue;
      const key = liveKeyOf(live[i]!, this.memo);
      if (key !== last.liveKeys[i]) return null;
      changed.add(key);
    }
    last.live = live;
    if (changed.size === 0) return last.result;
    const resources = [...last.result.resources];
    for (const key of changed) {
      const at = last.at.get(key)!;
      const liveAt = last.liveAt.get(key);
      const now = last.pairing.diff(
        key,
        last.pairing.targets.get(key),
        liveAt === undefined ? undefined : live[liveAt],
      );
      if (compareSyncOrder(resources[at]!, now) !== 0) return null;
      resources[at] = now;
    }
    last.result = resultOf(resources, last.pairing.conditions);
    return last.result;
  }
}
