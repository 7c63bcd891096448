// What a manual Sync would change now: the plan the sync itself would run (built by the view
// adapter from the lane's planner, store/sync-plan-view.ts), in its order (wave, kind, name; a
// Namespace or CRD moved up to its first user; prunes last, in reverse), with the diff of each
// task. Objects Git no longer declares are pruned, or left behind while prune is off. When the
// Application's last comparison still says Synced, the plan says so: the reconciler has not seen
// the change yet. Argo CD's resource hooks are listed by phase with their state in the app's
// current (or last) operation: Running, Succeeded, Failed, or not run.
import { memo, useId, useState } from 'react';
import { formatClock } from '../../sim/clock';
import type { Application } from '../../sim/gitops/lane';
import type { AppPlanView, PlannedHook, PlannedTask } from '../../store/sync-plan-view';
import { FieldDiffView } from './FieldDiff';

function what(t: PlannedTask): string {
  if (t.drift === 'missing') return 'not in the cluster';
  if (t.drift === 'extra') return 'not in Git';
  const n = t.fields.length;
  return `${n} field${n === 1 ? '' : 's'}`;
}

function Task({ t }: { t: PlannedTask }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const name = `${t.kind} ${t.name}`;
  return (
    <li className="lp-task">
      <div className="lp-task-head">
        <span className="lp-muted lp-small" title="Argo CD sync wave">
          wave {t.wave}
        </span>
        <span className={`lp-verb lp-verb-${t.verb}`}>{t.verb}</span>
        <span>
          <span className="lp-kind">{t.kind}</span> {t.name}
        </span>
        <span className="lp-muted lp-small">{what(t)}</span>
        <button
          type="button"
          className="lp-btn lp-btn-small"
          aria-expanded={open}
          aria-controls={id}
          aria-label={`Diff of ${name}`}
          onClick={() => setOpen((v) => !v)}
        >
          diff
        </button>
      </div>
      {t.warning !== undefined ? <p className="lp-small lp-warn">{t.warning}</p> : null}
      {open ? <FieldDiffView id={id} name={name} fields={t.fields} textDiff={t.textDiff} /> : null}
    </li>
  );
}

const PHASES = ['PreSync', 'Sync', 'PostSync', 'SyncFail'] as const;
const PHASE_TEXT: Record<(typeof PHASES)[number], string> = {
  PreSync: 'before any resource is applied',
  Sync: 'with the resources of its wave',
  PostSync: 'once every resource is Healthy',
  SyncFail: 'only if the sync fails',
};

/** The app's hooks by phase, each with its state in the app's current or last operation. */
function Hooks({
  app,
  hooks,
  op,
}: {
  app: string;
  hooks: PlannedHook[];
  op?: Application['operation'];
}) {
  const stateOf = (h: PlannedHook) =>
    op?.results.find((r) => r.key === h.key && r.hook === h.phase)?.hookPhase ?? 'not run';
  return (
    <div className="lp-hooks">
      {PHASES.map((phase) => {
        const list = hooks.filter((h) => h.phase === phase);
        if (list.length === 0) return null;
        return (
          <div key={phase}>
            <p className="lp-small">
              <span className="lp-kind">{phase}</span> hooks{' '}
              <span className="lp-muted">({PHASE_TEXT[phase]})</span>
            </p>
            <ul className="lp-tasks" aria-label={`${phase} hooks of ${app}`}>
              {list.map((h) => {
                const state = stateOf(h);
                return (
                  <li key={h.key} className="lp-task">
                    <span className="lp-muted lp-small">wave {h.wave}</span>{' '}
                    <span className="lp-kind">{h.kind}</span> {h.name}{' '}
                    <span
                      className={`lp-hook-state lp-hook-${state.replace(' ', '-').toLowerCase()}`}
                    >
                      {state}
                    </span>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </div>
  );
}

export interface SyncPlanProps {
  plans: readonly AppPlanView[];
  applications: readonly Application[];
}

/** The number of changes a plan makes (its tasks), for the section's heading. */
export function planChanges(plans: readonly AppPlanView[]): number {
  return plans.reduce((n, p) => n + p.tasks.length, 0);
}

export const SyncPlan = memo(function SyncPlan({ plans, applications }: SyncPlanProps) {
  const shown = plans.filter(
    (p) => p.tasks.length + p.hooks.length + p.leftBehind.length > 0 || p.refused,
  );
  if (shown.length === 0)
    return (
      <p className="lp-small">
        <span aria-hidden="true" className="lp-tone-ok">
          ✓{' '}
        </span>
        Nothing to sync: the cluster matches Git HEAD.
      </p>
    );
  const several = applications.length > 1;
  return (
    <div className="lp-plan">
      <p className="lp-muted lp-small">
        A Sync applies Git HEAD, every resource of the app in this order; these are the ones it
        changes.
      </p>
      {shown.map((p) => {
        const app = applications.find((a) => a.spec.name === p.app);
        return (
          <div key={p.app}>
            {several ? (
              <h4 className="lp-h4">
                app <span className="lp-mono">{p.app}</span>
              </h4>
            ) : null}
            {app?.sync === 'Synced' ? (
              <p className="lp-small lp-muted">
                Not seen by the reconciler yet: its last comparison
                {app.reconciledAt !== null ? ` (at ${formatClock(app.reconciledAt)})` : ''} found
                the app Synced.
              </p>
            ) : null}
            {p.refused ? <p className="lp-small lp-warn">A Sync is refused: {p.refused}</p> : null}
            {p.tasks.length > 0 ? (
              <ol className="lp-tasks" aria-label={`Sync plan of ${p.app}`}>
                {p.tasks.map((t) => (
                  <Task key={t.key} t={t} />
                ))}
              </ol>
            ) : null}
            {p.hooks.length > 0 ? <Hooks app={p.app} hooks={p.hooks} op={app?.operation} /> : null}
            {p.leftBehind.map((o) => (
              <p key={o.key} className="lp-small lp-muted">
                left behind ({o.why}): <span className="lp-kind">{o.kind}</span> {o.name}
              </p>
            ))}
          </div>
        );
      })}
    </div>
  );
});
