// The Deployment controller: one ReplicaSet per pod template (named by its pod-template-hash), a
// rolling update bounded by maxSurge / maxUnavailable (or Recreate), revision numbers that
// `rollout undo` and `rollout history` read, old ReplicaSets pruned to revisionHistoryLimit, and
// status + conditions from which health is computed. It records the ScalingReplicaSet events
// `kubectl describe deployment` shows. minReadySeconds is copied to the ReplicaSets, which count a
// Pod available once it has been Ready that long (replicaset.ts).
import type {
  DeploymentSpec,
  DeploymentStatus,
  ReplicaSetSpec,
  ReplicaSetStatus,
} from 'kubernetes-types/apps/v1';
import { getOrCreate } from '../../get-or-create';
import type { Cluster } from '../cluster';
import { refOf, type KObject, type ObjectRef } from '../object';
import { controllerContext } from './context';
import { templateHash } from './names';
import type { RolloutClock } from './rollout-clock';

const CTX = controllerContext('deployment-controller');
export const REVISION = 'deployment.kubernetes.io/revision';
export const CHANGE_CAUSE = 'kubernetes.io/change-cause';

/** A stored Deployment's spec: the API server has defaulted these fields (defaults.ts). */
type StoredDeploymentSpec = DeploymentSpec &
  Required<
    Pick<
      DeploymentSpec,
      'replicas' | 'revisionHistoryLimit' | 'progressDeadlineSeconds' | 'strategy'
    >
  >;

/** The Pod counts of a ReplicaSet's status that a rollout reads (0 before its first status). */
type RsCounts = Required<
  Pick<ReplicaSetStatus, 'replicas' | 'readyReplicas' | 'availableReplicas'>
>;

/** `25%` of `total`, rounded up for surge and down for unavailability, as Kubernetes does. */
function resolve(value: string | number | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  const pct = Number(value.replace('%', '')) / 100;
  return roundUp ? Math.ceil(total * pct) : Math.floor(total * pct);
}

export function revisionOf(rs: KObject): number {
  return Number(rs.metadata.annotations?.[REVISION] ?? 0);
}

// The last list asked for, per cluster: a sync asks up to four times, mostly with nothing
// written in between (a list depends on the stored objects only, and a write moves the version).
const lastOwned = new WeakMap<
  Cluster,
  { version: number; uid: string | undefined; sets: readonly KObject[] }
>();

/** The ReplicaSets a Deployment controls, oldest revision first. */
export function ownedReplicaSets(cluster: Cluster, deploy: KObject): readonly KObject[] {
  const { namespace, uid } = deploy.metadata;
  const last = lastOwned.get(cluster);
  if (last?.version === cluster.version && last.uid === uid) return last.sets;
  const sets = cluster
    .list({ kind: 'ReplicaSet', namespace, owner: uid })
    .sort((a, b) => revisionOf(a) - revisionOf(b));
  lastOwned.set(cluster, { version: cluster.version, uid, sets });
  return sets;
}

function replicasOf(rs: KObject): number {
  return (rs.spec as ReplicaSetSpec).replicas ?? 0;
}

function statusOf(rs: KObject): RsCounts {
  const s = (rs.status ?? {}) as Partial<ReplicaSetStatus>;
  return {
    replicas: s.replicas ?? 0,
    readyReplicas: s.readyReplicas ?? 0,
    availableReplicas: s.availableReplicas ?? 0,
  };
}

function scale(cluster: Cluster, deploy: KObject, rs: KObject, replicas: number): void {
  const from = replicasOf(rs);
  if (from === replicas) return;
  cluster.update(refOf(rs), CTX, (d) => {
    (d.spec as ReplicaSetSpec).replicas = replicas;
  });
  // pkg/controller/deployment/sync.go scaleReplicaSet: "Scaled %s replica set %s to %d from %d"
  const way = replicas > from ? 'up' : 'down';
  cluster.events.record(
    deploy,
    'Normal',
    'ScalingReplicaSet',
    `Scaled ${way} replica set ${rs.metadata.name} to ${replicas} from ${from}`,
    'deployment-controller',
  );
}

function createReplicaSet(
  cluster: Cluster,
  deploy: KObject,
  spec: StoredDeploymentSpec,
  hash: string,
  revision: number,
): KObject {
  const name = `${deploy.metadata.name}-${hash}`;
  const labels = { ...(spec.template.metadata?.labels ?? {}), 'pod-template-hash': hash };
  const cause = deploy.metadata.annotations?.[CHANGE_CAUSE];
  const ref: ObjectRef = cluster.create(
    {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name,
        namespace: deploy.metadata.namespace!,
        labels,
        annotations: { [REVISION]: String(revision), ...(cause ? { [CHANGE_CAUSE]: cause } : {}) },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: deploy.metadata.name,
            uid: deploy.metadata.uid!,
            controller: true,
          },
        ],
      },
      spec: {
        replicas: 0,
        ...(spec.minReadySeconds ? { minReadySeconds: spec.minReadySeconds } : {}),
        selector: {
          matchLabels: { ...(spec.selector.matchLabels ?? {}), 'pod-template-hash': hash },
        },
        template: { ...spec.template, metadata: { ...(spec.template.metadata ?? {}), labels } },
      },
    },
    CTX,
  );
  return cluster.get(ref)!;
}

// The pod-template-hash of each template the controller has seen: it sees stored Deployments only,
// and a stored object is never edited (a write stores a new one), so a template keeps its hash.
const hashes = new WeakMap<object, string>();

function hashOf(template: DeploymentSpec['template']): string {
  if (typeof template !== 'object' || template === null) return templateHash(template);
  return getOrCreate(hashes, template, templateHash);
}

export function syncDeployment(cluster: Cluster, deploy: KObject, rollouts: RolloutClock): void {
  const spec = deploy.spec as StoredDeploymentSpec;
  const hash = hashOf(spec.template);
  let sets = ownedReplicaSets(cluster, deploy);
  const maxRevision = sets.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
  let current = sets.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);

  if (spec.paused) {
    writeStatus(cluster, deploy, sets, current, false, 'DeploymentPaused');
    return;
  }
  if (!current) {
    current = createReplicaSet(cluster, deploy, spec, hash, maxRevision + 1);
  } else if (revisionOf(current) < maxRevision) {
    // A rollback to an older template reuses its ReplicaSet and gives it the next revision.
    cluster.update(refOf(current), CTX, (d) => {
      d.metadata.annotations = { ...d.metadata.annotations, [REVISION]: String(maxRevision + 1) };
    });
    current = cluster.get(refOf(current))!;
  }
  if (((current.spec as ReplicaSetSpec).minReadySeconds ?? 0) !== (spec.minReadySeconds ?? 0)) {
    // The ReplicaSet counts availability: it follows the Deployment's minReadySeconds.
    cluster.update(refOf(current), CTX, (d) => {
      (d.spec as ReplicaSetSpec).minReadySeconds = spec.minReadySeconds ?? 0;
    });
  }
  sets = ownedReplicaSets(cluster, deploy);
  const newRs = sets.find((rs) => rs.metadata.uid === current.metadata.uid)!;
  const old = sets.filter((rs) => rs !== newRs);
  const desired = spec.replicas;

  if (spec.strategy.type === 'Recreate') {
    for (const rs of old) scale(cluster, deploy, rs, 0);
    const oldPods = old.reduce((n, rs) => n + statusOf(rs).replicas, 0);
    if (oldPods === 0) scale(cluster, deploy, newRs, desired);
  } else {
    let surge = resolve(spec.strategy.rollingUpdate?.maxSurge, desired, true);
    const unavailable = resolve(spec.strategy.rollingUpdate?.maxUnavailable, desired, false);
    if (surge === 0 && unavailable === 0) surge = 1;
    const oldReplicas = old.reduce((n, rs) => n + replicasOf(rs), 0);
    if (oldReplicas === 0) {
      scale(cluster, deploy, newRs, desired);
    } else {
      const room = desired + surge - (oldReplicas + replicasOf(newRs));
      if (room > 0) scale(cluster, deploy, newRs, Math.min(desired, replicasOf(newRs) + room));
      const available = sets.reduce((n, rs) => n + statusOf(rs).availableReplicas, 0);
      let removable = available - (desired - unavailable);
      // Old Pods that are not available can go at once: they serve nothing.
      for (const rs of old) {
        const st = statusOf(cluster.get(refOf(rs)) ?? rs);
        const broken = Math.max(0, replicasOf(rs) - st.availableReplicas);
        const cut = Math.min(replicasOf(rs), broken + Math.max(0, removable));
        if (cut > 0) {
          scale(cluster, deploy, rs, replicasOf(rs) - cut);
          removable -= Math.max(0, cut - broken);
        }
      }
    }
  }

  const fresh = ownedReplicaSets(cluster, deploy);
  const newStatus = statusOf(fresh.find((rs) => rs.metadata.uid === newRs.metadata.uid)!);
  const oldLeft = fresh
    .filter((rs) => rs.metadata.uid !== newRs.metadata.uid)
    .reduce((n, rs) => n + statusOf(rs).replicas + replicasOf(rs), 0);
  const complete =
    newStatus.availableReplicas >= desired && newStatus.replicas === desired && oldLeft === 0;
  const oldReplicas = fresh
    .filter((rs) => rs.metadata.uid !== newRs.metadata.uid)
    .reduce((n, rs) => n + statusOf(rs).replicas, 0);
  const exceeded = rollouts.track(deploy, hash, complete, spec.progressDeadlineSeconds * 1000, {
    updated: newStatus.replicas,
    ready: fresh.reduce((n, rs) => n + statusOf(rs).readyReplicas, 0),
    available: fresh.reduce((n, rs) => n + statusOf(rs).availableReplicas, 0),
    old: oldReplicas,
  });
  pruneHistory(cluster, fresh, newRs, spec.revisionHistoryLimit);
  writeStatus(
    cluster,
    deploy,
    ownedReplicaSets(cluster, deploy),
    newRs,
    complete,
    exceeded ? 'ProgressDeadlineExceeded' : null,
  );
}

function pruneHistory(
  cluster: Cluster,
  sets: readonly KObject[],
  current: KObject,
  limit: number,
): void {
  const idle = sets.filter(
    (rs) =>
      rs.metadata.uid !== current.metadata.uid &&
      replicasOf(rs) === 0 &&
      statusOf(rs).replicas === 0,
  );
  for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) cluster.delete(refOf(rs), CTX);
}

function writeStatus(
  cluster: Cluster,
  deploy: KObject,
  sets: readonly KObject[],
  current: KObject | undefined,
  complete: boolean,
  problem: string | null,
): void {
  const spec = deploy.spec as StoredDeploymentSpec;
  const sum = (f: (s: RsCounts) => number) => sets.reduce((n, rs) => n + f(statusOf(rs)), 0);
  const updated = current
    ? statusOf(sets.find((rs) => rs.metadata.uid === current.metadata.uid) ?? current).replicas
    : 0;
  const available = sum((s) => s.availableReplicas);
  const unavailableBudget =
    spec.strategy.type === 'RollingUpdate'
      ? resolve(spec.strategy.rollingUpdate?.maxUnavailable, spec.replicas, false)
      : 0;
  const rsName = current?.metadata.name ?? deploy.metadata.name;
  const progressing =
    problem === 'ProgressDeadlineExceeded'
      ? {
          type: 'Progressing',
          status: 'False',
          reason: 'ProgressDeadlineExceeded',
          message: `ReplicaSet "${rsName}" has timed out progressing.`,
        }
      : problem === 'DeploymentPaused'
        ? {
            type: 'Progressing',
            status: 'Unknown',
            reason: 'DeploymentPaused',
            message: 'Deployment is paused',
          }
        : complete
          ? {
              type: 'Progressing',
              status: 'True',
              reason: 'NewReplicaSetAvailable',
              message: `ReplicaSet "${rsName}" has successfully progressed.`,
            }
          : {
              type: 'Progressing',
              status: 'True',
              reason: 'ReplicaSetUpdated',
              message: `ReplicaSet "${rsName}" is progressing.`,
            };
  const status = {
    observedGeneration: deploy.metadata.generation,
    replicas: sum((s) => s.replicas),
    updatedReplicas: updated,
    readyReplicas: sum((s) => s.readyReplicas),
    availableReplicas: available,
    // pkg/controller/deployment/sync.go calculateStatus: the sum of every ReplicaSet's
    // spec.replicas (surge included) minus the available Pods, never below 0.
    unavailableReplicas: Math.max(0, sets.reduce((n, rs) => n + replicasOf(rs), 0) - available),
    conditions: [
      available >= spec.replicas - unavailableBudget
        ? {
            type: 'Available',
            status: 'True',
            reason: 'MinimumReplicasAvailable',
            message: 'Deployment has minimum availability.',
          }
        : {
            type: 'Available',
            status: 'False',
            reason: 'MinimumReplicasUnavailable',
            message: 'Deployment does not have minimum availability.',
          },
      progressing,
    ],
  } satisfies DeploymentStatus;
  const revision = current ? current.metadata.annotations?.[REVISION] : undefined;
  const stored = cluster.get(refOf(deploy)) ?? deploy;
  if (revision && stored.metadata.annotations?.[REVISION] !== revision) {
    cluster.update(refOf(deploy), CTX, (d) => {
      d.status = status;
      d.metadata.annotations = { ...d.metadata.annotations, [REVISION]: revision };
    });
  } else cluster.updateStatus(refOf(deploy), CTX, status);
}
