// One commit, as `git show` would print it: message, author, virtual time, parents, file diffs.
import { formatClock } from '../../sim/clock';
import type { CommitView } from '../../store/view';
import { DiffView } from './DiffView';
import { shortSha } from './format';
import { commitKind } from './graph-layout';
import { commitDiff, useRepoRead } from './use-repo';

export interface CommitDetailProps {
  commit: CommitView;
  onSelect: (sha: string) => void;
  onClose: () => void;
}

export function CommitDetail({ commit, onSelect, onClose }: CommitDetailProps) {
  const diff = useRepoRead(commit.sha, (repo) => commitDiff(repo, commit.sha));
  const kind = commitKind(commit);
  return (
    <section className="commit-detail" aria-label={`Commit ${shortSha(commit.sha)}`}>
      <header className="detail-head">
        <h3>
          Commit <code title={commit.sha}>{shortSha(commit.sha)}</code>
          {kind === 'merge' || kind === 'revert' ? <span className="kind-mark">{kind}</span> : null}
        </h3>
        <button type="button" className="small" aria-label="Close commit details" onClick={onClose}>
          Close
        </button>
      </header>
      <dl className="detail-meta">
        <dt>Author</dt>
        <dd>{commit.author}</dd>
        <dt>Time</dt>
        <dd>
          <time>{formatClock(commit.t)}</time> <span className="muted">(virtual)</span>
        </dd>
        <dt>{commit.parents.length === 1 ? 'Parent' : 'Parents'}</dt>
        <dd>
          {commit.parents.length === 0 ? <span className="muted">none (root commit)</span> : null}
          {commit.parents.map((p) => (
            <button
              key={p}
              type="button"
              className="link sha"
              aria-label={`Show parent commit ${shortSha(p)}`}
              onClick={() => onSelect(p)}
            >
              {shortSha(p)}
            </button>
          ))}
        </dd>
      </dl>
      <pre className="commit-message">{commit.message.trimEnd()}</pre>
      <h4>
        Files changed
        {kind === 'merge' ? <span className="muted"> (against the first parent)</span> : null}
      </h4>
      {diff.error ? (
        <p className="error-text">The diff could not be read: {diff.error}</p>
      ) : diff.data ? (
        <DiffView files={diff.data} />
      ) : (
        <p className="muted">Reading the diff…</p>
      )}
    </section>
  );
}
