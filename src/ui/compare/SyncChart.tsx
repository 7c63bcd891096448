// In sync vs out of sync with Git over virtual time, one band per lane. Plain SVG: a few dozen
// rectangles need no chart library, and percentages keep it crisp at any width. Out-of-sync time
// is hatched as well as coloured; the figure's caption says the same in words.
import { useId } from 'react';
import type { ClusterName } from '../../sim/audit';
import { formatClock, formatDuration } from '../../sim/clock';
import type { SyncBand, SyncTimeline } from './sync-bands';
import { syncSummary } from './sync-bands';

const LANES: { lane: ClusterName; label: string }[] = [
  { lane: 'devops', label: 'DevOps' },
  { lane: 'gitops', label: 'GitOps' },
];
// Three ticks: the first aligned left, the last right (compare.css), so that labels of eight
// characters never overlap, even at a phone's width.
const TICKS = [0, 0.5, 1];

interface Props {
  timelines: Record<ClusterName, SyncTimeline>;
  /** Virtual time now: the right edge. */
  end: number;
}

export function SyncChart({ timelines, end }: Props) {
  const id = useId();
  const titleId = `${id}-title`;
  // A pattern is referenced as url(#id): keep its id to characters that need no escaping.
  const hatch = `hatch-${id.replace(/[^A-Za-z0-9_-]/g, '')}`;
  return (
    <section className="panel compare-sync" aria-labelledby={titleId}>
      <h2 id={titleId}>Time out of sync with Git</h2>
      <figure className="sync-figure">
        {end > 0 ? (
          <div className="sync-chart" aria-hidden="true">
            {LANES.map(({ lane, label }) => (
              <div key={lane} className="sync-lane">
                <span className={`sync-label lane-${lane}`}>{label}</span>
                <LaneBands bands={timelines[lane].bands} end={end} hatchId={`${hatch}-${lane}`} />
                <span className="sync-share" title="share of the time out of sync with Git">
                  {`${Math.round((timelines[lane].outOfSyncShare ?? 0) * 100)}% out`}
                </span>
              </div>
            ))}
            <div className="sync-axis">
              {TICKS.map((f) => (
                <span key={f} style={{ left: `${f * 100}%` }}>
                  {formatClock(f * end)}
                </span>
              ))}
            </div>
          </div>
        ) : null}
        <figcaption className="sync-summary">{`${syncSummary(timelines)}.`}</figcaption>
        <ul className="sync-legend">
          <li>
            <span className="swatch swatch-in" aria-hidden="true" /> In sync (Synced)
          </li>
          <li>
            <span className="swatch swatch-out" aria-hidden="true" /> Out of sync (OutOfSync),
            hatched
          </li>
        </ul>
        <p className="muted sync-note">
          DriftLab's observer compares each cluster with Git HEAD after every change; a lane is out
          of sync from the moment it differs until it matches again.
        </p>
      </figure>
    </section>
  );
}

function LaneBands({ bands, end, hatchId }: { bands: SyncBand[]; end: number; hatchId: string }) {
  const pct = (ms: number) => `${(ms / end) * 100}%`;
  return (
    <svg className="sync-bar" width="100%" height="22">
      <defs>
        <pattern id={hatchId} width="6" height="6" patternUnits="userSpaceOnUse">
          <rect width="6" height="6" className="hatch-bg" />
          <path d="M0 6 L6 0" className="hatch-line" />
        </pattern>
      </defs>
      {bands.map((b) => (
        <rect
          key={b.start}
          x={pct(b.start)}
          width={pct(b.end - b.start)}
          height="100%"
          className={b.inSync ? 'band-in' : 'band-out'}
          fill={b.inSync ? undefined : `url(#${hatchId})`}
        >
          <title>
            {`${b.inSync ? 'In sync' : 'Out of sync'} ${formatClock(b.start)}–${formatClock(b.end)} (${formatDuration(b.end - b.start)})`}
          </title>
        </rect>
      ))}
    </svg>
  );
}
