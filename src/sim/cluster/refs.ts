// Refs resolved against the kinds a cluster serves: the namespace a ref means, the names kubectl
// prints for it, and a kind's preferred apiVersion.
import { ClusterError } from './errors';
import { apiVersionOf, type KindRegistry } from './kinds';
import { refKey, type ObjectRef } from './object';
import type { ApplyOutcome } from './write';

/** Namespaced refs without a namespace mean `default`; cluster-scoped refs carry none. */
export function scopedRef(kinds: KindRegistry, ref: ObjectRef): ObjectRef {
  const type = kinds.forKind(ref.kind);
  if (type && !type.namespaced) return { kind: ref.kind, name: ref.name };
  return { kind: ref.kind, name: ref.name, namespace: ref.namespace ?? 'default' };
}

/** kubectl's display name: `deployment.apps/web`. */
export function displayName(kinds: KindRegistry, ref: ObjectRef): string {
  const type = kinds.forKind(ref.kind);
  const resource =
    type && type.group !== '' ? `${ref.kind.toLowerCase()}.${type.group}` : ref.kind.toLowerCase();
  return `${resource}/${ref.name}`;
}

/** How the API server names an object in a status: `deployments.apps "web"`. */
export function statusName(kinds: KindRegistry, ref: ObjectRef): string {
  const type = kinds.forKind(ref.kind);
  const resource = type
    ? type.group
      ? `${type.plural}.${type.group}`
      : type.plural
    : ref.kind.toLowerCase();
  return `${resource} "${ref.name}"`;
}

/** kubectl's NotFound error for a ref: `Error from server (NotFound): deployments.apps "web" not found`. */
export function notFoundError(kinds: KindRegistry, ref: ObjectRef): ClusterError {
  return new ClusterError(
    'E_NOT_FOUND',
    `Error from server (NotFound): ${statusName(kinds, ref)} not found`,
    { object: refKey(ref) },
  );
}

/** The preferred apiVersion for a kind, `v1` for one the cluster does not serve. */
export function preferredApiVersion(kinds: KindRegistry, kind: string): string {
  const type = kinds.forKind(kind);
  return type ? apiVersionOf(type) : 'v1';
}

// kubectl's line for an apply (`deployment.apps/web unchanged`), made once per name and outcome:
// a deploy prints one per object, sync after sync. Not a StringPool: looked up by its parts, the
// line is not built (and hashed) again at each of the ~3 million applies of the stress run (3 %
// of its time when it was). Bounded: names come from users' manifests.
const applyLines = new Map<string, Partial<Record<ApplyOutcome, string>>>();

/** `<display> <outcome>`, the same string each time it is asked for. */
export function applyLine(display: string, outcome: ApplyOutcome): string {
  let byOutcome = applyLines.get(display);
  if (!byOutcome) {
    if (applyLines.size >= 10_000) applyLines.clear();
    byOutcome = {};
    applyLines.set(display, byOutcome);
  }
  return (byOutcome[outcome] ??= `${display} ${outcome}`);
}
