// Both lanes on one virtual-time axis: commits, pipeline deploys, syncs, kubectl changes,
// rollbacks and the out-of-sync bands, with a button at every step boundary that replays the
// session to that point. Drawn in SVG at the measured width, so shapes keep their proportions.
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { formatClock } from '../../sim/clock';
import { useApp, useAppShallow } from '../../store/hooks';
import type { CommitView } from '../../store/view';
import { buildTimeline, type Band, type Mark, type RowId, type Span } from './timeline-model';
import './timeline.css';

const GUTTER = 64;
const RIGHT = 14;
const ROW_H = 26;
const TOP = 2;
const ROWS: { id: RowId; name: string }[] = [
  { id: 'git', name: 'Git' },
  { id: 'devops', name: 'DevOps' },
  { id: 'gitops', name: 'GitOps' },
];
const AXIS_Y = TOP + ROWS.length * ROW_H;
const HEIGHT = AXIS_Y + 18;
const TICK_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440].map((m) => m * 60_000);
const MARK_GAP = 9;
const NO_COMMITS: CommitView[] = [];

const hhmm = (t: number) => formatClock(t).slice(0, -3);
const rowTop = (row: RowId) => TOP + ROWS.findIndex((r) => r.id === row) * ROW_H;

function useWidth(fallback: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.max(240, Math.floor(entry.contentRect.width)));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

/** Marks of one row that would cover each other (a kubectl change and the rollback it was part
 * of, in the same second) are nudged apart, so each stays visible and can be hovered. */
function placeMarks(marks: readonly Mark[], x: (t: number) => number) {
  const out = marks.map((m) => ({ m, at: x(m.t) })).sort((a, b) => a.at - b.at);
  const last = new Map<RowId, number>();
  for (const p of out) {
    const before = last.get(p.m.row);
    if (before !== undefined && p.at < before + MARK_GAP) p.at = before + MARK_GAP;
    last.set(p.m.row, p.at);
  }
  return out;
}

function MarkGlyph({ m, x }: { m: Mark; x: number }) {
  const top = rowTop(m.row);
  const cy = m.row === 'git' ? top + ROW_H / 2 : top + 8;
  const shape = {
    commit: <circle cx={x} cy={cy} r={4.5} />,
    merge: <circle className="hollow" cx={x} cy={cy} r={5} />,
    revert: (
      <path
        className="hollow"
        d={`M${x} ${cy - 6}L${x + 6} ${cy}L${x} ${cy + 6}L${x - 6} ${cy}Z`}
      />
    ),
    kubectl: <path d={`M${x} ${cy - 6}L${x + 6} ${cy + 5}L${x - 6} ${cy + 5}Z`} />,
    rollback: <path d={`M${x - 6} ${cy}L${x + 4} ${cy - 6}L${x + 4} ${cy + 6}Z`} />,
  }[m.kind];
  return (
    <g className={`tl-mark mk-${m.kind} row-${m.row}`} role="img" aria-label={m.label}>
      <title>{m.label}</title>
      {shape}
    </g>
  );
}

function SpanGlyph({ s, x0, x1 }: { s: Span; x0: number; x1: number }) {
  const y = rowTop(s.row) + ROW_H - 7;
  const width = Math.max(4, x1 - x0);
  const end = x0 + width;
  return (
    <g
      className={`tl-span sp-${s.kind} res-${s.result} row-${s.row}`}
      role="img"
      aria-label={s.label}
    >
      <title>{s.label}</title>
      <rect x={x0} y={y - 3} width={width} height={6} rx={3} />
      {s.kind === 'heal' ? <circle className="heal-ring" cx={x0} cy={y} r={4.5} /> : null}
      {s.result === 'failed' ? (
        <path
          className="fail"
          d={`M${end - 3} ${y - 7}l6 6m0 -6l-6 6`}
          transform="translate(3 0)"
        />
      ) : null}
    </g>
  );
}

function BandRect({ b, x0, x1, hatch }: { b: Band; x0: number; x1: number; hatch: string }) {
  const top = rowTop(b.row) + 1;
  return (
    <g className={`tl-band band-${b.cause}`} role="img" aria-label={b.label}>
      <title>{b.label}</title>
      <rect
        x={x0}
        y={top}
        width={Math.max(2, x1 - x0)}
        height={ROW_H - 2}
        fill={b.cause === 'change' ? `url(#${hatch})` : undefined}
      />
    </g>
  );
}

function Legend() {
  const item = (cls: string, glyph: ReactNode, text: string) => (
    <li>
      <svg
        className={`tl-legend-glyph ${cls}`}
        width="16"
        height="12"
        viewBox="0 0 16 12"
        aria-hidden="true"
      >
        {glyph}
      </svg>
      {text}
    </li>
  );
  return (
    <ul className="tl-legend" aria-label="Legend">
      {item('mk-commit', <circle cx="8" cy="6" r="4" />, 'commit')}
      {item('mk-merge', <circle className="hollow" cx="8" cy="6" r="4" />, 'merge')}
      {item('mk-revert', <path className="hollow" d="M8 1L13 6L8 11L3 6Z" />, 'revert')}
      {item('tl-span', <rect x="1" y="3" width="14" height="6" rx="3" />, 'deploy / sync')}
      {item('tl-span sp-heal', <circle className="heal-ring" cx="5" cy="6" r="4" />, 'self-heal')}
      {item('tl-span', <path className="fail" d="M4 1l8 8m0 -8l-8 8" />, 'failed')}
      {item('mk-kubectl', <path d="M8 1L14 11L2 11Z" />, 'kubectl (out-of-band)')}
      {item('mk-rollback', <path d="M2 6L13 0.5L13 11.5Z" />, 'rollback')}
      {item('band-change', <rect x="0" y="0" width="16" height="12" />, 'drifted')}
      {item(
        'band-commit',
        <rect x="0" y="0" width="16" height="12" />,
        'Git ahead (deploy pending)',
      )}
    </ul>
  );
}

export function Timeline() {
  const commits = useApp((s) => s.view?.commits ?? NO_COMMITS);
  const audit = useApp((s) => s.view?.audit);
  const auditSize = useApp((s) => s.view?.auditSize ?? 0);
  const now = useApp((s) => s.view?.t ?? 0);
  const busy = useApp((s) => s.busy);
  const jumpTo = useApp((s) => s.jumpTo);
  const ends = useAppShallow((s) => s.results.map((r) => r.t));
  const titles = useAppShallow((s) => s.results.map((r) => r.title));
  const [ref, width] = useWidth(960);
  const hatch = `tl-hatch-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;

  // The trail is append-only and shared: auditSize says when it grew.
  const model = useMemo(
    () => buildTimeline(commits, audit?.slice(0, auditSize) ?? []),
    [commits, audit, auditSize],
  );
  const end = Math.max(now, model.last, ends.at(-1) ?? 0, 60_000);
  const plot = width - GUTTER - RIGHT;
  const x = (t: number) => GUTTER + (Math.min(t, end) / end) * plot;
  const tickStep = TICK_STEPS.find((s) => end / s <= plot / 70) ?? TICK_STEPS.at(-1)!;
  const ticks: number[] = [];
  for (let t = 0; t <= end; t += tickStep) ticks.push(t);

  return (
    <section className="panel timeline" aria-label="Timeline">
      <header className="tl-head">
        <h2>Timeline</h2>
        <Legend />
      </header>
      <div className="tl-body" ref={ref}>
        <div className="tl-steps" role="group" aria-label="Step boundaries: replay to a step">
          {[0, ...ends].map((t, k) => {
            const label =
              k === 0
                ? 'Jump to the start, step 0'
                : `Jump to the end of step ${k}: ${titles[k - 1]}`;
            return (
              <button
                key={k}
                type="button"
                className="tl-step"
                style={{ left: x(t) }}
                aria-label={label}
                aria-current={k === ends.length ? 'step' : undefined}
                title={`${label} (${hhmm(t)})`}
                disabled={busy}
                onClick={() => void jumpTo(k)}
              >
                {k}
              </button>
            );
          })}
        </div>
        <svg
          className="tl-plot"
          width={width}
          height={HEIGHT}
          viewBox={`0 0 ${width} ${HEIGHT}`}
          role="group"
          aria-label={`Events from 00:00 to ${hhmm(end)}`}
        >
          <defs>
            <pattern
              id={hatch}
              width="6"
              height="6"
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)"
            >
              <rect className="hatch-bg" width="6" height="6" />
              <line className="hatch-line" x1="0" y1="0" x2="0" y2="6" />
            </pattern>
          </defs>
          {ROWS.map((r, i) => (
            <g key={r.id} className={`tl-row row-${r.id}`}>
              <rect
                className={i % 2 ? 'tl-row-bg odd' : 'tl-row-bg'}
                x={GUTTER}
                y={rowTop(r.id)}
                width={plot}
                height={ROW_H}
              />
              <text className="tl-row-name" x={GUTTER - 8} y={rowTop(r.id) + ROW_H / 2 + 4}>
                {r.name}
              </text>
            </g>
          ))}
          {model.bands.map((b) => (
            <BandRect key={b.key} b={b} x0={x(b.start)} x1={x(b.end ?? now)} hatch={hatch} />
          ))}
          {ticks.map((t) => (
            <g key={t} className="tl-tick" aria-hidden="true">
              <line x1={x(t)} x2={x(t)} y1={TOP} y2={AXIS_Y + 3} />
              <text x={x(t)} y={HEIGHT - 3}>
                {hhmm(t)}
              </text>
            </g>
          ))}
          {ends.map((t, i) => (
            <line
              key={i}
              className="tl-boundary"
              x1={x(t)}
              x2={x(t)}
              y1={0}
              y2={AXIS_Y}
              aria-hidden="true"
            />
          ))}
          {model.spans.map((s) => (
            <SpanGlyph key={s.key} s={s} x0={x(s.start)} x1={x(s.end ?? now)} />
          ))}
          {placeMarks(model.marks, x).map(({ m, at }) => (
            <MarkGlyph key={m.key} m={m} x={at} />
          ))}
          <g className="tl-now" aria-hidden="true">
            <line x1={x(now)} x2={x(now)} y1={0} y2={AXIS_Y + 3} />
          </g>
        </svg>
      </div>
    </section>
  );
}
