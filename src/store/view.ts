// The adapter from a live Sandbox to plain view data for React: a snapshot React can compare and
// render without touching the simulation. Secrets are masked here, once, for every view.
import type { AuditRecord, ClusterName } from '../sim/audit';
import { EPOCH_MS } from '../sim/clock';
import {
  healthOf,
  maskObject,
  podState,
  refKey,
  refOf,
  type HealthStatus,
  type KObject,
  type PodState,
} from '../sim/cluster';
import type { FieldDiff } from '../sim/compare/types';
import type { Application, Notification } from '../sim/gitops/lane';
import type { LaneMetrics } from '../sim/metrics';
import type { Sandbox } from '../sim/sandbox';
import type { LaneStatus } from '../sim/status';
import type { PipelineRun } from '../sim/devops/lane';

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
}

export interface LaneView {
  name: ClusterName;
  /** The lane machine's current state and its last transition. */
  state: string;
  lastTransition: { from: string; to: string; event: string } | null;
  status: LaneStatus;
  note: string;
  objects: ObjectView[];
  metrics: LaneMetrics;
  counts: { objects: number; pods: number };
  /** DevOps: the latest runs (newest last) and the requests waiting. */
  runs: PipelineRun[];
  queued: number;
  /** GitOps: the Applications and the notifications feed. */
  applications: Application[];
  notifications: Notification[];
  options: Record<string, unknown>;
}

export interface SandboxView {
  t: number;
  seed: number;
  head: string;
  commits: CommitView[];
  pullRequests: PullRequestView[];
  lanes: Record<ClusterName, LaneView>;
  /** WARNING: the live, append-only trail (records are frozen); `auditSize` changes when it grows. */
  audit: readonly AuditRecord[];
  auditSize: number;
}

const NESTED = new Set(['Pod', 'ReplicaSet']);

function objectViews(sandbox: Sandbox, lane: ClusterName): ObjectView[] {
  const cluster = sandbox.clusters[lane];
  const observed = sandbox.observer.observation(lane);
  const diffs = new Map<
    string,
    { app: string; r: NonNullable<typeof observed>['apps'][string]['resources'][number] }
  >();
  for (const [app, view] of Object.entries(observed?.apps ?? {}))
    for (const r of view.resources) diffs.set(r.key, { app, r });
  const all = cluster.list();
  const pods = all.filter((o) => o.kind === 'Pod');
  const replicaSets = all.filter((o) => o.kind === 'ReplicaSet');
  const podsOf = (obj: KObject) => {
    if (obj.kind !== 'Deployment') return [];
    const owned = new Set(
      replicaSets
        .filter((rs) => rs.metadata.ownerReferences?.some((r) => r.uid === obj.metadata.uid))
        .map((rs) => rs.metadata.uid),
    );
    return pods
      .filter((p) => p.metadata.ownerReferences?.some((r) => owned.has(r.uid)))
      .map((p) => ({ name: p.metadata.name, state: podState(p) }));
  };
  const out: ObjectView[] = [];
  const seen = new Set<string>();
  for (const obj of all) {
    if (NESTED.has(obj.kind) || (obj.kind === 'Namespace' && obj.metadata.name === 'default'))
      continue;
    const key = refKey(refOf(obj));
    seen.add(key);
    const d = diffs.get(key);
    const health = healthOf(obj);
    out.push({
      key,
      kind: obj.kind,
      name: obj.metadata.name,
      ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
      ...(d ? { app: d.app } : {}),
      health: health?.status ?? null,
      ...(health?.message ? { healthMessage: health.message } : {}),
      pods: podsOf(obj),
      ...(d?.r.desired ? { desired: maskObject(d.r.desired) } : {}),
      live: maskObject(obj),
      drift: d && d.r.status === 'OutOfSync' ? d.r.reason : null,
      fields: d?.r.fields ?? [],
      ...(d?.r.textDiff && d.r.status === 'OutOfSync' ? { textDiff: d.r.textDiff } : {}),
    });
  }
  // Declared in Git but not live: shown as Missing.
  for (const [key, { app, r }] of diffs) {
    if (seen.has(key) || !r.desired) continue;
    out.push({
      key,
      kind: r.kind,
      name: r.name,
      ...(r.namespace ? { namespace: r.namespace } : {}),
      app,
      health: 'Missing',
      pods: [],
      desired: maskObject(r.desired),
      drift: 'missing',
      fields: r.fields,
      ...(r.textDiff ? { textDiff: r.textDiff } : {}),
    });
  }
  return out;
}

function laneView(sandbox: Sandbox, name: ClusterName): LaneView {
  const objects = objectViews(sandbox, name);
  const base = {
    name,
    status: sandbox.status(name),
    objects,
    metrics: sandbox.metrics(name),
    counts: { objects: objects.length, pods: sandbox.clusters[name].list({ kind: 'Pod' }).length },
  };
  if (name === 'devops') {
    const lane = sandbox.devops;
    const run = lane.latestRun;
    return {
      ...base,
      state: lane.state,
      lastTransition: lane.lastTransition,
      note: run
        ? `run #${run.id} of ${run.revision.slice(0, 7)} (${run.trigger} by ${run.by}): ${run.result}`
        : 'waiting for a push',
      runs: lane.runs
        .slice(-10)
        .map((r) => ({ ...r, stages: r.stages.map((s) => ({ ...s, lines: [...s.lines] })) })),
      queued: lane.snapshot.context.queue.length,
      applications: [],
      notifications: [],
      options: { ...lane.options },
    };
  }
  const lane = sandbox.gitops;
  return {
    ...base,
    state: lane.state,
    lastTransition: lane.lastTransition,
    note: lane.apps.map((a) => a.policy).filter(Boolean)[0] ?? 'starting',
    runs: [],
    queued: 0,
    applications: lane.apps.map((a) => structuredClone(a)),
    notifications: lane.notifications.slice(-50).map((n) => ({ ...n })),
    options: { ...lane.options },
  };
}

export async function buildView(sandbox: Sandbox): Promise<SandboxView> {
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
    lanes: { devops: laneView(sandbox, 'devops'), gitops: laneView(sandbox, 'gitops') },
    audit: sandbox.audit.records(),
    auditSize: sandbox.audit.size,
  };
}
