// The notifications feed, in Argo CD Notifications' trigger names, newest first.
import { useState } from 'react';
import { formatClock } from '../../sim/clock';
import type { Notification } from '../../sim/gitops/lane';

const TRIGGER: Record<Notification['trigger'], { icon: string; tone: string }> = {
  'on-sync-succeeded': { icon: '✓', tone: 'ok' },
  'on-deployed': { icon: '♥', tone: 'ok' },
  'on-sync-failed': { icon: '✖', tone: 'bad' },
  'on-health-degraded': { icon: '✖', tone: 'bad' },
  'on-sync-status-unknown': { icon: '?', tone: 'warn' },
};

const SHOWN = 6;

export function Notifications({ items }: { items: Notification[] }) {
  const [all, setAll] = useState(false);
  if (items.length === 0) return <p className="lp-muted lp-small">No notification sent yet.</p>;
  const newest = [...items].reverse();
  const shown = all ? newest : newest.slice(0, SHOWN);
  return (
    <>
      <ol className="lp-feed" aria-label="Notifications" reversed>
        {shown.map((n, i) => {
          const t = TRIGGER[n.trigger];
          return (
            <li key={`${n.t}-${n.trigger}-${i}`}>
              <span className="lp-mono lp-small lp-muted">{formatClock(n.t)}</span>
              <span className={`lp-trigger lp-tone-${t.tone}`}>
                <span aria-hidden="true" className="lp-icon">
                  {t.icon}
                </span>
                {n.trigger}
              </span>
              <span className="lp-small">
                <span className="lp-mono">{n.app}</span>: {n.message}
              </span>
            </li>
          );
        })}
      </ol>
      {items.length > SHOWN ? (
        <button type="button" className="lp-btn lp-btn-small" onClick={() => setAll((a) => !a)}>
          {all ? 'Show fewer' : `Show all ${items.length}`}
        </button>
      ) : null}
    </>
  );
}
