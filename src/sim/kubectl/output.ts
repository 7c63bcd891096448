// `-o yaml`, `-o json` and `-o name`. Objects are printed as stored, with Secret values masked,
// keys sorted (as kubectl's YAML printer sorts them) and, with --show-managed-fields, the field
// managers under metadata.managedFields: who owns which field, the heart of drift.
import { stringify } from 'yaml';
import { isRecord, maskObject, refOf, type Cluster, type KObject } from '../cluster';

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys(value[k])]),
  );
}

/** The object as `get -o yaml|json` shows it. */
export function shownObject(cluster: Cluster, obj: KObject, showManagedFields: boolean): KObject {
  const masked = maskObject(obj);
  if (!showManagedFields) return masked;
  const managedFields = Object.entries(cluster.managedFields(refOf(obj))).map(
    ([manager, fields]) => ({ manager, fields }),
  );
  return { ...masked, metadata: { ...masked.metadata, managedFields } };
}

/** One object as itself, several (or a `get` of a type) as kubectl's `kind: List`. */
export function printObjects(
  objects: readonly KObject[],
  format: 'yaml' | 'json',
  asList: boolean,
): string {
  const value = sortKeys(
    asList
      ? { apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } }
      : objects[0],
  );
  if (format === 'json') return JSON.stringify(value, null, 4);
  return stringify(value, { indentSeq: false, lineWidth: 0 }).replace(/\n$/, '');
}
