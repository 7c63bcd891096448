// The side-by-side trail itself: DevOps | repo | GitOps, one line per instant's records, virtualized
// so a day-long trail scrolls like a short one. ARIA table semantics with row indexes, because only
// the visible lines are in the DOM.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef } from 'react';
import type { AuditRecord } from '../../sim/audit';
import { formatClock } from '../../sim/clock';
import type { CommitView } from '../../store/view';
import { isMachinery, isOutOfBandChange, type TrailRow } from './trail';

const ROW_PX = 30;
const HEADER_PX = 30;

interface Props {
  rows: readonly TrailRow[];
  commits: ReadonlyMap<string, CommitView>;
  onCommit: (sha: string) => void;
}

export function TrailTable({ rows, commits, onCommit }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // Follow new records while the reader is at the end, like `tail -f`; stay put otherwise.
  const atEnd = useRef(true);
  // The virtualizer is mutable by design; this component reads it fresh on every render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_PX,
    scrollMargin: HEADER_PX,
    overscan: 12,
  });

  useLayoutEffect(() => {
    if (atEnd.current) virtualizer.scrollToEnd();
  }, [rows.length, virtualizer]);

  const cellProps = { commits, onCommit };
  const onScroll = () => {
    const el = scrollRef.current;
    if (el) atEnd.current = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_PX;
  };

  return (
    <div
      ref={scrollRef}
      className="trail-scroll"
      role="table"
      aria-label="Audit records, DevOps and GitOps side by side"
      aria-rowcount={rows.length + 1}
      tabIndex={0}
      onScroll={onScroll}
    >
      <div role="rowgroup" className="trail-head">
        <div role="row" aria-rowindex={1} className="trail-grid">
          <span role="columnheader">Time</span>
          <span role="columnheader" className="lane-devops">
            DevOps (push)
          </span>
          <span role="columnheader" className="col-repo">
            Repo (git)
          </span>
          <span role="columnheader" className="lane-gitops">
            GitOps (pull)
          </span>
        </div>
      </div>
      <div role="rowgroup" className="trail-body" style={{ height: virtualizer.getTotalSize() }}>
        {rows.length === 0 ? (
          <div role="row" aria-rowindex={2} className="trail-none">
            <span role="cell">No records match these filters.</span>
          </div>
        ) : null}
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          return (
            <div
              key={item.key}
              role="row"
              aria-rowindex={item.index + 2}
              className={`trail-grid trail-row${row.first ? ' instant' : ''}`}
              style={{ transform: `translateY(${item.start - HEADER_PX}px)` }}
            >
              <span role="cell" className="trail-time">
                {row.first ? (
                  formatClock(row.t)
                ) : (
                  <span className="visually-hidden">{formatClock(row.t)}</span>
                )}
              </span>
              <RecordCell record={row.devops} {...cellProps} />
              <RecordCell record={row.repo} {...cellProps} />
              <RecordCell record={row.gitops} {...cellProps} />
            </div>
          );
        })}
      </div>
    </div>
  );
}

interface CellProps {
  record: AuditRecord | undefined;
  commits: ReadonlyMap<string, CommitView>;
  onCommit: (sha: string) => void;
}

function RecordCell({ record: r, commits, onCommit }: CellProps) {
  if (!r) return <span role="cell" className="trail-cell" />;
  const outOfBand = isOutOfBandChange(r);
  const classes = ['trail-cell', 'filled', `col-${r.cluster}`];
  if (isMachinery(r)) classes.push('machinery');
  if (outOfBand) classes.push('out-of-band');
  if (r.verb === 'refuse') classes.push('refused');
  const sha = r.revision;
  const detail = `${r.actor} via ${r.channel}: ${r.verb} ${r.object}${r.message ? `\n${r.message}` : ''}`;
  return (
    // Focusable, so that a cut-off cell opens in full on focus as it does on hover (compare.css).
    <span role="cell" className={classes.join(' ')} title={detail} tabIndex={0}>
      <span className="t-actor">{r.actor}</span> <span className="t-channel">{r.channel}</span>{' '}
      <span className="t-verb">{r.verb}</span> <span className="t-object">{r.object}</span>{' '}
      {sha !== null ? (
        <button
          type="button"
          className="t-sha"
          title={commits.get(sha)?.subject ?? 'not in the repository log'}
          onClick={() => onCommit(sha)}
        >
          {sha.slice(0, 7)}
        </button>
      ) : outOfBand ? (
        <span className="t-oob">out-of-band</span>
      ) : (
        <span className="t-none">
          <span aria-hidden="true">–</span>
          <span className="visually-hidden">no revision</span>
        </span>
      )}
      {r.message ? <span className="t-message">{r.message}</span> : null}
    </span>
  );
}
