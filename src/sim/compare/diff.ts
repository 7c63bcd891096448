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
import { isStored } from '../stored';
import { refKey, refOf, type KObject } from '../cluster';
import { KindRegistry } from '../cluster/kinds';
import { groupOf, type IgnoreDifference } from './ignore';
import { NO_MEMO, type CompareMemo } from './memo';
import { compareResource } from './resource-diff';
import { compareSyncOrder } from './sync-order';
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
}

const BUILT_IN_KINDS = new KindRegistry();
const builtInNamespaced = (kind: string) => BUILT_IN_KINDS.forKind(kind)?.namespaced ?? true;

/**
 * The manifest with its namespace as the API server resolves it. Copies; never mutates. The copy
 * of a frozen manifest is frozen too, so that what is remembered of it stays true.
 */
export function scopeDesired(
  obj: KObject,
  namespaced: (kind: string) => boolean = builtInNamespaced,
  namespace = 'default',
  memo: CompareMemo = NO_MEMO,
): KObject {
  const ns = obj.metadata.namespace;
  const clusterScoped = !namespaced(obj.kind);
  if (clusterScoped ? ns === undefined : ns !== undefined) return obj;
  return memo.scoped(obj, clusterScoped ? '\0' : namespace, () => {
    const { namespace: _dropped, ...meta } = obj.metadata;
    const scoped = { ...obj, metadata: clusterScoped ? meta : { ...obj.metadata, namespace } };
    if (isStored(obj)) {
      Object.freeze(scoped.metadata);
      Object.freeze(scoped);
    }
    return scoped;
  });
}

/** What reconcile pairs and how it diffs one pair: shared by `reconcile` and the cache layer's
 *  incremental reconcile (cache/reconcile-memo.ts). */
export interface Pairing {
  targets: Map<string, KObject>;
  /** The key of each desired object, by index. */
  desiredKeys: string[];
  lives: Map<string, KObject>;
  conditions: AppCondition[];
  diff: (key: string, target: KObject | undefined, live: KObject | undefined) => ResourceDiff;
}

const keyOf = (obj: KObject) => refKey(refOf(obj));

/** A desired object as the API server would store it, and its key. */
export function targetOf(
  obj: KObject,
  opts: ReconcileOptions,
  memo: CompareMemo,
): { scoped: KObject; key: string } {
  const scoped = scopeDesired(obj, opts.namespaced, opts.namespace, memo);
  return { scoped, key: memo.manifestKey(scoped, () => keyOf(scoped)) };
}

/** The key of a live object (with a memo: one its cluster stores). */
export function liveKeyOf(obj: KObject, memo: CompareMemo): string {
  return memo.liveKey(obj, () => keyOf(obj));
}

/**
 * Pairs desired and live objects by key. With a memo (the live objects are then its cluster's
 * own) and no ignore rule, each pair's diff is remembered: ignore rules read field managers,
 * which a cluster keeps apart from its objects and changes in place.
 */
export function pair(
  desired: readonly KObject[],
  live: readonly KObject[],
  opts: ReconcileOptions,
  memo: CompareMemo = NO_MEMO,
): Pairing {
  const targets = new Map<string, KObject>();
  const seen = new Map<string, number>();
  const desiredKeys = desired.map((obj) => {
    const { scoped, key } = targetOf(obj, opts, memo);
    targets.set(key, scoped);
    seen.set(key, (seen.get(key) ?? 0) + 1);
    return key;
  });
  const lives = new Map<string, KObject>();
  for (const obj of live) lives.set(liveKeyOf(obj, memo), obj);
  const ignore = opts.ignore ?? [];
  const { managedFields } = opts;
  const diff = (key: string, target: KObject | undefined, liveObj: KObject | undefined) => {
    if (memo !== NO_MEMO && ignore.length === 0)
      return memo.diff(target, liveObj, (immutable) =>
        compareResource(target, liveObj, [], () => undefined, immutable, memo),
      );
    return compareResource(
      target,
      liveObj,
      ignore,
      () => (liveObj && managedFields ? managedFields(key) : undefined),
      false,
      memo,
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

export function resultOf(resources: ResourceDiff[], conditions: AppCondition[]): ReconcileResult {
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
 * its last copy and raises Argo's RepeatedResourceWarning. With a memo, `live` must be the memo's
 * cluster's own objects (see memo.ts).
 */
export function reconcile(
  desired: readonly KObject[],
  live: readonly KObject[],
  opts: ReconcileOptions = {},
  memo: CompareMemo = NO_MEMO,
): ReconcileResult {
  const pairing = pair(desired, live, opts, memo);
  return resultOf(diffAll(pairing), pairing.conditions);
}

/** Every pair's diff: Git's objects first, in manifest order, then the live ones Git does not
 *  declare; then sorted in sync order (a stable sort). */
export function diffAll({ targets, lives, diff }: Pairing): ResourceDiff[] {
  const resources: ResourceDiff[] = [];
  for (const [key, target] of targets) resources.push(diff(key, target, lives.get(key)));
  for (const [key, liveObj] of lives)
    if (!targets.has(key)) resources.push(diff(key, undefined, liveObj));
  return resources.sort(compareSyncOrder);
}
