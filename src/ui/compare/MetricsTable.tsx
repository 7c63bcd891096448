// Both lanes' metrics, one row per METRICS entry, the better value starred (and said in words).
import { useId } from 'react';
import type { ClusterName } from '../../sim/audit';
import { METRICS, type LaneMetrics } from '../../sim/metrics';
import { betterLane, BETTER, formatMetric, METRIC_KEYS, type MetricKey } from './metric-format';

interface Props {
  metrics: Record<ClusterName, LaneMetrics>;
}

export function MetricsTable({ metrics }: Props) {
  const titleId = useId();
  return (
    <section className="panel compare-metrics" aria-labelledby={titleId}>
      <h2 id={titleId}>Metrics</h2>
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
          {METRIC_KEYS.map((key) => {
            const def = METRICS[key];
            const better = betterLane(key, metrics.devops[key], metrics.gitops[key]);
            return (
              <tr key={key}>
                <th scope="row" title={`${def.formula}\n${direction(key)}\nSource: ${def.source}`}>
                  {def.label}
                </th>
                <MetricCell metric={key} value={metrics.devops[key]} better={better === 'devops'} />
                <MetricCell metric={key} value={metrics.gitops[key]} better={better === 'gitops'} />
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="metrics-legend muted">
        <span aria-hidden="true">★</span> better value · – no events yet
      </p>
      <details className="metrics-defs">
        <summary>How each metric is computed</summary>
        <dl>
          {METRIC_KEYS.map((key) => (
            <div key={key}>
              <dt>{METRICS[key].label}</dt>
              <dd>
                {METRICS[key].formula}. {direction(key)}{' '}
                <span className="muted">Source: {METRICS[key].source}</span>
              </dd>
            </div>
          ))}
        </dl>
      </details>
    </section>
  );
}

function direction(key: MetricKey): string {
  const better = BETTER[key];
  if (better === null) return 'It counts changes made from outside the lane: neither is better.';
  return `${better === 'higher' ? 'Higher' : 'Lower'} is better.`;
}

interface CellProps {
  metric: MetricKey;
  value: LaneMetrics[MetricKey];
  better: boolean;
}

function MetricCell({ metric, value, better }: CellProps) {
  if (value === null) {
    return (
      <td className="metric-none" title="no events yet">
        <span aria-hidden="true">–</span>
        <span className="visually-hidden">no events yet</span>
      </td>
    );
  }
  return (
    <td className={better ? 'metric-better' : undefined}>
      {formatMetric(metric, value)}
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
