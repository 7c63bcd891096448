// Could the lane's cluster be rebuilt from Git alone? Replays the lane's cluster changes up to the
// window's end, remembering for every (object, field) the record that last set it.
import type { AuditRecord, ClusterName } from '../audit';
import {
  isClusterChange,
  isObserve,
  isOutOfBand,
  isRebuildChecked,
  type MetricWindow,
} from './definitions';

/**
 * False when a live field that Git would have to set (isRebuildChecked) was last set by an
 * out-of-band write (a patched-in env var, a kubectl-created object), or when the last observe
 * record says the cluster is out of sync with Git (a field or object someone removed).
 * WARNING: a no-op apply writes no change record, so a field an out-of-band write set to the very
 * value Git declares stays marked out-of-band until Git changes that field again.
 */
export function rebuildableFromGit(
  records: readonly AuditRecord[],
  lane: ClusterName,
  window: MetricWindow,
): boolean {
  const setBy = new Map<string, Map<string, AuditRecord>>();
  let lastObserve: AuditRecord | null = null;
  for (const r of records) {
    if (r.t > window.end || r.cluster !== lane) continue;
    if (isObserve(r, lane)) lastObserve = r;
    if (!isClusterChange(r)) continue;
    if (r.object === '*') setBy.clear();
    else if (r.verb === 'delete') setBy.delete(r.object);
    else replay(setBy, r);
  }
  if (lastObserve?.operation?.inSync === false) return false;
  for (const [key, fields] of setBy) {
    for (const [path, record] of fields) {
      if (isOutOfBand(record) && isRebuildChecked(key, path)) return false;
    }
  }
  return true;
}

// A create lists every field it set (no `before`), so it starts the object afresh.
function replay(setBy: Map<string, Map<string, AuditRecord>>, r: AuditRecord): void {
  let fields = setBy.get(r.object);
  if (!fields || r.verb === 'create') {
    fields = new Map<string, AuditRecord>();
    setBy.set(r.object, fields);
  }
  for (const c of r.changes) {
    if (c.after === undefined) fields.delete(c.path);
    else fields.set(c.path, r);
  }
}
