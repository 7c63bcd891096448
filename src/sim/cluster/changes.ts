// Field-level changes as the audit records them: the differences between two versions of an object,
// and the fields a manager took over without changing them.
import type { FieldChange } from '../audit';
import { sameValue } from './equal';
import { formatPath, getPath, type FieldPath } from './fieldpath';
import { LAST_APPLIED_PATH } from './last-applied';
import type { KObject } from './object';
import { isSecretValuePath, valueHash } from './secret';

// Bookkeeping that changes on every write and carries no meaning for a learner; last-applied
// repeats, as one JSON text, the fields whose changes the record already lists.
const IGNORED = new Set(['metadata.resourceVersion', 'metadata.managedFields', LAST_APPLIED_PATH]);

/** Every leaf that differs between two versions of an object, given as their `leafValues`. */
export function changesBetween(
  kind: string,
  b: ReadonlyMap<string, unknown>,
  a: ReadonlyMap<string, unknown>,
): FieldChange[] {
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
