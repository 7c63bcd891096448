import type { LaneView } from '../../store/view';
import { HealthBadge } from './HealthBadge';

const SYNC_ICON = { Synced: '✓', OutOfSync: '≠', Unknown: '?' } as const;

export function LaneStatus({ lane }: { lane: LaneView }) {
  return (
    <div className="lane-status">
      <dl className="status-row">
        <div>
          <dt>{lane.sync === null ? 'Pipeline' : 'Reconciler'}</dt>
          <dd>
            <span className="state">{lane.state}</span>
          </dd>
        </div>
        {lane.sync ? (
          <div>
            <dt>Sync</dt>
            <dd>
              <span className={`badge sync-${lane.sync.toLowerCase()}`}>
                <span aria-hidden="true">{SYNC_ICON[lane.sync]}</span> {lane.sync}
              </span>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Health</dt>
          <dd>
            {lane.health ? (
              <HealthBadge status={lane.health} />
            ) : (
              <span className="muted">n/a</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Matches Git</dt>
          <dd>
            {lane.inSyncWithGit === null
              ? '…'
              : lane.inSyncWithGit
                ? 'yes'
                : 'no: drifted or behind'}
          </dd>
        </div>
      </dl>
      <p className="note">{lane.note}</p>
      {lane.log.length > 0 ? (
        <details className="run-log">
          <summary>{lane.sync === null ? 'Latest run log' : 'Latest sync operation'}</summary>
          <ol>
            {lane.log.map((s, i) => (
              <li key={`${s.title}-${i}`}>
                <span className={s.ok === false ? 'stage failed' : 'stage'}>
                  {s.ok === null ? '…' : s.ok ? '✓' : '✗'} {s.title}
                </span>
                {s.lines.length > 0 ? <pre>{s.lines.join('\n')}</pre> : null}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </div>
  );
}
