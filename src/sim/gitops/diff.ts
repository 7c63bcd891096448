// What differs between Git and the cluster: gitops-engine's `pkg/diff` per resource
// (resource-diff.ts) and `pkg/sync.Reconcile(target, live)` for an app. Pure functions over plain
// data.
//
// The diff is three-way, as Argo CD's legacy diff: the fields the manifest sets are compared with
// the live ones, and a field the last apply set (the live object's last-applied-configuration,
// cluster/last-applied.ts) that Git no longer sets is a difference while it is live. So what the
// API server or a controller adds (defaults, status, a `kubectl patch`-ed env var, an annotation)
// is never drift; a field the manifest sets with another live value (a hotfix) is, and so is a
// field removed from Git that the last sync applied. Keyed lists compare item by merge key
// (`containers[name=web]`), not by index. Git's Secret `stringData` is folded into base64 `data`
// first, as the API server does, so the two spellings of one value are equal.
import { refKey, refOf, type KObject } from '../cluster';
import { KindRegistry } from '../cluster/kinds';
import { getOrCreate } from '../get-or-create';
import { groupOf, type IgnoreDifference } from './ignore';
import { compareResource, rememberedDiff } from './resource-diff';
import { compareSyncOrder } from './sync-plan';
import type { AppCondition, ReconcileResult, ResourceDiff } from './types';

export type {
  AppCondition,
  DiffReason,
  FieldDiff,
  ReconcileResult,
  ResourceDiff,
  ResourceSyncStatus,
} from './types';

export interface DiffOptions {
  ignore?: readonly IgnoreDifference[];
  /** The live object's field managers: manager -> owned path texts. */
  managedFields?: Record<string, string[]>;
}

/** Compares one resource. At least one of `desired` and `live` must be given. */
export function diffResource(
  desired: KObject | undefined,
  live: KObject | undefined,
  opts: DiffOptions = {},
): ResourceDiff {
  const { managedFields } = opts;
  return compareResource(desired, live, opts.ignore ?? [], () => managedFields);
}

export interface ReconcileOptions {
  ignore?: readonly IgnoreDifference[];
  /** Field managers of a live object, by refKey: `(key) => cluster.managedFields(ref)`. */
  managedFields?: (key: string) => Record<string, string[]>;
  /** Whether a kind is namespaced: `(k) => cluster.kinds.forKind(k)?.namespaced ?? true`.
   *  Defaults to the built-in kinds; unknown kinds (custom resources) count as namespaced. */
  namespaced?: (kind: string) => boolean;
  /** Namespace for namespaced manifests that name none (the app's destination). */
  namespace?: string;
  /**
   * The live objects are a Cluster's own, which a write replaces and never edits: each diff of a
   * frozen manifest against one of them is then remembered (when no ignore rule applies).
   */
  liveFromCluster?: boolean;
}

const BUILT_IN_KINDS = new KindRegistry();
const builtInNamespaced = (kind: string) => BUILT_IN_KINDS.forKind(kind)?.namespaced ?? true;

// The scoped copy of a frozen manifest, per namespace it was given (`\0` for cluster-scoped): the
// copy is frozen like its manifest, so the compared leaves cached for it stay valid.
const scopedCache = new WeakMap<KObject, Map<string, KObject>>();

/** The manifest with its namespace as the API server resolves it. Copies; never mutates. */
export function scopeDesired(
  obj: KObject,
  namespaced: (kind: string) => boolean = builtInNamespaced,
  namespace = 'default',
): KObject {
  const ns = obj.metadata.namespace;
  const clusterScoped = !namespaced(obj.kind);
  if (clusterScoped ? ns === undefined : ns !== undefined) return obj;
  const slot = clusterScoped ? '\0' : namespace;
  const frozen = Object.isFrozen(obj);
  const hit = frozen ? scopedCache.get(obj)?.get(slot) : undefined;
  if (hit) return hit;
  const { namespace: _dropped, ...meta } = obj.metadata;
  const scoped = { ...obj, metadata: clusterScoped ? meta : { ...obj.metadata, namespace } };
  if (frozen) {
    Object.freeze(scoped.metadata);
    Object.freeze(scoped);
    getOrCreate(scopedCache, obj, () => new Map()).set(slot, scoped);
  }
  return scoped;
}

// The refKey of objects that never change (frozen manifests, a cluster's stored objects).
const keys = new WeakMap<KObject, string>();

function keyOf(obj: KObject, immutable: boolean): string {
  let key = immutable ? keys.get(obj) : undefined;
  if (key === undefined) {
    key = refKey(refOf(obj));
    if (immutable) keys.set(obj, key);
  }
  return key;
}

/** What reconcile pairs and how it diffs one pair: shared by `reconcile` and `ReconcileMemo`. */
interface Pairing {
  targets: Map<string, KObject>;
  /** The key of each desired object, by index. */
  desiredKeys: string[];
  lives: Map<string, KObject>;
  conditions: AppCondition[];
  diff: (key: string, target: KObject | undefined, live: KObject | undefined) => ResourceDiff;
}

/** A desired object as the API server would store it, and its key. */
function target(obj: KObject, opts: ReconcileOptions): { scoped: KObject; key: string } {
  const scoped = scopeDesired(obj, opts.namespaced, opts.namespace);
  return { scoped, key: keyOf(scoped, Object.isFrozen(scoped)) };
}

function pair(
  desired: readonly KObject[],
  live: readonly KObject[],
  opts: ReconcileOptions,
): Pairing {
  const targets = new Map<string, KObject>();
  const seen = new Map<string, number>();
  const desiredKeys = desired.map((obj) => {
    const { scoped, key } = target(obj, opts);
    targets.set(key, scoped);
    seen.set(key, (seen.get(key) ?? 0) + 1);
    return key;
  });
  const lives = new Map<string, KObject>();
  for (const obj of live) lives.set(keyOf(obj, opts.liveFromCluster === true), obj);
  const ignore = opts.ignore ?? [];
  const { managedFields } = opts;
  const diff = (key: string, target: KObject | undefined, liveObj: KObject | undefined) => {
    if (opts.liveFromCluster && ignore.length === 0 && (!target || Object.isFrozen(target)))
      return rememberedDiff(target, liveObj);
    return compareResource(target, liveObj, ignore, () =>
      liveObj && managedFields ? managedFields(key) : undefined,
    );
  };
  const conditions: AppCondition[] = [...seen]
    .filter(([, n]) => n > 1)
    .map(([key, n]) => {
      const t = targets.get(key)!;
      const id = `${groupOf(t.apiVersion)}/${t.kind}/${t.metadata.namespace ?? ''}/${t.metadata.name}`;
      return {
        type: 'RepeatedResourceWarning',
        message: `Resource ${id} appeared ${n} times among application resources.`,
      };
    });
  return { targets, desiredKeys, lives, conditions, diff };
}

function resultOf(resources: ResourceDiff[], conditions: AppCondition[]): ReconcileResult {
  let outOfSync = 0;
  let extra = 0;
  for (const r of resources) {
    if (r.status !== 'OutOfSync') continue;
    outOfSync++;
    if (r.reason === 'extra') extra++;
  }
  return {
    resources,
    sync: outOfSync > 0 ? 'OutOfSync' : 'Synced',
    onlyPruneNeeded: outOfSync > 0 && extra === outOfSync,
    conditions,
  };
}

/**
 * gitops-engine `Reconcile(target, live)`: pairs desired and live objects by refKey and diffs
 * each pair. `live` must already be the app's tracked objects. A manifest that appears twice keeps
 * its last copy and raises Argo's RepeatedResourceWarning.
 */
export function reconcile(
  desired: readonly KObject[],
  live: readonly KObject[],
  opts: ReconcileOptions = {},
): ReconcileResult {
  const pairing = pair(desired, live, opts);
  return resultOf(diffAll(pairing), pairing.conditions);
}

/** Every pair's diff: Git's objects first, in manifest order, then the live ones Git does not
 *  declare; then sorted in sync order (a stable sort). */
function diffAll({ targets, lives, diff }: Pairing): ResourceDiff[] {
  const resources: ResourceDiff[] = [];
  for (const [key, target] of targets) resources.push(diff(key, target, lives.get(key)));
  for (const [key, liveObj] of lives)
    if (!targets.has(key)) resources.push(diff(key, undefined, liveObj));
  return resources.sort(compareSyncOrder);
}

/**
 * `reconcile` for one app, again and again, over a cluster's own objects (`liveFromCluster`): the
 * result of the last call is kept with its pairing. When the kinds are the same and the manifests
 * and the live objects are the same keys in the same order, only the pairs whose manifest (a new
 * commit) or live object (a cluster write stores a new object) was replaced are diffed again, and
 * each keeps its place in sync order when what orders it did not change. Anything else is a full
 * reconcile. With ignore rules every call is a full reconcile: they read field managers, which
 * change in place. Equal to `reconcile` call for call (diff.test.ts checks it).
 */
export class ReconcileMemo {
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
    opts: ReconcileOptions & { liveFromCluster: true },
  ): ReconcileResult {
    if ((opts.ignore ?? []).length > 0) {
      this.last = null;
      return reconcile(desired, live, opts);
    }
    const again = this.again(desired, live, kinds, opts);
    if (again) return again;
    const pairing = pair(desired, live, opts);
    const result = resultOf(diffAll(pairing), pairing.conditions);
    const liveKeys = live.map((obj) => keyOf(obj, true));
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
        const { scoped, key } = target(obj, opts);
        if (key !== last.pairing.desiredKeys[i]) return null;
        last.pairing.targets.set(key, scoped);
        changed.add(key);
      }
      last.desired = desired;
    }
    for (let i = 0; i < live.length; i++) {
      if (live[i] === last.live[i]) continue;
      const key = keyOf(live[i]!, true);
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
