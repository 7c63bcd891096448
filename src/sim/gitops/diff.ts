// What differs between Git and the cluster: gitops-engine's `pkg/diff` per resource and
// `pkg/sync.Reconcile(target, live)` for an app. Pure functions over plain data.
//
// Only the fields the manifest sets are compared, so what the API server or a controller adds
// (defaults, status, a `kubectl patch`-ed env var, an annotation) is never drift; a field the
// manifest sets with another live value (a hotfix) is. Keyed lists compare item by merge key
// (`containers[name=web]`), not by index. Git's Secret `stringData` is folded into base64 `data`
// first, as the API server does, so the two spellings of one value are equal.
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { stringify } from 'yaml';
import {
  formatPath,
  getPath,
  isRecord,
  leaves,
  maskObject,
  refKey,
  refOf,
  sameValue,
  type KObject,
  type ObjectRef,
} from '../cluster';
import { setPath, type Leaf } from '../cluster/fieldpath';
import { KindRegistry } from '../cluster/kinds';
import { isSecretValuePath, normalizeSecret, valueHash } from '../cluster/secret';
import { groupOf, ignoreMatcher, type IgnoreDifference } from './ignore';
import { compareSyncOrder, syncWaveOf } from './sync-plan';
import type { AppCondition, DiffReason, FieldDiff, ReconcileResult, ResourceDiff } from './types';

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

const IDENTITY = new Set(['apiVersion', 'kind', 'metadata.name', 'metadata.namespace']);
const SERVER_META = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields'];
// gitops-engine `diff.HideSecretData`: equal values show the same run of `+`, different ones differ.
const SECRET_SAME = '++++++++';
const SECRET_OTHER = '++++++++++++';

function comparedLeaves(desired: KObject): Leaf[] {
  return leaves(desired).filter((l) => l.path[0] !== 'status' && !IDENTITY.has(formatPath(l.path)));
}

function same(desired: unknown, live: unknown): boolean {
  // An empty map in the manifest sets no field in it: any live map (defaults filled in) matches.
  if (isRecord(desired) && Object.keys(desired).length === 0) return isRecord(live);
  return sameValue(desired, live);
}

function identityView(obj: KObject, ref: ObjectRef): Record<string, unknown> {
  const { name, namespace } = ref;
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    metadata: namespace === undefined ? { name } : { name, namespace },
  };
}

/** A live object as a prune would delete it: masked, without status and server bookkeeping. */
function pruneView(live: KObject): Record<string, unknown> {
  const { status: _status, ...rest } = maskObject(live);
  const metadata = Object.fromEntries(
    Object.entries(rest.metadata).filter(([k]) => !SERVER_META.includes(k)),
  );
  return { ...rest, metadata };
}

function yamlOf(view: Record<string, unknown> | undefined): string {
  return view === undefined ? '' : stringify(view, { indentSeq: false, lineWidth: 0 });
}

function unifiedDiff(
  key: string,
  live: Record<string, unknown> | undefined,
  desired?: Record<string, unknown>,
): string {
  return createTwoFilesPatch(
    live ? `live/${key}` : '/dev/null',
    desired ? `desired/${key}` : '/dev/null',
    yamlOf(live),
    yamlOf(desired),
    undefined,
    undefined,
    { context: 3, headerOptions: FILE_HEADERS_ONLY },
  );
}

/** Compares one resource. At least one of `desired` and `live` must be given. */
export function diffResource(
  desired: KObject | undefined,
  live: KObject | undefined,
  opts: DiffOptions = {},
): ResourceDiff {
  const subject = desired ?? live;
  if (!subject) throw new TypeError('diffResource needs a desired or a live object');
  const ref = refOf(live ?? subject);
  const key = refKey(ref);
  const base = {
    key,
    ref,
    group: groupOf(subject.apiVersion),
    kind: ref.kind,
    name: ref.name,
    ...(ref.namespace === undefined ? {} : { namespace: ref.namespace }),
    syncWave: syncWaveOf(subject).wave,
    ...(desired ? { desired } : {}),
    ...(live ? { live: maskObject(live) } : {}),
  };
  if (!desired)
    return {
      ...base,
      status: 'OutOfSync',
      reason: 'extra',
      requiresPruning: true,
      fields: [],
      ignored: [],
      textDiff: unifiedDiff(key, pruneView(live!)),
    };

  const normal = normalizeSecret(desired);
  const ignoredPath = ignoreMatcher(opts.ignore ?? [], {
    object: { ...normal, metadata: { ...normal.metadata, namespace: ref.namespace } },
    ...(opts.managedFields ? { managedFields: opts.managedFields } : {}),
  });
  const fields: FieldDiff[] = [];
  const ignored: string[] = [];
  const desiredView = identityView(normal, ref);
  const liveView = live ? identityView(live, ref) : undefined;
  for (const leaf of comparedLeaves(normal)) {
    const path = formatPath(leaf.path);
    const liveValue = live ? getPath(live, leaf.path) : undefined;
    const equal = liveValue !== undefined && same(leaf.value, liveValue);
    if (ignoredPath(path)) {
      if (!equal && live) ignored.push(path);
      continue;
    }
    const secret = isSecretValuePath(ref.kind, path);
    if (!equal) {
      const mask = (v: unknown) => (secret ? valueHash(v) : v);
      fields.push({
        path,
        desired: mask(leaf.value),
        ...(liveValue === undefined ? {} : { live: mask(liveValue) }),
      });
    }
    setPath(desiredView, leaf.path, secret ? SECRET_SAME : leaf.value);
    if (liveView && liveValue !== undefined) {
      const shown = secret ? (equal ? SECRET_SAME : SECRET_OTHER) : equal ? leaf.value : liveValue;
      setPath(liveView, leaf.path, shown);
    }
  }
  const reason: DiffReason | null = !live ? 'missing' : fields.length > 0 ? 'modified' : null;
  return {
    ...base,
    status: reason === null ? 'Synced' : 'OutOfSync',
    reason,
    requiresPruning: false,
    fields,
    ignored,
    ...(reason === null ? {} : { textDiff: unifiedDiff(key, liveView, desiredView) }),
  };
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

/** The manifest with its namespace as the API server resolves it. Copies; never mutates. */
export function scopeDesired(
  obj: KObject,
  namespaced: (kind: string) => boolean = builtInNamespaced,
  namespace = 'default',
): KObject {
  const { namespace: ns, ...meta } = obj.metadata;
  if (!namespaced(obj.kind)) return ns === undefined ? obj : { ...obj, metadata: meta };
  return ns !== undefined ? obj : { ...obj, metadata: { ...obj.metadata, namespace } };
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
  const targets = new Map<string, KObject>();
  const seen = new Map<string, number>();
  for (const obj of desired) {
    const scoped = scopeDesired(obj, opts.namespaced, opts.namespace);
    const key = refKey(refOf(scoped));
    targets.set(key, scoped);
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const lives = new Map(live.map((obj) => [refKey(refOf(obj)), obj]));
  const keys = new Set([...targets.keys(), ...lives.keys()]);
  const resources = [...keys]
    .map((key) => {
      const liveObj = lives.get(key);
      return diffResource(targets.get(key), liveObj, {
        ...(opts.ignore ? { ignore: opts.ignore } : {}),
        ...(liveObj && opts.managedFields ? { managedFields: opts.managedFields(key) } : {}),
      });
    })
    .sort(compareSyncOrder);
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
  const outOfSync = resources.filter((r) => r.status === 'OutOfSync');
  return {
    resources,
    sync: outOfSync.length > 0 ? 'OutOfSync' : 'Synced',
    onlyPruneNeeded: outOfSync.length > 0 && outOfSync.every((r) => r.reason === 'extra'),
    conditions,
  };
}
