// The "Compare" tab: both lanes' metrics, their time in sync with Git, the two audit trails side by
// side, and the exports. Lazy-loaded by the App, so the virtualizer and fflate stay out of the
// first bundle.
import { useDeferredValue, useMemo } from 'react';
import { useAppStore } from '../../store/store-context';
import { useApp, useAppShallow } from '../../store/hooks';
import { formatClock } from '../../sim/clock';
import { AuditTrail } from './AuditTrail';
import { ExportBar } from './ExportBar';
import type { ComparisonInput } from './exports';
import { MetricsTable } from './MetricsTable';
import { syncSummary, syncTimeline } from './sync-bands';
import { SyncChart } from './SyncChart';
import './compare.css';

interface Props {
  /** Called with a full sha when a trail row's commit is clicked (e.g. to show it in the Git panel). */
  onSelectCommit?: (sha: string) => void;
}

export function ComparePanel({ onSelectCommit }: Props) {
  const appStore = useAppStore();
  const exportRepository = () => appStore.currentRun()?.sandbox.repo.exportRepository() ?? null;
  const live = useApp((s) => s.view);
  const session = useAppShallow((s) => ({
    scenario: s.scenarioId,
    title: s.scenarioTitle,
    seed: s.seed,
    totalSteps: s.steps.length,
    results: s.results,
  }));
  // While playing, views arrive many times a second; the trail may lag a frame behind them.
  const view = useDeferredValue(live);

  // WARNING: view.audit is the live trail; auditSize is the length this snapshot stands for.
  const audit = view?.audit;
  const auditSize = view?.auditSize ?? 0;
  const records = useMemo(() => audit?.slice(0, auditSize) ?? [], [audit, auditSize]);
  const end = view?.t ?? 0;
  const timelines = useMemo(
    () => ({
      devops: syncTimeline(records, 'devops', end),
      gitops: syncTimeline(records, 'gitops', end),
    }),
    [records, end],
  );

  if (!view) {
    return (
      <div className="compare" aria-busy="true">
        <p className="empty">The sandbox is starting…</p>
      </div>
    );
  }

  const { metrics } = view;
  const comparison: ComparisonInput = {
    scenario: session.scenario,
    title: session.title,
    seed: session.seed,
    t: view.t,
    metrics,
    steps: session.results.map((r) => ({
      title: r.title,
      expectations: r.expectations.map(({ ok, text }) => ({ ok, text })),
    })),
    totalSteps: session.totalSteps,
    sync: syncSummary(timelines),
  };

  return (
    <div className="compare">
      <header className="compare-head">
        <p className="compare-context">
          <span className="compare-title">{session.title || session.scenario}</span>
          <span className="muted">
            {` seed ${session.seed} · ${formatClock(view.t)} · step ${session.results.length} of ${session.totalSteps}`}
          </span>
        </p>
        <ExportBar records={records} comparison={comparison} exportRepository={exportRepository} />
      </header>
      <div className="compare-top">
        <MetricsTable metrics={metrics} windowMs={view.t} />
        <SyncChart timelines={timelines} end={end} />
      </div>
      <AuditTrail records={records} commits={view.commits} onSelectCommit={onSelectCommit} />
    </div>
  );
}

export default ComparePanel;
