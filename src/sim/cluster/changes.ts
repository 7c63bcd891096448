// Field-level differences between two versions of an object, as the audit records them.
import type { FieldChange } from '../audit';
import { sameValue } from './equal';
import { formatPath, leaves } from './fieldpath';
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
