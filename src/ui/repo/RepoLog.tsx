import { useApp } from '../../store/hooks';
import { commitClock, shortSha } from '../format';

import type { CommitView } from '../../store/view';

// A stable empty list: a selector that returned a fresh [] would re-render forever.
const NONE: CommitView[] = [];

export function RepoLog() {
  const commits = useApp((s) => s.view?.commits ?? NONE);
  return (
    <section className="panel repo" aria-label="Git repository">
      <header className="panel-head">
        <h2>Git repository</h2>
        <p className="muted">the single source of truth both lanes deploy</p>
      </header>
      <ol className="commits">
        {commits.map((c) => (
          <li key={c.sha} className="commit">
            <code className="sha" title={c.sha}>
              {shortSha(c.sha)}
            </code>
            <span className="subject">{c.subject}</span>
            {c.refs.map((r) => (
              <span key={r} className="ref">
                {r}
              </span>
            ))}
            <span className="meta muted">
              {c.author} · {commitClock(c.t)}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
