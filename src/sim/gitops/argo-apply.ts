// How Argo CD applies one resource of a sync, by its sync options (sync-options.ts; argo-cd
// docs/user-guide/sync-options.md):
//
// - by default `kubectl apply` (client-side, with the last-applied annotation: a three-way merge);
// - `ServerSideApply=true`: `kubectl apply --server-side --force-conflicts` as the field manager
//   `argocd-controller`: field ownership decides what goes, and no last-applied annotation is
//   written;
// - `Replace=true`: `kubectl create` when the object is missing, else `kubectl replace`: the live
//   object becomes the manifest, so fields that only live had (a `kubectl patch`, an annotation)
//   are gone, and as neither command is given `--save-config`, no last-applied annotation is kept
//   (gitops-engine pkg/utils/kube `ReplaceResource`/`CreateResource`);
// - `RespectIgnoreDifferences=true`: the manifest is first given the live value of each field
//   `ignoreDifferences` names (its `jsonPointers`), when the object exists ("only effective when the
//   resource is already created"). Simplification: `managedFieldsManagers` entries are not applied
//   at sync.
import type { Applier, ApplyResult, Cluster, KObject, WriteContext } from '../cluster';
import { refKey, refOf } from '../cluster';
import { matchesIgnore, type IgnoreDifference } from '../compare/ignore';
import { isSafeKey, safeKey, type SafeKey } from '../safe-keys';
import { applyModeOf, respectsIgnore, type SyncOptions } from './sync-options';

export interface ArgoApplied extends ApplyResult {
  /** What the sync result says, when it is not kubectl apply's line. */
  readonly line?: string;
}

export interface ArgoApplyInput {
  cluster: Cluster;
  applier: Applier;
  /** The task's index in the applier's pass. */
  index: number;
  /** The manifest as Argo sends it (with its tracking annotation). */
  manifest: KObject;
  ctx: WriteContext;
  syncOptions: SyncOptions;
  ignoreDifferences: readonly IgnoreDifference[];
}

export function argoApply(input: ArgoApplyInput): ArgoApplied {
  const { cluster, ctx, syncOptions } = input;
  const mode = applyModeOf(input.manifest, syncOptions);
  const respect = respectsIgnore(input.manifest, syncOptions);
  // Most syncs set neither: the live object is not even looked up.
  const live = respect || mode === 'replace' ? cluster.get(refOf(input.manifest)) : undefined;
  const manifest =
    respect && live
      ? withIgnoredFromLive(input.manifest, live, input.ignoreDifferences)
      : input.manifest;
  if (mode === 'replace') return replace(cluster, manifest, live, ctx);
  if (mode === 'server-side') return cluster.apply(manifest, ctx, { serverSide: true });
  // The same manifest as the pass: answered from what the cluster knows when nothing changes.
  return manifest === input.manifest
    ? input.applier.apply(input.index, ctx)
    : cluster.apply(manifest, ctx);
}

/** `kubectl create`, or `kubectl replace`: everything but what the server keeps is the manifest's. */
function replace(
  cluster: Cluster,
  manifest: KObject,
  live: KObject | undefined,
  ctx: WriteContext,
): ArgoApplied {
  if (!live) {
    const ref = cluster.create(structuredClone(manifest), ctx);
    const display = cluster.display(ref);
    return {
      outcome: 'created',
      ref,
      key: refKey(ref),
      display,
      warnings: [],
      line: `${display} created`,
    };
  }
  const ref = refOf(live);
  const outcome = cluster.update(ref, ctx, (draft) => replaceInto(draft, manifest));
  const display = cluster.display(ref);
  return { outcome, ref, key: refKey(ref), display, warnings: [], line: `${display} replaced` };
}

/** Metadata the API server keeps through a replace. */
const SERVER_METADATA = [
  'uid',
  'creationTimestamp',
  'generation',
  'resourceVersion',
  'ownerReferences',
];

function replaceInto(draft: KObject, manifest: KObject): void {
  const target = draft as unknown as Record<string, unknown>;
  for (const key of Object.keys(target))
    if (key !== 'apiVersion' && key !== 'kind' && key !== 'metadata' && key !== 'status')
      delete target[safeKey(key)];
  for (const [key, value] of Object.entries(manifest))
    if (key !== 'metadata' && key !== 'status') target[safeKey(key)] = structuredClone(value);
  const kept = Object.fromEntries(
    SERVER_METADATA.filter((k) => k in draft.metadata).map((k) => [
      k,
      (draft.metadata as Record<string, unknown>)[k],
    ]),
  );
  draft.metadata = { ...structuredClone(manifest.metadata), ...kept };
}

/** A JSON pointer's segments (`/spec/replicas` -> spec, replicas; `~1` is `/`, `~0` is `~`). */
function segments(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function at(obj: unknown, path: readonly string[]): unknown {
  let cur = obj;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function put(obj: Record<string, unknown>, path: readonly SafeKey[], value: unknown): void {
  let cur = obj;
  for (const key of path.slice(0, -1)) {
    const next = cur[key];
    if (next === null || typeof next !== 'object') {
      if (value === undefined) return;
      cur[key] = {};
    }
    cur = cur[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1]!;
  if (value === undefined) delete cur[last];
  else cur[last] = structuredClone(value);
}

/** The manifest with the live value of every field ignoreDifferences names for it. */
export function withIgnoredFromLive(
  manifest: KObject,
  live: KObject,
  entries: readonly IgnoreDifference[],
): KObject {
  const pointers = entries
    .filter((e) => matchesIgnore(manifest, e))
    .flatMap((e) => e.jsonPointers ?? []);
  if (pointers.length === 0) return manifest;
  const out = structuredClone(manifest) as unknown as Record<string, unknown>;
  for (const p of pointers) {
    const path = segments(p);
    // A pointer through `__proto__` names no field of a manifest: nothing to keep.
    if (path.length > 0 && path.every(isSafeKey)) put(out, path, at(live, path));
  }
  return out as unknown as KObject;
}
