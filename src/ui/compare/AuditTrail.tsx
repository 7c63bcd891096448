// The "Audit trail" region: filters, the per-lane summary, and the two trails side by side.
import { useDeferredValue, useId, useMemo, useState } from 'react';
import type { AuditRecord, Channel } from '../../sim/audit';
import { formatClock } from '../../sim/clock';
import type { CommitView } from '../../store/view';
import {
  actorsOf,
  alignRows,
  CHANNELS,
  filterTrail,
  NO_FILTER,
  summarize,
  type TrailFilter,
} from './trail';
import { TrailSummary } from './TrailSummary';
import { TrailTable } from './TrailTable';

interface Props {
  records: readonly AuditRecord[];
  commits: readonly CommitView[];
  /** Called with a full sha when a row's commit is clicked. */
  onSelectCommit?: (sha: string) => void;
}

export function AuditTrail({ records, commits, onSelectCommit }: Props) {
  const [filter, setFilter] = useState<TrailFilter>(NO_FILTER);
  const [picked, setPicked] = useState<string | null>(null);
  const ids = useId();
  // Typing in the object filter stays responsive over a long trail: the rows follow a beat later.
  const shownFilter = useDeferredValue(filter);

  const byCommit = useMemo(() => new Map(commits.map((c) => [c.sha, c])), [commits]);
  const actors = useMemo(() => actorsOf(records), [records]);
  const summary = useMemo(
    () => ({
      lanes: { devops: summarize(records, 'devops'), gitops: summarize(records, 'gitops') },
      repoEvents: records.filter((r) => r.cluster === 'repo').length,
    }),
    [records],
  );
  const shown = useMemo(() => filterTrail(records, shownFilter), [records, shownFilter]);
  const rows = useMemo(() => alignRows(shown), [shown]);

  const set = (patch: Partial<TrailFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const filtered = filter.actor !== '' || filter.channel !== '' || filter.object !== '';
  const commit = picked ? byCommit.get(picked) : undefined;
  const pick = (sha: string) => {
    setPicked(sha);
    onSelectCommit?.(sha);
  };

  return (
    <section className="panel compare-trail" aria-label="Audit trail">
      <div className="trail-top">
        <h2>Audit trail</h2>
        <div className="trail-filters" role="group" aria-label="Filter the audit trail">
          <label htmlFor={`${ids}-actor`}>Actor</label>
          <select
            id={`${ids}-actor`}
            value={filter.actor}
            onChange={(e) => set({ actor: e.target.value })}
          >
            <option value="">Any actor</option>
            {actors.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
          <label htmlFor={`${ids}-channel`}>Channel</label>
          <select
            id={`${ids}-channel`}
            value={filter.channel}
            onChange={(e) => set({ channel: e.target.value as Channel | '' })}
          >
            <option value="">Any channel</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
          <label htmlFor={`${ids}-object`}>Object</label>
          <input
            id={`${ids}-object`}
            type="search"
            value={filter.object}
            placeholder="Deployment/default/web"
            spellCheck={false}
            onChange={(e) => set({ object: e.target.value })}
          />
          <label className="check">
            <input
              type="checkbox"
              checked={filter.showMachinery}
              onChange={(e) => set({ showMachinery: e.target.checked })}
            />
            Show controller writes
          </label>
          {filtered ? (
            <button
              type="button"
              onClick={() => setFilter((f) => ({ ...NO_FILTER, showMachinery: f.showMachinery }))}
            >
              Clear filters
            </button>
          ) : null}
        </div>
      </div>
      <TrailSummary lanes={summary.lanes} repoEvents={summary.repoEvents} />
      <p className="trail-count muted">
        {`Showing ${shown.length} of ${records.length} records`}
        {filter.showMachinery
          ? '; controller and observer records dimmed'
          : filter.actor === '' && filter.channel === ''
            ? '; controller and observer records hidden'
            : ''}
      </p>
      <TrailTable rows={rows} commits={byCommit} onCommit={pick} />
      <p className="commit-note" role="status">
        {picked
          ? commit
            ? `Commit ${picked.slice(0, 7)}: ${commit.subject} (${commit.author}, ${formatClock(commit.t)})`
            : `Commit ${picked.slice(0, 7)} is not in the repository log.`
          : null}
      </p>
    </section>
  );
}
