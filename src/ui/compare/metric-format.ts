// How the Compare tab reads a metric: its value as a person reads it, and which lane's value is
// the better one. Labels, units and formulas come from METRICS; only the direction lives here.
import type { ClusterName } from '../../sim/audit';
import { formatDuration } from '../../sim/clock';
import { METRICS, type LaneMetrics } from '../../sim/metrics';

export type MetricKey = keyof LaneMetrics;
export type MetricValue = LaneMetrics[MetricKey];

/**
 * Which way is better, per metric. DORA: more frequent deployments, shorter lead and recovery
 * times, fewer failed or reworked deployments. Drift: found and fixed sooner, less time out of
 * sync. OpenGitOps: every change traced to Git, a cluster rebuildable from Git.
 * Drift events judge neither lane: they count changes made from outside, and a lane that heals
 * drift at once counts a new event for each one, where a drifted lane counts one for them all.
 */
export const BETTER: Readonly<Record<MetricKey, 'higher' | 'lower' | null>> = {
  deploymentFrequency: 'higher',
  leadTimeMs: 'lower',
  changeFailRate: 'lower',
  recoveryTimeMs: 'lower',
  reworkRate: 'lower',
  driftEvents: null,
  timeToDetectMs: 'lower',
  timeToCorrectMs: 'lower',
  outOfSyncMs: 'lower',
  auditCoverage: 'higher',
  rebuildableFromGit: 'higher',
  deployments: 'higher',
};

export const METRIC_KEYS = Object.keys(METRICS) as MetricKey[];

/** The value as shown; null (no events yet) is the caller's to show. */
export function formatMetric(key: MetricKey, value: Exclude<MetricValue, null>): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  switch (METRICS[key].unit) {
    case 'ms':
      return formatDuration(value);
    case 'share':
      return `${Math.round(value * 100)}%`;
    case 'per day':
      return `${value >= 10 ? Math.round(value) : Number(value.toFixed(1))} / day`;
    default:
      return String(value);
  }
}

/** The lane whose value is better; null on a tie, when either has no events, or for a plain count. */
export function betterLane(
  key: MetricKey,
  devops: MetricValue,
  gitops: MetricValue,
): ClusterName | null {
  const better = BETTER[key];
  if (better === null || devops === null || gitops === null) return null;
  const a = Number(devops);
  const b = Number(gitops);
  if (a === b) return null;
  return (better === 'higher') === a > b ? 'devops' : 'gitops';
}
