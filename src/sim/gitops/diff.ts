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
import { setPath, type FieldPath } from '../cluster/fieldpath';
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

/** A field the diff compares: its path, the path as text, and the manifest's value. */
interface ComparedLeaf {
  path: FieldPath;
  text: string;
  value: unknown;
}

// A frozen manifest never changes (Git's are deep-frozen and shared per tree id; reconcile's
// scoped copies of them are frozen too), so its compared leaves are kept per manifest object.
const comparedCache = new WeakMap<KObject, readonly ComparedLeaf[]>();

function comparedLeaves(desired: KObject): readonly ComparedLeaf[] {
  const hit = comparedCache.get(desired);
  if (hit) return hit;
  const out: ComparedLeaf[] = [];
  for (const { path, value } of leaves(desired)) {
    if (path[0] === 'status') continue;
    const text = formatPath(path);
    if (!IDENTITY.has(text)) out.push({ path, text, value });
  }
  if (Object.isFrozen(desired)) comparedCache.set(desired, out);
  return out;
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
  const { managedFields } = opts;
  return compareResource(desired, live, opts.ignore ?? [], () => managedFields);
}

/** What every ResourceDiff starts with: which object, and the two sides compared. */
type DiffHead = Pick<
  ResourceDiff,
  'key' | 'ref' | 'group' | 'kind' | 'name' | 'namespace' | 'syncWave' | 'desired' | 'live'
>;

// Diffs are built key by key rather than spread together (reconcile makes one per object per
// compare): the order the keys are added in is the order reports print them.
function diffHead(
  key: string,
  ref: ObjectRef,
  subject: KObject,
  desired?: KObject,
  live?: KObject,
) {
  const head: DiffHead = {
    key,
    ref,
    group: groupOf(subject.apiVersion),
    kind: ref.kind,
    name: ref.name,
  } as DiffHead;
  if (ref.namespace !== undefined) head.namespace = ref.namespace;
  head.syncWave = syncWaveOf(subject).wave;
  if (desired) head.desired = desired;
  if (live) head.live = maskObject(live);
  return head;
}

function finishDiff(
  head: DiffHead,
  status: ResourceDiff['status'],
  reason: DiffReason | null,
  fields: FieldDiff[],
  ignored: string[],
  draw?: { textDiff: () => string; lazily: boolean },
): ResourceDiff {
  const diff = head as ResourceDiff;
  diff.status = status;
  diff.reason = reason;
  diff.requiresPruning = reason === 'extra';
  diff.fields = fields;
  diff.ignored = ignored;
  if (!draw) return diff;
  if (!draw.lazily) {
    diff.textDiff = draw.textDiff();
    return diff;
  }
  // Drawn when first read, as most never are. Lazily only over sides that never change, so the
  // text is the one an eager draw would have made.
  Object.defineProperty(diff, 'textDiff', {
    enumerable: true,
    configurable: true,
    get() {
      const textDiff = draw.textDiff();
      Object.defineProperty(diff, 'textDiff', {
        value: textDiff,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      return textDiff;
    },
  });
  return diff;
}

function fieldDiff(kind: string, path: string, desired: unknown, live: unknown): FieldDiff {
  const secret = isSecretValuePath(kind, path);
  const field: FieldDiff = { path, desired: secret ? valueHash(desired) : desired };
  if (live !== undefined) field.live = secret ? valueHash(live) : live;
  return field;
}

/**
 * diffResource, with the field managers read only when an ignore rule could need them. `immutable`:
 * neither side will ever change (a frozen manifest, a cluster's stored object).
 */
function compareResource(
  desired: KObject | undefined,
  live: KObject | undefined,
  ignore: readonly IgnoreDifference[],
  managedFields: () => Record<string, string[]> | undefined,
  immutable = false,
): ResourceDiff {
  const subject = desired ?? live;
  if (!subject) throw new TypeError('diffResource needs a desired or a live object');
  const ref = refOf(live ?? subject);
  const key = refKey(ref);
  const head = diffHead(key, ref, subject, desired, live);
  if (!desired)
    return finishDiff(head, 'OutOfSync', 'extra', [], [], {
      textDiff: () => unifiedDiff(key, pruneView(live!)),
      lazily: immutable,
    });

  const normal = normalizeSecret(desired);
  let ignoredPath: ((path: string) => boolean) | null = null;
  if (ignore.length > 0) {
    const managed = managedFields();
    ignoredPath = ignoreMatcher(ignore, {
      object: { ...normal, metadata: { ...normal.metadata, namespace: ref.namespace } },
      ...(managed ? { managedFields: managed } : {}),
    });
  }
  const compared = comparedLeaves(normal);
  const fields: FieldDiff[] = [];
  const ignored: string[] = [];
  for (const leaf of compared) {
    const liveValue = live ? getPath(live, leaf.path) : undefined;
    const equal = liveValue !== undefined && same(leaf.value, liveValue);
    if (ignoredPath?.(leaf.text)) {
      if (!equal && live) ignored.push(leaf.text);
    } else if (!equal) fields.push(fieldDiff(ref.kind, leaf.text, leaf.value, liveValue));
  }
  const reason: DiffReason | null = !live ? 'missing' : fields.length > 0 ? 'modified' : null;
  if (reason === null) return finishDiff(head, 'Synced', null, fields, ignored);

  // Only an OutOfSync resource shows a text diff: the views it is drawn from are built for it alone.
  const textDiff = () => {
    const desiredView = identityView(normal, ref);
    const liveView = live ? identityView(live, ref) : undefined;
    for (const leaf of compared) {
      if (ignoredPath?.(leaf.text)) continue;
      const liveValue = live ? getPath(live, leaf.path) : undefined;
      const equal = liveValue !== undefined && same(leaf.value, liveValue);
      const secret = isSecretValuePath(ref.kind, leaf.text);
      setPath(desiredView, leaf.path, secret ? SECRET_SAME : leaf.value);
      if (liveView && liveValue !== undefined) {
        const shown = secret
          ? equal
            ? SECRET_SAME
            : SECRET_OTHER
          : equal
            ? leaf.value
            : liveValue;
        setPath(liveView, leaf.path, shown);
      }
    }
    return unifiedDiff(key, liveView, desiredView);
  };
  return finishDiff(head, 'OutOfSync', reason, fields, ignored, { textDiff, lazily: immutable });
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
    const copies = scopedCache.get(obj) ?? new Map<string, KObject>();
    copies.set(slot, scoped);
    scopedCache.set(obj, copies);
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

// Diffs by frozen manifest, then by live object (NONE for an absent one). Both sides never change,
// so neither does their diff; a changed object is a new object, and a new key.
const NONE = {};
const remembered = new WeakMap<object, WeakMap<object, ResourceDiff>>();

function rememberedDiff(desired: KObject | undefined, live: KObject | undefined): ResourceDiff {
  let byLive = remembered.get(desired ?? NONE);
  if (!byLive) {
    byLive = new WeakMap();
    remembered.set(desired ?? NONE, byLive);
  }
  let diff = byLive.get(live ?? NONE);
  if (!diff) {
    diff = compareResource(desired, live, [], () => undefined, true);
    byLive.set(live ?? NONE, diff);
  }
  return diff;
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
    const key = keyOf(scoped, Object.isFrozen(scoped));
    targets.set(key, scoped);
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
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
  // Git's objects first, in manifest order, then the live ones Git does not declare.
  const resources: ResourceDiff[] = [];
  for (const [key, target] of targets) resources.push(diff(key, target, lives.get(key)));
  for (const [key, liveObj] of lives)
    if (!targets.has(key)) resources.push(diff(key, undefined, liveObj));
  resources.sort(compareSyncOrder);
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
