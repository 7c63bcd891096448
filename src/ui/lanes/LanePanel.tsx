// One lane, whole: its state machine, its status, what a person can do to it, its cluster, and
// what it says about itself (the pipeline's run log; the Application's sync plan, operation,
// history and notifications). Mount two side by side: <LanePanel lane="devops" /> and "gitops".
import { formatDuration } from '../../sim/clock';
import { useApp } from '../../store/hooks';
import type { LaneView } from '../../store/view';
import { lazy, memo, Suspense, useMemo } from 'react';
import { LastOperation } from './AppActivity';
import { AppConditions } from './AppConditions';
import { ClusterObjects } from './ClusterObjects';
import { LaneActions } from './LaneActions';
import { LaneOptions } from './LaneOptions';
import { LANE_TITLES, type Lane } from './lane-types';
import './lanes.css';
import { MachineView } from './MachineView';
import { Notifications } from './Notifications';
import { useChangedObjects } from '../lessons/use-happenings';
import { RunLog } from './RunLog';
import { Section } from './Section';
import { StatusRow } from './StatusRow';
import { planChanges, SyncPlan } from './SyncPlan';
import { useLaneRun, type Outcome } from './use-lane-run';

// The History section starts collapsed: its table is loaded when it is opened.
const SyncHistory = lazy(() => import('./SyncHistory'));

const SUBTITLES: Record<Lane, string> = {
  devops: 'push: a CI pipeline runs kubectl apply with its own cluster credentials',
  gitops: 'pull: a reconciler in the cluster polls Git, diffs and syncs',
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function OutcomeLine({ outcome }: { outcome: Outcome | null }) {
  return (
    <div role="status" className="lp-outcome-slot">
      {outcome ? (
        <pre className={outcome.ok ? 'lp-outcome' : 'lp-outcome lp-outcome-bad'}>
          <span className="visually-hidden">{outcome.ok ? 'Done: ' : 'Refused: '}</span>
          {outcome.text}
        </pre>
      ) : null}
    </div>
  );
}

function simplification(view: LaneView): string {
  if (view.name === 'devops') {
    const { checkout, build, test, deploy } = view.options.stages;
    const stages = Object.entries({ checkout, build, test, deploy })
      .map(([k, v]) => `${k} ${formatDuration(v)}`)
      .join(', ');
    return `Nothing watches the cluster between runs: drift stays until a deploy overwrites the fields it sets. Stages take fixed virtual times (${stages}).`;
  }
  const { flavour, pollInterval, webhook } = view.options;
  const poll = formatDuration(pollInterval);
  return flavour === 'flux'
    ? `Flux fetches Git every ${poll} and corrects drift only at its next apply interval; Argo CD notices live changes through its watch.`
    : `Argo CD notices live changes through its watch; Flux only at its next apply interval. Git is polled every ${poll} plus jitter${webhook ? ', and a webhook wakes it on a push' : ' (no webhook)'}.`;
}

/** The lane's objects, marked when the last step touched them (read here: it moves with the trail). */
function LaneObjects({
  lane,
  objects,
  apps,
}: {
  lane: Lane;
  objects: LaneView['objects'];
  apps: LaneView['status']['apps'];
}) {
  const changed = useChangedObjects(lane);
  // The same set while its keys are: the table then re-renders only for a new lane view.
  const keys = [...changed].sort().join('\0');
  const stable = useMemo(() => new Set(keys ? keys.split('\0') : []), [keys]);
  return <ClusterObjects lane={lane} objects={objects} apps={apps} changed={stable} />;
}

/** Virtual time now, read where it is shown: it moves with every view. */
const useNow = () => useApp((s) => s.view?.t ?? 0);

function PipelineLog({ view }: { view: LaneView }) {
  const now = useNow();
  return <RunLog runs={view.runs} queued={view.queued} now={now} />;
}

function GitopsParts({ view }: { view: LaneView }) {
  const now = useNow();
  const apps = view.applications;
  const several = apps.length > 1;
  const changes = planChanges(view.plan);
  return (
    <>
      <Section
        title="Sync plan"
        remember="gitops.sync-plan"
        meta={changes === 0 ? 'nothing to sync' : plural(changes, 'change', 'changes')}
      >
        <SyncPlan plans={view.plan} applications={apps} />
      </Section>
      <Section
        title="Last operation"
        remember="gitops.last-operation"
        meta={several ? `${apps.length} apps` : apps[0]?.operation?.phase}
      >
        {apps.map((a) => (
          <div key={a.spec.name}>
            {several ? <h4 className="lp-h4 lp-mono">{a.spec.name}</h4> : null}
            <AppConditions app={a} />
            <LastOperation app={a} now={now} />
          </div>
        ))}
      </Section>
      <Section
        title="History"
        remember="gitops.history"
        defaultOpen={false}
        meta={several ? undefined : plural(apps[0]?.history.length ?? 0, 'entry', 'entries')}
      >
        {apps.map((a) => (
          <div key={a.spec.name}>
            {several ? <h4 className="lp-h4 lp-mono">{a.spec.name}</h4> : null}
            <Suspense fallback={null}>
              <SyncHistory app={a} />
            </Suspense>
          </div>
        ))}
      </Section>
      <Section
        title="Notifications"
        remember="gitops.notifications"
        meta={`${view.notifications.length}`}
      >
        <Notifications items={view.notifications} />
      </Section>
    </>
  );
}

/**
 * Memoized, and it reads only its own lane's view: it renders again when that view is a new one
 * (the view adapter keeps it while nothing in the lane changed), not at every view.
 */
export const LanePanel = memo(function LanePanel({ lane }: { lane: Lane }) {
  const view = useApp((s) => s.view?.lanes[lane] ?? null);
  const { run, outcome } = useLaneRun();
  const title = LANE_TITLES[lane];
  return (
    <section className={`lp-panel lp-${lane}`} aria-label={title}>
      {/* At a glance: stays in view (sticky) while the deeper parts below scroll. */}
      <div className="lp-glance">
        <header className="lp-head">
          <h2>{title}</h2>
          <span className="lp-muted lp-small">{SUBTITLES[lane]}</span>
        </header>
        {view ? (
          <>
            <StatusRow
              lane={lane}
              status={view.status}
              {...(lane === 'gitops'
                ? { onSyncApp: (app: string) => run({ sync: { lane: 'gitops', by: 'you', app } }) }
                : {})}
            />
            {view.note ? <p className="lp-note">{view.note}</p> : null}
          </>
        ) : null}
      </div>
      {!view ? (
        <p className="lp-muted lp-empty">The sandbox is starting…</p>
      ) : (
        <>
          <MachineView lane={lane} state={view.state} lastTransition={view.lastTransition} />
          <LaneActions view={view} run={run} />
          <LaneOptions view={view} run={run} />
          <p className="lp-muted lp-small lp-explain">{simplification(view)}</p>
          <OutcomeLine outcome={outcome} />
          <Section
            title="Cluster"
            remember={`${lane}.cluster`}
            meta={`${plural(view.counts.objects, 'object', 'objects')} · ${plural(view.counts.pods, 'pod', 'pods')}`}
          >
            <LaneObjects lane={lane} objects={view.objects} apps={view.status.apps} />
          </Section>
          {lane === 'gitops' ? (
            <GitopsParts view={view} />
          ) : (
            <Section
              title="Run log"
              remember="devops.run-log"
              meta={
                view.queued > 0
                  ? `${view.queued} queued`
                  : view.runs.at(-1)
                    ? `run #${view.runs.at(-1)!.id}`
                    : undefined
              }
            >
              <PipelineLog view={view} />
            </Section>
          )}
        </>
      )}
    </section>
  );
});
