// An Application's sync history, ids as `argocd app history` shows them (a history rollback names
// one). Its section starts collapsed: loaded when opened.
import { formatClock } from '../../sim/clock';
import type { Application } from '../../sim/gitops/lane';

export default function SyncHistory({ app }: { app: Application }) {
  if (app.history.length === 0) return <p className="lp-muted lp-small">No sync deployed yet.</p>;
  const newest = app.history.at(-1)?.id;
  return (
    <table className="lp-table lp-history" aria-label={`History of ${app.spec.name}`}>
      <thead>
        <tr>
          <th scope="col">ID</th>
          <th scope="col">Revision</th>
          <th scope="col">Deployed</th>
          <th scope="col">Initiated by</th>
        </tr>
      </thead>
      <tbody>
        {[...app.history].reverse().map((h) => (
          <tr key={h.id}>
            <th scope="row" className="lp-mono">
              {h.id}
              {h.id === newest ? <span className="lp-muted lp-small"> (current)</span> : null}
            </th>
            <td>
              <code className="lp-sha">{h.revision.slice(0, 7)}</code>
            </td>
            <td className="lp-mono lp-small">{formatClock(h.deployedAt)}</td>
            <td className="lp-small">
              {h.initiatedBy.username}
              {h.initiatedBy.automated ? <span className="lp-muted"> (automated)</span> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
