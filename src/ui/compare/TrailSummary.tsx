// The per-lane headline above the trail: changes, how many out-of-band, who acted. It counts the
// whole trail, whatever the filters show, and sits outside the scrolling rows so it stays in view.
import type { ClusterName } from '../../sim/audit';
import type { LaneSummary } from './trail';

const LANE_TITLE: Record<ClusterName, string> = {
  devops: 'DevOps (push)',
  gitops: 'GitOps (pull)',
};

interface Props {
  lanes: Record<ClusterName, LaneSummary>;
  repoEvents: number;
}

export function TrailSummary({ lanes, repoEvents }: Props) {
  return (
    <div className="trail-summary trail-grid">
      <span aria-hidden="true" />
      <LaneSummaryCard lane="devops" summary={lanes.devops} />
      <div className="summary-card summary-repo">
        <h3>Repo</h3>
        <p>{plural(repoEvents, 'Git event')}</p>
      </div>
      <LaneSummaryCard lane="gitops" summary={lanes.gitops} />
    </div>
  );
}

function LaneSummaryCard({ lane, summary: s }: { lane: ClusterName; summary: LaneSummary }) {
  return (
    <div className={`summary-card lane-${lane}`}>
      <h3>{LANE_TITLE[lane]}</h3>
      <p className="summary-counts">
        <span>{plural(s.changes, 'change')}</span>
        <span className={s.outOfBand > 0 ? 'count-oob' : undefined}>
          {`${s.outOfBand} out-of-band`}
        </span>
        {s.refused > 0 ? <span>{`${s.refused} refused`}</span> : null}
      </p>
      <p className="summary-actors">
        {s.actors.length === 0 ? 'No actors yet' : `Actors: ${s.actors.join(', ')}`}
      </p>
    </div>
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
