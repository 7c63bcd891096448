// What a manual Sync would change now. A manual Sync applies Git HEAD, so the plan is the diff of
// the live objects against HEAD (the objects' drift), in Argo CD's sync order (wave, kind, name;
// prunes last, in reverse), with the diff of each. Objects Git no longer declares are pruned, or
// left behind while prune is off. When the Application's last comparison still says Synced, the
// plan says so: the reconciler has not seen the change yet.
import { useId, useState } from 'react';
import { formatClock } from '../../sim/clock';
import type { Application } from '../../sim/gitops/lane';
import { compareSyncOrder, syncWaveOf } from '../../sim/gitops/sync-plan';
import type { ObjectView } from '../../store/view';
import { FieldDiffView } from './FieldDiff';

type Verb = 'create' | 'update' | 'prune';

export interface PlannedTask {
  object: ObjectView;
  verb: Verb;
  wave: number;
  /** The sync-wave annotation, when it is not an integer (Argo CD then uses wave 0). */
  invalidWave?: string;
}

export interface AppPlan {
  app: string;
  tasks: PlannedTask[];
  leftBehind: ObjectView[];
}

/** The tasks a Sync would run per app, in sync order. */
export function planFromObjects(objects: readonly ObjectView[], prune: boolean): AppPlan[] {
  const byApp = new Map<string, ObjectView[]>();
  for (const o of objects) if (o.drift && o.app) byApp.set(o.app, [...(byApp.get(o.app) ?? []), o]);
  return [...byApp].map(([app, drifted]) => {
    const task = (o: ObjectView): PlannedTask => {
      const { wave, invalid } = syncWaveOf(o.desired ?? o.live);
      const verb: Verb =
        o.drift === 'extra' ? 'prune' : o.drift === 'missing' ? 'create' : 'update';
      return { object: o, verb, wave, ...(invalid !== undefined ? { invalidWave: invalid } : {}) };
    };
    const order = (a: PlannedTask, b: PlannedTask) =>
      compareSyncOrder(
        {
          syncWave: a.wave,
          kind: a.object.kind,
          name: a.object.name,
          namespace: a.object.namespace,
        },
        {
          syncWave: b.wave,
          kind: b.object.kind,
          name: b.object.name,
          namespace: b.object.namespace,
        },
      );
    const all = drifted.map(task);
    const applies = all.filter((t) => t.verb !== 'prune').sort(order);
    const prunes = all
      .filter((t) => t.verb === 'prune')
      .sort((a, b) => b.wave - a.wave || order(a, b));
    return {
      app,
      tasks: prune ? [...applies, ...prunes] : applies,
      leftBehind: prune ? [] : prunes.map((t) => t.object),
    };
  });
}

function what(o: ObjectView): string {
  if (o.drift === 'missing') return 'not in the cluster';
  if (o.drift === 'extra') return 'not in Git';
  const n = o.fields.length;
  return `${n} field${n === 1 ? '' : 's'}`;
}

function Task({ t }: { t: PlannedTask }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const { object: o } = t;
  const name = `${o.kind} ${o.name}`;
  return (
    <li className="lp-task">
      <div className="lp-task-head">
        <span className="lp-muted lp-small" title="Argo CD sync wave">
          wave {t.wave}
        </span>
        <span className={`lp-verb lp-verb-${t.verb}`}>{t.verb}</span>
        <span>
          <span className="lp-kind">{o.kind}</span> {o.name}
        </span>
        <span className="lp-muted lp-small">{what(o)}</span>
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
      {t.invalidWave !== undefined ? (
        <p className="lp-small lp-warn">
          sync-wave &quot;{t.invalidWave}&quot; is not an integer; Argo CD uses wave 0
        </p>
      ) : null}
      {open ? <FieldDiffView id={id} name={name} fields={o.fields} textDiff={o.textDiff} /> : null}
    </li>
  );
}

export interface SyncPlanProps {
  objects: readonly ObjectView[];
  applications: readonly Application[];
  prune: boolean;
}

export function SyncPlan({ objects, applications, prune }: SyncPlanProps) {
  const plans = planFromObjects(objects, prune);
  if (plans.length === 0)
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
      {plans.map((p) => {
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
            {p.tasks.length > 0 ? (
              <ol className="lp-tasks" aria-label={`Sync plan of ${p.app}`}>
                {p.tasks.map((t) => (
                  <Task key={t.object.key} t={t} />
                ))}
              </ol>
            ) : null}
            {p.leftBehind.map((o) => (
              <p key={o.key} className="lp-small lp-muted">
                left behind (prune is off): <span className="lp-kind">{o.kind}</span> {o.name}
              </p>
            ))}
          </div>
        );
      })}
    </div>
  );
}
