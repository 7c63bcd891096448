// Audit coverage of one lane: how many changes to what Git declares can be traced to a revision.
import type { AuditRecord, ClusterName } from '../audit';
import { inWindow, isAuditable, isGitDeclaredWrite, share, type MetricWindow } from './definitions';

export function auditCoverage(
  records: readonly AuditRecord[],
  lane: ClusterName,
  window: MetricWindow,
): number | null {
  const declared = new Set(records.filter(isGitDeclaredWrite).map((r) => r.object));
  const changes = records.filter(
    (r) => isAuditable(r, lane) && declared.has(r.object) && inWindow(r.t, window),
  );
  return share(changes.filter((r) => r.revision !== null).length, changes.length);
}
