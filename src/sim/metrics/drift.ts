// Drift of one lane from Git: the events, how soon the lane noticed and corrected them, and how long
// the cluster differed from Git at all, from the observer's records (terms in definitions.ts).
import type { AuditRecord, ClusterName } from '../audit';
import {
  inWindow,
  isDetection,
  isDriftCause,
  isObserve,
  median,
  type LaneMetrics,
  type MetricWindow,
} from './definitions';

export interface DriftEvent {
  /** The out-of-band change that made the cluster differ from Git; the drift starts at its t. */
  cause: AuditRecord;
  /** The observer's out-of-sync record that names the cause. */
  observed: AuditRecord;
  /** When the lane showed OutOfSync itself, or null when it never did before the drift ended. */
  detectedAt: number | null;
  /** When the observer saw the cluster back in sync with Git, or null. */
  correctedAt: number | null;
}

export type DriftMetrics = Pick<
  LaneMetrics,
  'driftEvents' | 'timeToDetectMs' | 'timeToCorrectMs' | 'outOfSyncMs'
>;

/**
 * Every drift event of `lane`, oldest first. The lane's detection is searched from the cause on,
 * not from the observe record: both are written at the same virtual time, in either order.
 * WARNING: `records` must be in trail order (by seq), as AuditLog.records() returns them.
 */
export function driftEventsOf(records: readonly AuditRecord[], lane: ClusterName): DriftEvent[] {
  const bySeq = new Map(records.map((r) => [r.seq, r]));
  const backInSync = records.filter((r) => isObserve(r, lane) && r.operation?.inSync === true);
  const detections = records.filter((r) => isDetection(r, lane));
  const out: DriftEvent[] = [];
  for (const observed of records) {
    const op = observed.operation;
    if (!isObserve(observed, lane) || op?.inSync !== false || op.cause !== 'change') continue;
    const cause = op.causeSeq === undefined ? undefined : bySeq.get(op.causeSeq);
    if (!cause || !isDriftCause(cause, lane)) continue;
    const corrected = backInSync.find((r) => r.seq > observed.seq);
    const endSeq = corrected?.seq ?? Infinity;
    const detected = detections.find((r) => r.seq > cause.seq && r.seq < endSeq);
    out.push({
      cause,
      observed,
      detectedAt: detected?.t ?? null,
      correctedAt: corrected?.t ?? null,
    });
  }
  return out;
}

export function driftMetrics(
  records: readonly AuditRecord[],
  lane: ClusterName,
  window: MetricWindow,
): DriftMetrics {
  const events = driftEventsOf(records, lane).filter((e) => inWindow(e.cause.t, window));
  const since = (at: number | null, e: DriftEvent) => (at === null ? [] : [at - e.cause.t]);
  return {
    driftEvents: events.length,
    timeToDetectMs: median(events.flatMap((e) => since(e.detectedAt, e))),
    timeToCorrectMs: median(events.flatMap((e) => since(e.correctedAt, e))),
    outOfSyncMs: outOfSyncMs(records, lane, window),
  };
}

// Out of sync for any cause: Git ahead of the cluster (a pending deployment) counts as well as
// drift. Before the lane's first observe record it is taken as in sync.
function outOfSyncMs(
  records: readonly AuditRecord[],
  lane: ClusterName,
  window: MetricWindow,
): number {
  const clipped = (from: number, to: number) =>
    Math.max(0, Math.min(to, window.end) - Math.max(from, window.start));
  let total = 0;
  let outSince: number | null = null;
  for (const r of records) {
    if (!isObserve(r, lane)) continue;
    if (r.operation?.inSync === false) outSince ??= r.t;
    else if (r.operation?.inSync === true && outSince !== null) {
      total += clipped(outSince, r.t);
      outSince = null;
    }
  }
  return outSince === null ? total : total + clipped(outSince, window.end);
}
