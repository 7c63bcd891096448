// `spec.ignoreDifferences`: fields that a diff must not count as drift (argo-cd
// `docs/user-guide/diffing.md`, `util/argo/normalizers/diff_normalizer.go`). Argo removes the
// ignored fields from both sides before comparing; here a leaf path is simply skipped.
//
// Supported: `jsonPointers` and `managedFieldsManagers`. Not supported: `jqPathExpressions` (it
// needs a jq interpreter; DriftLab scenarios use JSON pointers instead).
import { formatPath, isRecord, type FieldPath, type KObject } from '../cluster';
import { mergeKeyFor, type Segment } from '../cluster/fieldpath';

/** One `spec.ignoreDifferences` entry. */
export interface IgnoreDifference {
  /** API group; absent means the core group (`''`), as in Argo: a Deployment needs `group: apps`. */
  group?: string;
  kind: string;
  name?: string;
  namespace?: string;
  /** RFC 6901 pointers: `/spec/replicas`, `/spec/template/spec/containers/0/image`. */
  jsonPointers?: string[];
  /** Fields owned by these field managers are ignored: `[horizontal-pod-autoscaler]`. */
  managedFieldsManagers?: string[];
}

/** What an entry is matched against: an object's group, kind, name and namespace. */
export interface IgnoreTarget {
  group: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface IgnoreContext {
  /** The object whose fields are compared: the desired one (pointers resolve against its lists). */
  object: KObject;
  /** `cluster.managedFields(ref)` of the live object: manager -> owned path texts. */
  managedFields?: Record<string, string[]>;
}

/** `apps/v1` -> `apps`, `v1` -> `''`. */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

// Argo matches group and kind with globs (gobwas/glob); `*` and `?` cover every use in practice.
function globMatch(pattern: string, text: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(text);
}

export function matchesIgnore(target: KObject | IgnoreTarget, entry: IgnoreDifference): boolean {
  const t: IgnoreTarget =
    'metadata' in target
      ? {
          group: groupOf(target.apiVersion),
          kind: target.kind,
          name: target.metadata.name,
          namespace: target.metadata.namespace,
        }
      : target;
  return (
    globMatch(entry.group ?? '', t.group) &&
    globMatch(entry.kind, t.kind) &&
    (!entry.name || entry.name === t.name) &&
    (!entry.namespace || entry.namespace === t.namespace)
  );
}

const INDEX = /^(0|[1-9]\d*)$/;

/**
 * A JSON pointer as the project's path text, or null when it cannot name a field. A numeric token
 * in a keyed list becomes the item's key segment (`/containers/0` -> `containers[name=web]`), read
 * from `obj`. WARNING: an index into an atomic list (no merge key) names the whole list, because
 * the diff compares such a list as one field; Argo would ignore that one element only.
 */
export function pointerToPath(pointer: string, obj: unknown): string | null {
  if (!pointer.startsWith('/')) return null;
  const tokens = pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  const path: Segment[] = [];
  let cur: unknown = obj;
  for (const token of tokens) {
    if (!Array.isArray(cur)) {
      path.push(token);
      cur = isRecord(cur) ? cur[token] : undefined;
      continue;
    }
    if (!INDEX.test(token)) return null;
    const key = mergeKeyFor(path);
    const keyed =
      key !== null &&
      cur.every((it) => isRecord(it) && ['string', 'number'].includes(typeof it[key]));
    if (!keyed) return path.length > 0 ? formatPath(path) : null;
    const item = cur[Number(token)] as Record<string, string | number> | undefined;
    if (!item) return null;
    path.push({ key, value: item[key]! });
    cur = item;
  }
  return formatPath(path);
}

/** True when `path` is `prefix` or a field inside it. */
function within(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}

/** The ignore rules that apply to one object, compiled once: a predicate on leaf path text. */
export function ignoreMatcher(
  entries: readonly IgnoreDifference[],
  ctx: IgnoreContext,
): (path: FieldPath | string) => boolean {
  const prefixes: string[] = [];
  for (const entry of entries) {
    if (!matchesIgnore(ctx.object, entry)) continue;
    for (const pointer of entry.jsonPointers ?? []) {
      const text = pointerToPath(pointer, ctx.object);
      if (text !== null) prefixes.push(text);
    }
    for (const manager of entry.managedFieldsManagers ?? [])
      prefixes.push(...(ctx.managedFields?.[manager] ?? []));
  }
  return (path) => {
    const text = typeof path === 'string' ? path : formatPath(path);
    return prefixes.some((p) => within(text, p));
  };
}

export function isIgnored(
  path: FieldPath | string,
  entries: readonly IgnoreDifference[],
  ctx: IgnoreContext,
): boolean {
  return ignoreMatcher(entries, ctx)(path);
}
