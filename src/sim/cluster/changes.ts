// Field-level changes as the audit records them: the differences between two versions of an object,
// and the fields a manager took over without changing them.
import type { FieldChange } from '../audit';
import { sameValue } from './equal';
import { formatPath, getPath, leaves, type FieldPath } from './fieldpath';
import type { KObject } from './object';
import { isSecretValuePath, valueHash } from './secret';

// Bookkeeping that changes on every write and carries no meaning for a learner.
const IGNORED = new Set(['metadata.resourceVersion', 'metadata.managedFields']);

/** Every leaf that differs between `before` and `after` (either may be absent). */
export function changesBetween(kind: string, before: unknown, after: unknown): FieldChange[] {
  const b = new Map(leaves(before).map((l) => [formatPath(l.path), l.value]));
  const a = new Map(leaves(after).map((l) => [formatPath(l.path), l.value]));
  const out: FieldChange[] = [];
  const mask = (path: string, v: unknown) => (isSecretValuePath(kind, path) ? valueHash(v) : v);
  for (const [path, value] of b) {
    if (IGNORED.has(path)) continue;
    if (!a.has(path)) out.push({ path, before: mask(path, value) });
    else if (!sameValue(value, a.get(path)))
      out.push({ path, before: mask(path, value), after: mask(path, a.get(path)) });
  }
  for (const [path, value] of a) {
    if (!IGNORED.has(path) && !b.has(path)) out.push({ path, after: mask(path, value) });
  }
  return out;
}

/** Fields a manager took over with their values as they were: each one, before as after. */
export function takeoverChanges(obj: KObject, paths: FieldPath[]): FieldChange[] {
  return paths.map((path) => {
    const text = formatPath(path);
    const value = getPath(obj, path);
    const shown = isSecretValuePath(obj.kind, text) ? valueHash(value) : value;
    return { path: text, before: shown, after: shown };
  });
}
