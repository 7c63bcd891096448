// What a lane's view is made from, as flat lists of identities and values that are cheap to take
// and to compare: the cluster (its version changes with every write), the observer's observation
// (a new object after every check that ran) and the lane's state. The view adapter reuses a part
// of a lane's view while the list it was made from is equal, element by element.
//
// WARNING: the lanes keep their records as mutable objects and edit them in place (an
// Application's status fields, its operation's results, a run's stage log). The lane's state is
// therefore read field by field: every own field of each record, one level down, and the length
// of each list that grows by push. A record nested deeper that is edited in place must be named
// here, or its edits would not show until something else changed.
import type { ClusterName } from '../sim/audit';
import type { Sandbox } from '../sim/sandbox';

export type Basis = readonly unknown[];

export function sameBasis(a: Basis | undefined, b: Basis): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** The own fields of `record`, preceded by their count (a field added or removed is a change). */
function fields(record: object | null | undefined): unknown[] {
  if (!record) return [record];
  const values: unknown[] = Object.values(record);
  return [values.length, ...values];
}

/** The cluster as the objects table shows it, and the observer's diff of it against Git HEAD. */
export function clusterBasis(sandbox: Sandbox, lane: ClusterName): Basis {
  const cluster = sandbox.clusters[lane];
  return [cluster, cluster.version, cluster.events.version, sandbox.observer.observation(lane)];
}

function gitopsState(sandbox: Sandbox): unknown[] {
  const lane = sandbox.gitops;
  const out: unknown[] = [lane.snapshot, ...fields(lane.options), lane.notifications.length];
  for (const app of lane.apps) {
    out.push(...fields(app), ...fields(app.lastAttempt), ...fields(app.operation));
    if (app.operation) out.push(app.operation.results.length);
  }
  return out;
}

function devopsState(sandbox: Sandbox): unknown[] {
  const lane = sandbox.devops;
  const out: unknown[] = [lane.snapshot, ...fields(lane.options), lane.runs.length];
  // Only runs in progress are still written to (a run's log closes when it finishes); several
  // at once with the parallel model, which also has several pipelines waiting for approval.
  out.push(lane.running, lane.awaitingApproval.join());
  const latest = lane.latestRun;
  for (const run of lane.runs.slice(-10)) {
    if (run !== latest && run.result !== 'running') continue;
    out.push(...fields(run));
    for (const stage of run.stages) out.push(...fields(stage), stage.lines.length);
  }
  return out;
}

/** The lane's own state: its machine's snapshot, its options and the records it keeps. */
export function laneStateBasis(sandbox: Sandbox, lane: ClusterName): Basis {
  return lane === 'gitops' ? gitopsState(sandbox) : devopsState(sandbox);
}
