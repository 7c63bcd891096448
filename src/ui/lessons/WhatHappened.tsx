// "What just happened", per lane, in words, after every step and every learner action (and live
// while playing): a self-heal that put a change back within a second is told, with its duration,
// even though the lane then looks as it did before.
import type { ClusterName } from '../../sim/audit';
import type { Happening } from '../../sim/scenario/narrate';
import { useApp } from '../../store/hooks';
import { useHappenings } from './use-happenings';

const LANES: { lane: ClusterName; title: string }[] = [
  { lane: 'devops', title: 'DevOps (push)' },
  { lane: 'gitops', title: 'GitOps (pull)' },
];

export function WhatHappened() {
  const done = useApp((s) => s.results.length);
  const acted = useApp((s) => s.status === 'ready');
  if (!acted) return null;
  return (
    // Focusable: on a desktop its box scrolls, and a keyboard must reach what is below.
    <section className="what-happened" aria-labelledby="what-happened-title" tabIndex={0}>
      <h2 id="what-happened-title">
        What just happened{' '}
        <span className="muted">
          {done === 0 ? 'since the start' : `in step ${done} and since`}
        </span>
      </h2>
      <div className="what-lanes">
        {LANES.map(({ lane, title }) => (
          <LaneStory key={lane} lane={lane} title={title} />
        ))}
      </div>
    </section>
  );
}

interface StoryProps {
  lane: ClusterName;
  title: string;
  /** The whole lesson, told by what the lane did (the summary), instead of the last step. */
  whole?: boolean;
}

const LANE_KINDS = new Set<Happening['kind']>(['change', 'heal', 'deploy', 'refused', 'idle']);

export function LaneStory({ lane, title, whole = false }: StoryProps) {
  const all = useHappenings(lane, whole);
  const happenings = whole ? all.filter((h) => LANE_KINDS.has(h.kind)) : all;
  return (
    <div className={`what-lane lane-${lane}`}>
      <h3>{title}</h3>
      <ul aria-label={`What just happened: ${title}`}>
        {happenings.map((h, i) => (
          <li key={i} className={`what-${h.kind}`}>
            <span className="what-mark" aria-hidden="true">
              {MARK[h.kind]}
            </span>{' '}
            {h.text}
          </li>
        ))}
      </ul>
    </div>
  );
}

const MARK: Record<Happening['kind'], string> = {
  git: '⎇',
  change: '✎',
  heal: '↺',
  deploy: '⇪',
  status: '◐',
  refused: '⊘',
  idle: '·',
};
