import type { ClusterName } from '../../sim/audit';
import { useApp } from '../../store/hooks';
import { HealthBadge } from './HealthBadge';
import { LaneStatus } from './LaneStatus';
import { PodDots } from './PodDots';

const TITLES: Record<ClusterName, { title: string; subtitle: string }> = {
  devops: {
    title: 'DevOps lane',
    subtitle: 'push: a CI pipeline runs kubectl apply with CI credentials',
  },
  gitops: {
    title: 'GitOps lane',
    subtitle: 'pull: a reconciler in the cluster polls Git, diffs and syncs',
  },
};

export function ClusterPanel({ name }: { name: ClusterName }) {
  const cluster = useApp((s) => s.view?.clusters[name]);
  const { title, subtitle } = TITLES[name];
  return (
    <section className={`panel cluster cluster-${name}`} aria-label={title}>
      <header className="panel-head">
        <h2>{title}</h2>
        <p className="muted">{subtitle}</p>
      </header>
      {cluster ? <LaneStatus lane={cluster.lane} /> : null}
      {!cluster || cluster.objects.length === 0 ? (
        <p className="empty">
          No objects yet: the lane deploys the first commit when the sandbox starts. Advance the
          clock.
        </p>
      ) : (
        <table className="objects">
          <thead>
            <tr>
              <th scope="col">Object</th>
              <th scope="col">Health</th>
              <th scope="col">Pods</th>
            </tr>
          </thead>
          <tbody>
            {cluster.objects.map((o) => (
              <tr key={o.key}>
                <td>
                  <span className="kind">{o.kind}</span> {o.name}
                  {o.namespace && o.namespace !== 'default' ? (
                    <span className="muted"> ({o.namespace})</span>
                  ) : null}
                </td>
                <td>
                  {o.health ? (
                    <HealthBadge status={o.health} title={o.healthMessage} />
                  ) : (
                    <span className="muted">n/a</span>
                  )}
                </td>
                <td>
                  <PodDots pods={o.pods} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
