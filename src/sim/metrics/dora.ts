// The five DORA metrics of one lane, read from its deployments (terms in definitions.ts).
import type { AuditRecord, ClusterName } from '../audit';
import {
  DAY_MS,
  inWindow,
  isDeployment,
  isIntervention,
  isLeadTimeStart,
  isRecovery,
  isRework,
  median,
  share,
  type LaneMetrics,
  type MetricWindow,
} from './definitions';

export interface Deployment {
  record: AuditRecord;
  /** The record that made it a failed deployment (itself when deploy-failed), or null. */
  failedBy: AuditRecord | null;
}

type FailedDeployment = Deployment & { failedBy: AuditRecord };

export type DoraMetrics = Pick<
  LaneMetrics,
  | 'deploymentFrequency'
  | 'leadTimeMs'
  | 'changeFailRate'
  | 'recoveryTimeMs'
  | 'reworkRate'
  | 'deployments'
>;

/**
 * Every deployment of `lane`, oldest first. It failed when its record is deploy-failed, or when an
 * intervention (a rollback record or a hotfix on the lane) follows it before the lane's next
 * deployment: the first such record is kept as the evidence.
 * WARNING: `records` must be in trail order (by seq), as AuditLog.records() returns them.
 */
export function deploymentsOf(records: readonly AuditRecord[], lane: ClusterName): Deployment[] {
  const out: Deployment[] = [];
  for (const r of records) {
    if (isDeployment(r, lane)) {
      out.push({ record: r, failedBy: r.verb === 'deploy-failed' ? r : null });
      continue;
    }
    const latest = out[out.length - 1];
    if (latest && latest.failedBy === null && isIntervention(r, lane)) latest.failedBy = r;
  }
  return out;
}

export function doraMetrics(
  records: readonly AuditRecord[],
  lane: ClusterName,
  window: MetricWindow,
): DoraMetrics {
  const all = deploymentsOf(records, lane);
  const counted = all.filter((d) => inWindow(d.record.t, window));
  const failed = counted.filter((d): d is FailedDeployment => d.failedBy !== null);
  const days = (window.end - window.start) / DAY_MS;
  const made = revisionsMade(records);
  return {
    deployments: counted.length,
    deploymentFrequency: counted.length === 0 || days === 0 ? null : counted.length / days,
    leadTimeMs: median(leadTimes(all, made.at, window)),
    changeFailRate: share(failed.length, counted.length),
    recoveryTimeMs: median(recoveryTimes(records, lane, failed)),
    reworkRate: share(
      counted.filter((d) => isRework(d.record, made.isRevert)).length,
      counted.length,
    ),
  };
}

/** When each revision was made (its lead time start), and which revisions are revert commits. */
function revisionsMade(records: readonly AuditRecord[]) {
  const at = new Map<string, number>();
  const reverts = new Set<string>();
  for (const r of records) {
    if (!isLeadTimeStart(r) || r.revision === null) continue;
    if (!at.has(r.revision)) at.set(r.revision, r.t);
    if (r.verb === 'revert') reverts.add(r.revision);
  }
  return { at, isRevert: (sha: string) => reverts.has(sha) };
}

// A change is counted once per app: at the first deploy-succeeded of that app at its revision. A
// re-run or a rollback to a revision already running is not a new change, so it starts no new
// lead time. Simplification: the deployed commit only; earlier commits it carries are not traced
// (repo records hold no ancestry).
function leadTimes(
  all: readonly Deployment[],
  madeAt: ReadonlyMap<string, number>,
  window: MetricWindow,
): number[] {
  const seen = new Set<string>();
  const out: number[] = [];
  for (const { record: r } of all) {
    const key = `${r.object}@${r.revision}`;
    if (r.verb !== 'deploy-succeeded' || r.revision === null || seen.has(key)) continue;
    seen.add(key);
    const made = madeAt.get(r.revision);
    if (made !== undefined && inWindow(r.t, window)) out.push(r.t - made);
  }
  return out;
}

// Recovery must come after the failure is known: a sync that landed before a later hotfix does
// not count as recovering from it.
function recoveryTimes(
  records: readonly AuditRecord[],
  lane: ClusterName,
  failed: readonly FailedDeployment[],
): number[] {
  const recoveries = records.filter((r) => isRecovery(r, lane));
  const out: number[] = [];
  for (const { record, failedBy } of failed) {
    const recovered = recoveries.find((r) => r.seq > failedBy.seq);
    if (recovered) out.push(recovered.t - record.t);
  }
  return out;
}
