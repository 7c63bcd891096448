// The Git panel: the config repository both lanes deploy from. Commit graph on top, the selected
// commit below it, then the open pull requests and a small editor to change a manifest.
import { lazy, Suspense, useMemo, useState } from 'react';
import { BRANCH } from '../../sim/sandbox';
import { useApp } from '../../store/hooks';
import type { CommitView, PullRequestView } from '../../store/view';
import { CommitGraph } from './CommitGraph';
import { shortSha } from './format';
import { PullRequests } from './PullRequests';
import './git.css';

// Loaded after the first view: the editor and a commit's diff are opened on demand.
const ManifestEditor = lazy(() =>
  import('./ManifestEditor').then((m) => ({ default: m.ManifestEditor })),
);
const CommitDetail = lazy(() =>
  import('./CommitDetail').then((m) => ({ default: m.CommitDetail })),
);

// Stable empty lists: a selector that returned a fresh [] would re-render forever.
const NO_COMMITS: CommitView[] = [];
const NO_PRS: PullRequestView[] = [];

export function GitPanel() {
  const commits = useApp((s) => s.view?.commits ?? NO_COMMITS);
  const pullRequests = useApp((s) => s.view?.pullRequests ?? NO_PRS);
  const [selected, setSelected] = useState<string | null>(null);

  const mainSha = commits.find((c) => c.refs.includes(BRANCH))?.sha ?? null;
  const branches = useMemo(
    () => commits.flatMap((c) => c.refs.filter((r) => !r.startsWith('tag: '))),
    [commits],
  );
  // A replay to an earlier step can take the selected commit away: then nothing is selected.
  const commit = commits.find((c) => c.sha === selected) ?? null;
  const openPrs = pullRequests.filter((p) => p.state === 'open').length;

  return (
    <section className="panel git-panel" aria-label="Git repository">
      <header className="panel-head">
        <h2>Git repository</h2>
        <p className="muted">
          {mainSha ? (
            <>
              main at <code>{shortSha(mainSha)}</code> · {commits.length}{' '}
              {commits.length === 1 ? 'commit' : 'commits'}
              {openPrs > 0
                ? ` · ${openPrs} open pull ${openPrs === 1 ? 'request' : 'requests'}`
                : ''}
            </>
          ) : (
            'the single source of truth both lanes deploy'
          )}
        </p>
      </header>
      <CommitGraph
        commits={commits}
        pullRequests={pullRequests}
        selected={commit?.sha ?? null}
        onSelect={setSelected}
      />
      {commit ? (
        <Suspense fallback={<p className="muted">Loading the commit…</p>}>
          <CommitDetail commit={commit} onSelect={setSelected} onClose={() => setSelected(null)} />
        </Suspense>
      ) : (
        <p className="muted hint">Select a commit to see its message and diff.</p>
      )}
      <PullRequests pullRequests={pullRequests} />
      <Suspense fallback={<p className="muted">Loading the editor…</p>}>
        <ManifestEditor mainSha={mainSha} branches={branches} />
      </Suspense>
    </section>
  );
}
