// The adapter from a live Sandbox to plain view data for React: a snapshot React can compare and
// render without touching the simulation. Secrets are masked here, once, for every view. Built
// incrementally (ViewAdapter): what did not change keeps its identity, so React skips it.
import type { AuditRecord, ClusterName } from '../sim/audit';
import { EPOCH_MS } from '../sim/clock';
import type { HealthStatus, KObject, PodState } from '../sim/cluster';
import type { FieldDiff } from '../sim/compare/types';
import type { Application, Notification } from '../sim/gitops/lane';
import type { LaneMetrics } from '../sim/metrics';
import type { LaneOptionsOf } from '../sim/lane';
import type { Sandbox, SandboxLanes } from '../sim/sandbox';
import type { LaneStatus } from '../sim/status';
import type { PipelineRun } from '../sim/devops/lane';
import { clusterBasis, laneStateBasis, sameBasis, type Basis } from './lane-basis';
import { objectViews } from './object-views';
import { planView, type AppPlanView } from './sync-plan-view';

export interface CommitView {
  sha: string;
  subject: string;
  message: string;
  author: string;
  /** Virtual ms since the start. */
  t: number;
  parents: string[];
  refs: string[];
}

export interface PullRequestView {
  id: number;
  title: string;
  author: string;
  head: string;
  base: string;
  state: 'open' | 'merged' | 'closed';
  approvals: readonly string[];
}

/** A Kubernetes event about an object, as describe's Events section shows it. */
export interface ObjectEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  count: number;
  /** First and last seen, virtual ms: the age is shown against the view's time. */
  firstTimestamp: number;
  lastTimestamp: number;
  /** Who said it: `kubelet`, `replicaset-controller`, `horizontal-pod-autoscaler`... */
  source: string;
  message: string;
}

export interface ObjectView {
  key: string;
  kind: string;
  name: string;
  namespace?: string;
  /** The app (folder) that declares it, when Git declares it. */
  app?: string;
  health: HealthStatus | null;
  healthMessage?: string;
  pods: { name: string; state: PodState }[];
  /** Git's manifest (Secret values masked), when Git declares the object. */
  desired?: KObject;
  /** The live object, masked; absent when Git declares it but it is missing. */
  live?: KObject;
  /** missing (declared, not live), extra (left behind), modified (fields differ), or null. */
  drift: 'missing' | 'extra' | 'modified' | null;
  fields: FieldDiff[];
  textDiff?: string;
  /** An Argo CD resource hook (its `argocd.argoproj.io/hook` value): a sync task, not compared. */
  hook?: string;
  /** Its Kubernetes events, oldest first (cluster/events.ts; not the audit trail). */
  events?: ObjectEvent[];
}

export interface LaneViewOf<N extends ClusterName> {
  name: N;
  /** The lane machine's current state and its last transition. */
  state: string;
  lastTransition: { from: string; to: string; event: string } | null;
  status: LaneStatus;
  note: string;
  objects: ObjectView[];
  counts: { objects: number; pods: number };
  /** GitOps: what a manual Sync of Git HEAD would change, per app, in the sync's own order. */
  plan: AppPlanView[];
  /** DevOps: the latest runs (newest last) and the requests waiting. */
  runs: PipelineRun[];
  queued: number;
  /** DevOps: the runs waiting for a person's approval, oldest first. */
  awaitingApproval: number[];
  /** GitOps: the Applications and the notifications feed. */
  applications: Application[];
  notifications: Notification[];
  options: LaneOptionsOf[N];
}

/** One lane's view; its `name` tells which options it has. */
export type LaneView = { [N in ClusterName]: LaneViewOf<N> }[ClusterName];

export interface SandboxView {
  t: number;
  seed: number;
  head: string;
  commits: CommitView[];
  pullRequests: PullRequestView[];
  lanes: { [N in ClusterName]: LaneViewOf<N> };
  /** Computed from the trail up to now: they move with time, apart from the lanes' views. */
  metrics: Record<ClusterName, LaneMetrics>;
  /** WARNING: the live, append-only trail (records are frozen); `auditSize` changes when it grows. */
  audit: readonly AuditRecord[];
  auditSize: number;
}

/** An Application as React sees it: a copy of the records the lane edits in place. */
function applicationView(a: Application): Application {
  return {
    ...a,
    lastAttempt: a.lastAttempt && { ...a.lastAttempt },
    operation: a.operation && { ...a.operation, results: [...a.operation.results] },
  };
}

/** The part of a lane's view that is read the same way for both lanes. */
type CommonPart = 'name' | 'status' | 'objects' | 'counts' | 'plan';

/** What each lane shows of itself, by lane (the compiler checks both are there). */
const LANE_PARTS: {
  [N in ClusterName]: (lane: SandboxLanes[N]) => Omit<LaneViewOf<N>, CommonPart>;
} = {
  devops: (lane) => {
    const run = lane.latestRun;
    return {
      state: lane.state,
      lastTransition: lane.lastTransition,
      note: run
        ? `run #${run.id} of ${run.revision.slice(0, 7)} (${run.trigger} by ${run.by}): ${run.result}`
        : 'waiting for a push',
      runs: lane.runs
        .slice(-10)
        .map((r) => ({ ...r, stages: r.stages.map((s) => ({ ...s, lines: [...s.lines] })) })),
      queued: lane.snapshot.context.queue.length,
      awaitingApproval: lane.awaitingApproval,
      applications: [],
      notifications: [],
      options: { ...lane.options },
    };
  },
  gitops: (lane) => ({
    state: lane.state,
    lastTransition: lane.lastTransition,
    note: lane.apps.map((a) => a.policy).filter(Boolean)[0] ?? 'starting',
    runs: [],
    queued: 0,
    awaitingApproval: [],
    applications: lane.apps.map(applicationView),
    notifications: lane.notifications.slice(-50).map((n) => ({ ...n })),
    options: { ...lane.options },
  }),
};

function laneParts<N extends ClusterName>(
  sandbox: Sandbox,
  name: N,
): Omit<LaneViewOf<N>, CommonPart> {
  return LANE_PARTS[name](sandbox.lanes[name]);
}

interface Kept<T> {
  basis: Basis;
  value: T;
}

/** `make()`, or the value kept from the last call while `basis` is unchanged. */
function reuse<T>(kept: Kept<T> | undefined, basis: Basis, make: () => T): Kept<T> {
  return kept && sameBasis(kept.basis, basis) ? kept : { basis, value: make() };
}

interface KeptLane {
  objects?: Kept<{ objects: ObjectView[]; pods: number }>;
  plan?: Kept<Promise<AppPlanView[]>>;
  view?: Kept<LaneView>;
}

/**
 * Builds views of one sandbox, incrementally: a lane's view is the same object while its cluster
 * (version), the observer's observation and the lane's state are unchanged (lane-basis.ts), and
 * its objects and sync plan are kept while their own inputs are. React then skips what did not
 * change. One adapter per sandbox.
 */
export class ViewAdapter {
  private readonly lanes: Record<ClusterName, KeptLane> = { devops: {}, gitops: {} };

  constructor(readonly sandbox: Sandbox) {}

  private async lane<N extends ClusterName>(name: N): Promise<LaneViewOf<N>> {
    const { sandbox } = this;
    const kept = this.lanes[name];
    // Taken first: a build that awaits sees newer data than its basis, never older.
    const cluster = clusterBasis(sandbox, name);
    const state = laneStateBasis(sandbox, name);
    const basis = [...cluster, ...state];
    if (kept.view && sameBasis(kept.view.basis, basis)) return kept.view.value as LaneViewOf<N>;
    kept.objects = reuse(kept.objects, cluster, () => ({
      objects: objectViews(sandbox, name),
      pods: sandbox.clusters[name].list({ kind: 'Pod' }).length,
    }));
    // The plan reads the tracked objects, Git HEAD (the observation's) and four options.
    const { prune, allowEmpty, flavour, ignoreDifferences } = sandbox.gitops.options;
    kept.plan =
      name === 'gitops'
        ? reuse(kept.plan, [...cluster, prune, allowEmpty, flavour, ignoreDifferences], async () =>
            (await sandbox.gitops.preview()).map((p) => planView(p, prune)),
          )
        : { basis: [], value: Promise.resolve([]) };
    const planned = kept.plan;
    // A plan that failed is not kept: the next view asks again.
    planned.value.catch(() => {
      if (kept.plan === planned) kept.plan = undefined;
    });
    const { objects, pods } = kept.objects.value;
    const view: LaneViewOf<N> = {
      name,
      status: sandbox.status(name),
      objects,
      counts: { objects: objects.length, pods },
      plan: await planned.value,
      ...laneParts(sandbox, name),
    };
    // A lane's own record: LaneViewOf<N> for this N (TypeScript cannot narrow N to one lane).
    kept.view = { basis, value: view as LaneView };
    return view;
  }

  async build(): Promise<SandboxView> {
    const { sandbox } = this;
    const [commits, branches, tags, head] = await Promise.all([
      sandbox.repo.allCommits(),
      sandbox.repo.listBranches(),
      sandbox.repo.listTags(),
      sandbox.repo.resolve('HEAD'),
    ]);
    const refs = new Map<string, string[]>();
    for (const b of branches) refs.set(b.sha, [...(refs.get(b.sha) ?? []), b.name]);
    for (const t of tags) refs.set(t.sha, [...(refs.get(t.sha) ?? []), `tag: ${t.name}`]);
    return {
      t: sandbox.now(),
      seed: sandbox.seed,
      head,
      commits: commits.map((c) => ({
        sha: c.sha,
        subject: c.subject,
        message: c.message,
        author: c.author.name,
        t: c.timestamp - EPOCH_MS,
        parents: c.parents,
        refs: refs.get(c.sha) ?? [],
      })),
      pullRequests: sandbox.repo.pullRequests().map((p) => ({
        id: p.id,
        title: p.title,
        author: p.author,
        head: p.head,
        base: p.base,
        state: p.state,
        approvals: p.approvals,
      })),
      lanes: { devops: await this.lane('devops'), gitops: await this.lane('gitops') },
      metrics: { devops: sandbox.metrics('devops'), gitops: sandbox.metrics('gitops') },
      audit: sandbox.audit.records(),
      auditSize: sandbox.audit.size,
    };
  }
}

/** One view of `sandbox`, built from scratch. */
export function buildView(sandbox: Sandbox): Promise<SandboxView> {
  return new ViewAdapter(sandbox).build();
}
