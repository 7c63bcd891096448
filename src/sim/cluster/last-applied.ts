// The `kubectl.kubernetes.io/last-applied-configuration` annotation: what a client-side apply
// (`kubectl apply`, Argo CD's sync) records of the manifest it applied, as compact JSON with the
// annotation itself left out. It makes apply a three-way merge (REFERENCE.md "Apply semantics both
// lanes share"): the next apply deletes the fields it names that the new manifest no longer sets,
// and Argo CD's legacy diff reads it the same way (a field the last apply set and Git no longer has
// is a difference; a field nobody applied, from `kubectl patch` or a controller, is not).
//
// How it relates to field ownership (ownership.ts): right after a client-side apply, the applier
// owns exactly the fields that last-applied names, plus the annotation. Ownership then follows
// every later write (a patch takes the fields it changes), while last-applied changes only at the
// next apply. A client-side apply decides what to delete from last-applied, as kubectl does, so
// that what the diff predicts is what the sync does; a server-side applier decides from ownership.
import { isStored, stored, type Stored } from '../stored';
import { stableStringify } from './equal';
import { formatPath } from './fieldpath';
import { isRecord, type KObject } from './object';
import { appliedFields, type AppliedField } from './ownership';
import { normalizeSecret } from './secret';
import { isUnderPath } from './status-path';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** The annotation's field path as text, as the audit and the diff name it. */
export const LAST_APPLIED_PATH = formatPath(['metadata', 'annotations', LAST_APPLIED]);

// Field managers that apply client-side: kubectl's own, and Argo CD's controller (its default
// sync is `kubectl apply`; `ServerSideApply=true` is not modelled).
const CLIENT_SIDE = new Set(['kubectl-client-side-apply', 'argocd-controller']);

/** Whether an apply by `manager` is client-side: it writes and reads last-applied. */
export function appliesClientSide(manager: string): boolean {
  return CLIENT_SIDE.has(manager);
}

/** The annotation's text for a manifest: sorted-key JSON (as Go writes maps) and a newline. */
function lastAppliedText(manifest: Record<string, unknown>, meta: Record<string, unknown>): string {
  const annotations = isRecord(meta.annotations) ? { ...meta.annotations } : undefined;
  if (annotations) delete annotations[LAST_APPLIED];
  const { annotations: _all, ...rest } = meta;
  const recorded = {
    ...manifest,
    metadata:
      annotations && Object.keys(annotations).length > 0 ? { ...rest, annotations } : { ...rest },
  };
  return `${stableStringify(recorded)}\n`;
}

// The recorded copy of a stored manifest: stored too, so every apply of it applies the same
// object and what the cluster knows of it (known-applies.ts) keeps working.
const recordedCopies = new WeakMap<Stored<object>, Record<string, unknown>>();

/**
 * The manifest as a client-side apply sends it: with the last-applied annotation set to the
 * manifest's own JSON. A manifest that is not an object (admission refuses it) is returned as is.
 */
export function withLastApplied(manifest: unknown): unknown {
  if (!isRecord(manifest) || !isRecord(manifest.metadata)) return manifest;
  const frozen = isStored(manifest);
  const known = frozen ? recordedCopies.get(manifest) : undefined;
  if (known) return known;
  const meta = manifest.metadata;
  const annotations = {
    ...(isRecord(meta.annotations) ? meta.annotations : {}),
    [LAST_APPLIED]: lastAppliedText(manifest, meta),
  };
  const metadata = { ...meta, annotations };
  const recorded = { ...manifest, metadata };
  if (frozen) recordedCopies.set(manifest, stored(recorded));
  return recorded;
}

// The fields each stored annotation text names, per annotations map: a stored object is never
// edited, and a status write keeps the metadata it had, so most reads find them here.
const readFields = new WeakMap<object, { text: string; fields: readonly AppliedField[] | null }>();

/**
 * The fields the last client-side apply set, read from `live`'s annotation (Secret `stringData`
 * folded into `data` as the API server stores it); null when there is none or it does not parse.
 */
export function lastAppliedFields(live: KObject | undefined): readonly AppliedField[] | null {
  const annotations = live?.metadata.annotations;
  const text = annotations?.[LAST_APPLIED];
  if (!annotations || typeof text !== 'string') return null;
  const hit = readFields.get(annotations);
  if (hit?.text === text) return hit.fields;
  let fields: readonly AppliedField[] | null = null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (isRecord(parsed)) fields = appliedFields(normalizeSecret(parsed) as KObject);
  } catch {
    fields = null;
  }
  readFields.set(annotations, { text, fields });
  return fields;
}

/**
 * The fields of `last` that a manifest setting `set` (path texts) no longer sets: what a
 * client-side apply deletes and what the three-way diff shows as removed. An empty map the manifest
 * now fills with fields is not dropped.
 */
export function droppedFields(
  last: readonly AppliedField[],
  set: ReadonlySet<string>,
): AppliedField[] {
  const out: AppliedField[] = [];
  for (const field of last) {
    if (set.has(field.text)) continue;
    if (isRecord(field.value) && [...set].some((t) => isUnderPath(t, field.text))) continue;
    out.push(field);
  }
  return out;
}
