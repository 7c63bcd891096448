// A metric as a learner should read it: the figure with what it counts ("2 deploys in 11 min"),
// why a cell is empty ("not detected" is not "no drift yet"), and the definition in plain words.
// The formulas themselves stay in src/sim/metrics/definitions.ts; this is their reading.
import { DAY_MS } from '../../sim/metrics/definitions';
import type { LaneMetrics } from '../../sim/metrics';
import { formatDuration } from '../../sim/clock';
import { formatMetric, METRIC_KEYS, type MetricKey } from './metric-format';

/** The rows the Compare tab shows: `deployments` is read inside the frequency's cell. */
export const SHOWN_METRICS: readonly MetricKey[] = METRIC_KEYS.filter((k) => k !== 'deployments');

export interface MetricReading {
  /** What the cell says. */
  text: string;
  /** True when there is no figure, only the reason why. */
  none: boolean;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const pct = (share: number) => `${Math.round(share * 100)}%`;

/**
 * One lane's metric as read in the Compare tab. `windowMs`: the virtual time the metrics cover
 * (from 0 to now). A rate is given with its count and window, and per day only once the window
 * is at least a day long: 2 deploys in 11 minutes are not "262 a day".
 */
export function readMetric(key: MetricKey, m: LaneMetrics, windowMs: number): MetricReading {
  const none = (text: string): MetricReading => ({ text, none: true });
  const some = (text: string): MetricReading => ({ text, none: false });
  const value = m[key];
  switch (key) {
    case 'deploymentFrequency': {
      if (m.deployments === 0) return none('no deployments yet');
      const counted = `${plural(m.deployments, 'deploy')} in ${formatDuration(windowMs)}`;
      return some(
        windowMs >= DAY_MS && m.deploymentFrequency !== null
          ? `${counted} (${formatMetric(key, m.deploymentFrequency)})`
          : counted,
      );
    }
    case 'changeFailRate':
      if (m.changeFailRate === null) return none('no deployments yet');
      return some(
        `${Math.round(m.changeFailRate * m.deployments)} of ${m.deployments} failed (${pct(m.changeFailRate)})`,
      );
    case 'reworkRate':
      if (m.reworkRate === null) return none('no deployments yet');
      return some(
        `${Math.round(m.reworkRate * m.deployments)} of ${m.deployments} (${pct(m.reworkRate)})`,
      );
    case 'leadTimeMs':
      return m.leadTimeMs === null
        ? none('no change deployed yet')
        : some(formatDuration(m.leadTimeMs));
    case 'recoveryTimeMs':
      if (m.recoveryTimeMs !== null) return some(formatDuration(m.recoveryTimeMs));
      return none(m.changeFailRate ? 'not recovered yet' : 'nothing failed');
    case 'timeToDetectMs':
      if (m.timeToDetectMs !== null) return some(formatDuration(m.timeToDetectMs));
      return none(m.driftEvents > 0 ? 'not detected' : 'no drift yet');
    case 'timeToCorrectMs':
      if (m.timeToCorrectMs !== null) return some(formatDuration(m.timeToCorrectMs));
      return none(m.driftEvents > 0 ? 'not corrected yet' : 'no drift yet');
    case 'auditCoverage':
      return m.auditCoverage === null ? none('no changes yet') : some(pct(m.auditCoverage));
    default:
      return value === null ? none('no events yet') : some(formatMetric(key, value));
  }
}

/** Each metric in plain words: what counts, and what it means for the two lanes here. */
export const PLAIN_WORDS: Readonly<Record<MetricKey, string>> = {
  deploymentFrequency:
    'How many times the lane put a Git revision on its cluster, in the time that has run so far. A self-heal re-applies a revision already there, so it is not a deploy.',
  deployments: 'How many deploys the lane made so far.',
  leadTimeMs:
    'From a change landing on main (commit or merge) to the lane first running it; the median over changes. The push lane checks out, builds and tests before it deploys, so its lead time includes them. The pull lane neither builds nor tests: its lead time is only the wait for the reconciler to fetch Git (in practice CI builds and tests before the merge). The two figures do not measure the same work.',
  changeFailRate:
    'Of the deploys, how many failed: the deploy itself failed, or a person had to step in before the next deploy, with a rollback or a hand-made fix. A scale by hand is not a failure: it changes capacity, not what was shipped. Tests that fail before a deploy are not counted: nothing reached the cluster.',
  recoveryTimeMs:
    'After a failed deploy: how long until the lane deployed successfully again or matched Git again; the median.',
  reworkRate:
    'Of the deploys, how many were unplanned: a re-run, a retry, a rollback, or a revert commit.',
  driftEvents:
    'How many times the cluster stopped matching Git because of a change made outside Git (kubectl, an autoscaler, a lost cluster). It judges neither lane: it counts what others did.',
  timeToDetectMs:
    'From a drift to the lane itself noticing it (Argo CD reports OutOfSync); the median. "Not detected" means drift happened and the lane never noticed: a push pipeline looks at the cluster only when it deploys.',
  timeToCorrectMs: 'From a drift to the cluster matching Git again, by whatever means; the median.',
  outOfSyncMs:
    'How long, in total, the cluster differed from Git: drift, and new commits not deployed yet.',
  auditCoverage:
    'Of the changes people and lanes made to objects Git declares, the share that names the Git revision it came from.',
  rebuildableFromGit:
    'Whether the cluster could be rebuilt from Git alone: no field set by hand remains, and it matches Git now.',
};
