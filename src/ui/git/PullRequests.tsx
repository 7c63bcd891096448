// Open pull requests, GitHub style: approve (as a reviewer: authors cannot approve their own) and
// merge. Refusals (no approval yet, a conflict) come back from the repository as text.
import { useState } from 'react';
import type { Action } from '../../sim/scenario';
import type { PullRequestView } from '../../store/view';
import { useApp } from '../../store/hooks';

const REVIEWER = 'reviewer';

export function PullRequests({ pullRequests }: { pullRequests: readonly PullRequestView[] }) {
  const act = useApp((s) => s.act);
  const busy = useApp((s) => s.busy);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  const open = pullRequests.filter((p) => p.state === 'open');

  const run = async (action: Action) => {
    setPending(true);
    try {
      const outcome = await act(action);
      setResult(outcome ?? { ok: false, text: 'No scenario is running.' });
    } finally {
      setPending(false);
    }
  };

  return (
    <section className="prs" aria-label="Pull requests">
      <h3>Pull requests</h3>
      {open.length === 0 ? <p className="empty">No open pull requests.</p> : null}
      <ul className="pr-list">
        {open.map((pr) => {
          const approved = pr.approvals.includes(REVIEWER);
          return (
            <li key={pr.id} role="group" aria-label={`Pull request #${pr.id}: ${pr.title}`}>
              <div className="pr-title">
                <span className="pr-id">#{pr.id}</span> {pr.title}
              </div>
              <div className="pr-meta muted">
                <code>{pr.head}</code> → <code>{pr.base}</code> · by {pr.author} ·{' '}
                {pr.approvals.length > 0
                  ? `✓ approved by ${pr.approvals.join(', ')}`
                  : 'no approvals yet'}
              </div>
              <div className="actions">
                <button
                  type="button"
                  disabled={approved || pending || busy}
                  onClick={() => void run({ pr: { approve: { branch: pr.head, by: REVIEWER } } })}
                >
                  Approve
                </button>
                <button
                  type="button"
                  className="primary"
                  disabled={pending || busy}
                  onClick={() => void run({ pr: { merge: { branch: pr.head, by: 'you' } } })}
                >
                  Merge
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      <p className={result?.ok === false ? 'outcome error-text' : 'outcome'} role="status">
        {result ? `${result.ok ? '✓' : '✗'} ${result.text}` : null}
      </p>
    </section>
  );
}
