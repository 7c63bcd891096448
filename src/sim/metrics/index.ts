// DORA and drift metrics of one lane, computed from the audit trail alone: each metric is defined
// once, with its formula and source, in definitions.ts; dora.ts, drift.ts, coverage.ts and
// rebuild.ts compute them by concern.
import type { AuditRecord, ClusterName } from '../audit';
import { auditCoverage } from './coverage';
import type { LaneMetrics, MetricWindow } from './definitions';
import { doraMetrics } from './dora';
import { driftMetrics } from './drift';
import { MetricsError } from './errors';
import { rebuildableFromGit } from './rebuild';

export { METRICS, type LaneMetrics, type MetricDefinition, type MetricWindow } from './definitions';
export { deploymentsOf, type Deployment } from './dora';
export { driftEventsOf, type DriftEvent } from './drift';
export { MetricsError, isMetricsError, type MetricsErrorCode } from './errors';

/**
 * Every metric of `lane` over `window` (virtual ms, both ends included).
 * WARNING: `records` must be in trail order (by seq), as AuditLog.records() returns them.
 */
export function computeMetrics(
  records: readonly AuditRecord[],
  lane: ClusterName,
  window: MetricWindow,
): LaneMetrics {
  if (!Number.isFinite(window.start) || !Number.isFinite(window.end) || window.end < window.start) {
    throw new MetricsError(
      'E_BAD_WINDOW',
      `metrics window [${window.start}, ${window.end}] is not a time range`,
      { window },
    );
  }
  return {
    ...doraMetrics(records, lane, window),
    ...driftMetrics(records, lane, window),
    auditCoverage: auditCoverage(records, lane, window),
    rebuildableFromGit: rebuildableFromGit(records, lane, window),
  };
}
