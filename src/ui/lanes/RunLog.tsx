// The pipeline's run log, as a CI system shows it: the latest run (or an earlier one), stage by
// stage with ✓ / ✗, durations and the log lines; and how many pushes wait in the queue.
import { useState } from 'react';
import { formatClock, formatDuration } from '../../sim/clock';
import type { PipelineRun } from '../../sim/devops/lane';
import { OkMark, RunResultBadge } from './badges';

export function RunLog({
  runs,
  queued,
  now,
}: {
  runs: PipelineRun[];
  queued: number;
  now: number;
}) {
  const [picked, setPicked] = useState<number | null>(null);
  const latest = runs.at(-1);
  const run = runs.find((r) => r.id === picked) ?? latest;
  return (
    <div className="lp-runlog">
      <p className="lp-small lp-queue">
        Queue: <strong>{queued}</strong> {queued === 1 ? 'run waits' : 'runs wait'}
        <span className="lp-muted"> (a push during a run queues behind it)</span>
      </p>
      {!run ? (
        <p className="lp-muted lp-empty">No run yet: the pipeline starts on a push to main.</p>
      ) : (
        <>
          <div className="lp-run-head">
            {runs.length > 1 ? (
              <label className="lp-field">
                <span>Run</span>
                <select value={run.id} onChange={(e) => setPicked(Number(e.target.value))}>
                  {[...runs].reverse().map((r) => (
                    <option key={r.id} value={r.id}>
                      #{r.id} {r.revision.slice(0, 7)}
                      {r === latest ? ' (latest)' : ''}
                    </option>
                  ))}
                </select>
              </label>
            ) : (
              <strong>Run #{run.id}</strong>
            )}
            <code className="lp-sha">{run.revision.slice(0, 7)}</code>
            <span className="lp-muted lp-small">
              {run.trigger === 'rerun' ? `re-run by ${run.by}` : `push by ${run.by}`} at{' '}
              {formatClock(run.startedAt)}
            </span>
            <RunResultBadge result={run.result} />
            <span className="lp-muted lp-small">
              {formatDuration((run.finishedAt ?? now) - run.startedAt)}
            </span>
          </div>
          <ol className="lp-stages" aria-label={`Stages of run #${run.id}`}>
            {run.stages.map((s, i) => (
              <li
                key={`${s.stage}-${i}`}
                className={s.ok === false ? 'lp-stage lp-stage-failed' : 'lp-stage'}
              >
                <div className="lp-stage-head">
                  <OkMark ok={s.ok} />
                  <span className="lp-mono">{s.stage}</span>
                  <span className="lp-muted lp-small">
                    {formatDuration((s.finishedAt ?? now) - s.startedAt)}
                    {s.finishedAt === undefined ? ' so far' : ''}
                  </span>
                </div>
                {s.lines.length > 0 ? <pre className="lp-lines">{s.lines.join('\n')}</pre> : null}
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
