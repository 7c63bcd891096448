// An Application's latest operation: phase, message, the result of each task (its sync history
// is in SyncHistory.tsx).
import { formatClock, formatDuration } from '../../sim/clock';
import type { Application } from '../../sim/gitops/lane';
import { OkMark, PhaseBadge } from './badges';
import { VIRTUAL_FROM } from './virtual-from';

const KIND_WORDS: Record<string, string> = {
  auto: 'automated sync',
  heal: 'self-heal',
  manual: 'manual sync',
  rollback: 'rollback',
  retry: 'retry',
};

export function LastOperation({ app, now }: { app: Application; now: number }) {
  const op = app.operation;
  if (!op) return <p className="lp-muted lp-small">No operation yet.</p>;
  return (
    <div className="lp-op">
      <div className="lp-op-head">
        <PhaseBadge phase={op.phase} />
        <span>{KIND_WORDS[op.kind] ?? op.kind}</span>
        <span className="lp-muted lp-small">
          to <code className="lp-sha">{op.revision.slice(0, 7)}</code> by {op.initiatedBy.username}
          {op.initiatedBy.automated ? ' (automated)' : ''} at {formatClock(op.startedAt)},{' '}
          {formatDuration((op.finishedAt ?? now) - op.startedAt)}
        </span>
      </div>
      <p className="lp-small lp-op-message">{op.message}</p>
      {op.results.length > 0 ? (
        <ul className="lp-results" aria-label="Operation results">
          {/* A sync of thousands of objects lists the first ones and counts the rest. */}
          {op.results.slice(0, VIRTUAL_FROM).map((r, i) => (
            <li key={`${r.key}-${i}`}>
              <OkMark ok={r.ok} />
              <span className="lp-muted lp-small">wave {r.wave}</span>{' '}
              <span className="lp-mono lp-small">{r.message}</span>
            </li>
          ))}
          {op.results.length > VIRTUAL_FROM ? (
            <li className="lp-muted lp-small">
              and {op.results.length - VIRTUAL_FROM} more (kubectl get lists them)
            </li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}
