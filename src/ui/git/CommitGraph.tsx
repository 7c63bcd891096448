// The commit graph: a column per branch drawn in SVG beside a list of commit rows (newest on top).
// The SVG is decoration; each row is a button that says everything the drawing shows (sha,
// subject, author, refs, merge / revert), so nothing depends on seeing the lines or their colour.
import { Fragment, memo, useMemo, useRef, type KeyboardEvent } from 'react';
import { formatClock } from '../../sim/clock';
import type { CommitView, PullRequestView } from '../../store/view';
import { shortSha } from './format';
import { layoutGraph, type GraphEdge, type GraphRow } from './graph-layout';

const ROW_H = 42;
const COL_W = 14;
const PAD = 9;
const LANE_COLOURS = 6;

const x = (col: number) => PAD + col * COL_W;
const y = (row: number) => row * ROW_H + ROW_H / 2;
const laneClass = (lane: number) => `lane-c${lane % LANE_COLOURS}`;

function edgePath(e: GraphEdge): string {
  const [x1, y1, x2, y2] = [x(e.fromCol), y(e.fromRow), x(e.toCol), y(e.toRow)];
  if (x1 === x2) return `M${x1} ${y1}V${y2}`;
  const bend = ROW_H / 2;
  // A merge's line leaves the merge commit at once and runs down its own branch's column; a
  // branch's first-parent line runs down its column and joins the fork point at the end.
  return e.merge
    ? `M${x1} ${y1}C${x1} ${y1 + bend} ${x2} ${y1 + bend} ${x2} ${y1 + ROW_H}V${y2}`
    : `M${x1} ${y1}V${y2 - ROW_H}C${x1} ${y2 - bend} ${x2} ${y2 - bend} ${x2} ${y2}`;
}

function Node({ r, selected }: { r: GraphRow; selected: boolean }) {
  const [cx, cy] = [x(r.col), y(r.row)];
  return (
    <g className={`node node-${r.kind} ${laneClass(r.lane)}`}>
      {selected ? <circle className="node-selected" cx={cx} cy={cy} r={8.5} /> : null}
      {r.kind === 'merge' ? (
        <circle className="node-hollow" cx={cx} cy={cy} r={5.5} />
      ) : r.kind === 'revert' ? (
        <path
          className="node-hollow"
          d={`M${cx} ${cy - 6}L${cx + 6} ${cy}L${cx} ${cy + 6}L${cx - 6} ${cy}Z`}
        />
      ) : (
        <circle className="node-fill" cx={cx} cy={cy} r={4.5} />
      )}
    </g>
  );
}

// Spaces between the labels: flex layout ignores them, but they keep the button's accessible name
// readable ("main tag v1 Merge pull request…", not "maintagv1Merge…").
function Refs({ refs, prs }: { refs: string[]; prs: PullRequestView[] }) {
  return (
    <>
      {refs.map((ref) => (
        <Fragment key={ref}>
          {ref.startsWith('tag: ') ? (
            <span className="ref ref-tag">
              <span className="visually-hidden">tag </span>
              {ref.slice(5)}
            </span>
          ) : (
            <span className="ref ref-branch">{ref}</span>
          )}{' '}
        </Fragment>
      ))}
      {prs.map((pr) => (
        <Fragment key={pr.id}>
          <span className="ref ref-pr">PR #{pr.id}</span>{' '}
        </Fragment>
      ))}
    </>
  );
}

export interface CommitGraphProps {
  commits: readonly CommitView[];
  pullRequests: readonly PullRequestView[];
  selected: string | null;
  onSelect: (sha: string) => void;
}

function CommitGraphView({ commits, pullRequests, selected, onSelect }: CommitGraphProps) {
  const layout = useMemo(() => layoutGraph(commits), [commits]);
  const list = useRef<HTMLOListElement>(null);
  const width = x(layout.columns - 1) + PAD;
  const height = layout.rows.length * ROW_H;
  const current = Math.max(
    0,
    layout.rows.findIndex((r) => r.commit.sha === selected),
  );

  // Roving focus: one Tab stop for the whole graph; arrows, Home and End move between commits.
  const onKeyDown = (e: KeyboardEvent<HTMLOListElement>) => {
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const moves: Record<string, number> = {
      ArrowDown: at + 1,
      ArrowUp: at - 1,
      Home: 0,
      End: buttons.length - 1,
    };
    const target = at < 0 ? undefined : buttons[moves[e.key] ?? -1];
    if (!target) return;
    e.preventDefault();
    target.focus();
  };

  if (layout.rows.length === 0) return <p className="empty">No commits yet.</p>;
  return (
    <div className="graph">
      <svg
        className="graph-lines"
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        aria-hidden="true"
      >
        {layout.edges.map((e) => (
          <path key={e.key} className={`edge ${laneClass(e.lane)}`} d={edgePath(e)} />
        ))}
        {layout.rows.map((r) => (
          <Node key={r.commit.sha} r={r} selected={r.commit.sha === selected} />
        ))}
      </svg>
      <ol
        ref={list}
        className="graph-rows"
        aria-label="Commits, newest first"
        style={{ paddingLeft: width }}
        onKeyDown={onKeyDown}
      >
        {layout.rows.map((r, i) => {
          const c = r.commit;
          const prs = pullRequests.filter((p) => p.state === 'open' && c.refs.includes(p.head));
          return (
            <li key={c.sha} style={{ height: ROW_H }}>
              <button
                type="button"
                className="commit-row"
                aria-pressed={c.sha === selected}
                tabIndex={i === current ? 0 : -1}
                title={c.subject}
                onClick={() => onSelect(c.sha)}
              >
                <span className="row-line">
                  <Refs refs={c.refs} prs={prs} />
                  <span className="subject">{c.subject}</span>
                </span>{' '}
                <span className="row-line row-meta">
                  <code className="sha">{shortSha(c.sha)}</code> <span>{c.author}</span>{' '}
                  <span>{formatClock(c.t).slice(0, -3)}</span>{' '}
                  {r.kind === 'merge' ? (
                    <span className="kind-mark">
                      merge<span className="visually-hidden"> of {c.parents.length} parents</span>
                    </span>
                  ) : r.kind === 'revert' ? (
                    <span className="kind-mark">revert</span>
                  ) : null}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

// Every snapshot brings new arrays, though while a scenario plays the history rarely changes:
// compare what the graph shows, so a frame of play does not lay the graph out again.
const sameCommits = (a: readonly CommitView[], b: readonly CommitView[]) =>
  a.length === b.length &&
  a.every((c, i) => c.sha === b[i]!.sha && c.refs.join() === b[i]!.refs.join());
const samePrs = (a: readonly PullRequestView[], b: readonly PullRequestView[]) =>
  a.length === b.length && a.every((p, i) => p.id === b[i]!.id && p.state === b[i]!.state);

export const CommitGraph = memo(
  CommitGraphView,
  (a, b) =>
    a.selected === b.selected &&
    a.onSelect === b.onSelect &&
    sameCommits(a.commits, b.commits) &&
    samePrs(a.pullRequests, b.pullRequests),
);
