// The adapter from a live Sandbox to plain view data for React: a snapshot that React can compare
// and render without touching the simulation. Secrets are masked here, once, for every view.
import type { ClusterName } from '../sim/audit';
import {
  healthOf,
  maskObject,
  podState,
  refKey,
  refOf,
  worstHealth,
  type HealthStatus,
  type KObject,
  type PodState,
} from '../sim/cluster';
import type { Sandbox } from '../sim/sandbox';

export interface CommitView {
  sha: string;
  subject: string;
  author: string;
  t: number;
  parents: string[];
  refs: string[];
}

export interface ObjectView {
  key: string;
  kind: string;
  name: string;
  namespace?: string;
  health: HealthStatus | null;
  healthMessage?: string;
  pods: { name: string; state: PodState }[];
  object: KObject;
}

export interface LaneView {
  /** The lane's machine state: the pipeline's stage, or the reconciler's step. */
  state: string;
  inSyncWithGit: boolean | null;
  health: HealthStatus | null;
  /** GitOps only: the Application's sync status. */
  sync: 'Synced' | 'OutOfSync' | 'Unknown' | null;
  /** One line on what the lane is doing or why it is not acting. */
  note: string;
  /** DevOps: the latest run's log, stage by stage. GitOps: the latest operation's results. */
  log: { title: string; ok: boolean | null; lines: string[] }[];
}

export interface ClusterView {
  name: ClusterName;
  lane: LaneView;
  objects: ObjectView[];
  /** Objects a person deployed or owns (Pods and ReplicaSets are shown inside their Deployment). */
  counts: { objects: number; pods: number };
}

export interface SandboxView {
  t: number;
  seed: number;
  commits: CommitView[];
  clusters: Record<ClusterName, ClusterView>;
  auditSize: number;
}

const NESTED = new Set(['Pod', 'ReplicaSet']);

function clusterView(sandbox: Sandbox, name: ClusterName): ClusterView {
  const cluster = sandbox.clusters[name];
  const all = cluster.list();
  const pods = all.filter((o) => o.kind === 'Pod');
  const replicaSets = all.filter((o) => o.kind === 'ReplicaSet');
  const objects = all
    .filter(
      (o) => !NESTED.has(o.kind) && !(o.kind === 'Namespace' && o.metadata.name === 'default'),
    )
    .map((obj): ObjectView => {
      const health = healthOf(obj);
      const owned =
        obj.kind === 'Deployment'
          ? new Set(
              replicaSets
                .filter((rs) =>
                  rs.metadata.ownerReferences?.some((r) => r.uid === obj.metadata.uid),
                )
                .map((rs) => rs.metadata.uid),
            )
          : new Set<string | undefined>();
      return {
        key: refKey(refOf(obj)),
        kind: obj.kind,
        name: obj.metadata.name,
        ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
        health: health?.status ?? null,
        ...(health?.message ? { healthMessage: health.message } : {}),
        pods: pods
          .filter((p) => p.metadata.ownerReferences?.some((r) => owned.has(r.uid)))
          .map((p) => ({ name: p.metadata.name, state: podState(p) })),
        object: maskObject(obj),
      };
    });
  return {
    name,
    lane: laneView(sandbox, name),
    objects,
    counts: { objects: objects.length, pods: pods.length },
  };
}

function laneView(sandbox: Sandbox, name: ClusterName): LaneView {
  const observed = sandbox.observer.observation(name);
  const health = observed ? worstHealth(Object.values(observed.apps).map((a) => a.health)) : null;
  if (name === 'devops') {
    const run = sandbox.devops.latestRun;
    return {
      state: sandbox.devops.state,
      inSyncWithGit: observed?.inSyncWithGit ?? null,
      health,
      sync: null,
      note: run
        ? `run #${run.id} of ${run.revision.slice(0, 7)}: ${run.result}`
        : 'waiting for a push',
      log: (run?.stages ?? []).map((s) => ({ title: s.stage, ok: s.ok ?? null, lines: s.lines })),
    };
  }
  const app = sandbox.gitops.apps[0]!;
  const op = app.operation;
  return {
    state: sandbox.gitops.state,
    inSyncWithGit: observed?.inSyncWithGit ?? null,
    health,
    sync: app.sync,
    note: app.policy || 'starting',
    log: op
      ? [
          {
            title: `${op.kind} sync to ${op.revision.slice(0, 7)}: ${op.phase}`,
            ok: op.phase === 'Succeeded' ? true : op.phase === 'Running' ? null : false,
            lines: [
              ...op.results.map((r) => r.message),
              ...(op.phase === 'Failed' ? [op.message] : []),
            ],
          },
        ]
      : [],
  };
}

export async function buildView(sandbox: Sandbox): Promise<SandboxView> {
  const [commits, branches, tags] = await Promise.all([
    sandbox.repo.allCommits(),
    sandbox.repo.listBranches(),
    sandbox.repo.listTags(),
  ]);
  const refs = new Map<string, string[]>();
  for (const b of branches) refs.set(b.sha, [...(refs.get(b.sha) ?? []), b.name]);
  for (const t of tags) refs.set(t.sha, [...(refs.get(t.sha) ?? []), `tag: ${t.name}`]);
  return {
    t: sandbox.now(),
    seed: sandbox.seed,
    commits: commits.map((c) => ({
      sha: c.sha,
      subject: c.subject,
      author: c.author.name,
      t: c.timestamp,
      parents: c.parents,
      refs: refs.get(c.sha) ?? [],
    })),
    clusters: { devops: clusterView(sandbox, 'devops'), gitops: clusterView(sandbox, 'gitops') },
    auditSize: sandbox.audit.size,
  };
}
