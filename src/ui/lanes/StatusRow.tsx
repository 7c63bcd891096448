// The lane's status at a glance: GitOps' sync and health (Argo CD's words), the pipeline's state
// and health for DevOps, and for both whether the cluster matches Git; a row per app when the lane
// deploys several.
import type { LaneStatus } from '../../sim/status';
import { HealthBadge, MatchesGit, PipelineBadge, SyncBadge } from './badges';
import type { Lane } from './lane-types';

export interface StatusRowProps {
  lane: Lane;
  status: LaneStatus;
  /** GitOps: sync one app (several apps only). */
  onSyncApp?: (app: string) => void;
}

export function StatusRow({ lane, status, onSyncApp }: StatusRowProps) {
  const apps = Object.entries(status.apps);
  return (
    <div className="lp-status-block">
      <ul className="lp-status" aria-label="Status">
        {lane === 'gitops' ? (
          <li>
            <span className="lp-k">Sync</span> <SyncBadge status={status.sync ?? 'Unknown'} />
          </li>
        ) : (
          <li>
            <span className="lp-k">Pipeline</span>{' '}
            <PipelineBadge state={status.pipeline ?? 'idle'} />
          </li>
        )}
        <li>
          <span className="lp-k">Health</span> <HealthBadge status={status.health} />
        </li>
        <li>
          <MatchesGit yes={status.inSyncWithGit} />
        </li>
      </ul>
      {apps.length > 1 ? (
        <table className="lp-table lp-apps" aria-label="Apps">
          <thead>
            <tr>
              <th scope="col">App</th>
              {lane === 'gitops' ? <th scope="col">Sync</th> : null}
              <th scope="col">Health</th>
              <th scope="col">Git</th>
              {onSyncApp ? (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {apps.map(([name, app]) => (
              <tr key={name}>
                <th scope="row" className="lp-mono">
                  {name}
                </th>
                {lane === 'gitops' ? (
                  <td>
                    <SyncBadge status={app.sync ?? 'Unknown'} />
                  </td>
                ) : null}
                <td>
                  <HealthBadge status={app.health} />
                </td>
                <td>
                  <MatchesGit yes={app.inSyncWithGit} />
                </td>
                {onSyncApp ? (
                  <td>
                    <button
                      type="button"
                      className="lp-btn lp-btn-small"
                      aria-label={`Sync ${name}`}
                      onClick={() => onSyncApp(name)}
                    >
                      Sync
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
