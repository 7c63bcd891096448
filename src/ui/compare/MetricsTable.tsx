// Both lanes' metrics, one row per shown metric: each figure with what it counts, an empty cell
// with why it is empty, the better value starred (and said in words), and "? what is this" beside
// each metric's name with its definition in plain words.
import { useId } from 'react';
import type { ClusterName } from '../../sim/audit';
import { METRICS, type LaneMetrics } from '../../sim/metrics';
import { betterLane, BETTER, type MetricKey } from './metric-format';
import { PLAIN_WORDS, readMetric, SHOWN_METRICS } from './metric-reading';

interface Props {
  metrics: Record<ClusterName, LaneMetrics>;
  /** The virtual time the metrics cover, from 0 to now. */
  windowMs: number;
}

export function MetricsTable({ metrics, windowMs }: Props) {
  const titleId = useId();
  return (
    <section className="panel compare-metrics" aria-labelledby={titleId}>
      <h2 id={titleId}>Delivery and drift, per lane</h2>
      <table className="metrics-table">
        <caption className="visually-hidden">
          DORA, drift and audit metrics of both lanes; the better value of each row is marked
        </caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col" className="lane-devops">
              DevOps (push)
            </th>
            <th scope="col" className="lane-gitops">
              GitOps (pull)
            </th>
          </tr>
        </thead>
        <tbody>
          {SHOWN_METRICS.map((key) => {
            const better = betterLane(key, metrics.devops[key], metrics.gitops[key]);
            return (
              <tr key={key}>
                <th scope="row">
                  <MetricName metric={key} />
                </th>
                <MetricCell
                  metric={key}
                  metrics={metrics.devops}
                  windowMs={windowMs}
                  better={better === 'devops'}
                />
                <MetricCell
                  metric={key}
                  metrics={metrics.gitops}
                  windowMs={windowMs}
                  better={better === 'gitops'}
                />
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="metrics-legend muted">
        <span aria-hidden="true">★</span> better value · open <strong>?</strong> beside a metric for
        what it counts
      </p>
      <details className="metrics-defs">
        <summary>The formulas and their sources</summary>
        <dl>
          {SHOWN_METRICS.map((key) => (
            <div key={key}>
              <dt>{METRICS[key].label}</dt>
              <dd>
                <code>{METRICS[key].formula}</code>. {direction(key)}{' '}
                <span className="muted">Source: {METRICS[key].source}</span>
              </dd>
            </div>
          ))}
        </dl>
      </details>
    </section>
  );
}

/** The metric's name, and its definition in plain words behind "?". */
function MetricName({ metric }: { metric: MetricKey }) {
  const label = METRICS[metric].label;
  return (
    <details className="metric-name">
      <summary>
        <span className="metric-label">{label}</span>
        <span className="metric-what" aria-hidden="true">
          ?
        </span>
        <span className="visually-hidden"> what is this</span>
      </summary>
      <p className="metric-words">
        {PLAIN_WORDS[metric]} {direction(metric)}
      </p>
    </details>
  );
}

function direction(key: MetricKey): string {
  const better = BETTER[key];
  if (better === null) return 'Neither value is better.';
  return `${better === 'higher' ? 'Higher' : 'Lower'} is better.`;
}

interface CellProps {
  metric: MetricKey;
  metrics: LaneMetrics;
  windowMs: number;
  better: boolean;
}

function MetricCell({ metric, metrics, windowMs, better }: CellProps) {
  const reading = readMetric(metric, metrics, windowMs);
  if (reading.none) return <td className="metric-none">{reading.text}</td>;
  return (
    <td className={better ? 'metric-better' : undefined}>
      {reading.text}
      {better ? (
        <>
          {' '}
          <span className="star" aria-hidden="true">
            ★
          </span>
          <span className="visually-hidden">better</span>
        </>
      ) : null}
    </td>
  );
}
