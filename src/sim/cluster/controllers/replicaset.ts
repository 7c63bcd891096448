// The ReplicaSet controller: keeps `spec.replicas` Pods from its template (labels and annotations
// copied), replaces deleted ones, removes extra ones (not-ready first, then newest), and reports
// counts in its status. A Terminating Pod no longer counts (controller.FilterActivePods), so its
// replacement is created at once. A Pod counts as available once it has been Ready for
// `minReadySeconds`; a timer wakes the controller when the next one becomes so.
import type { ReplicaSetSpec, ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import type { ObjectTimers } from '../../clock';
import type { Cluster } from '../cluster';
import { clone, refKey, refOf, type KObject } from '../object';
import { controllerContext } from './context';
import { podSuffix } from './names';
import { availableAt, isPodReady, isTerminating } from './pod-status';

const CTX = controllerContext('replicaset-controller');
const SOURCE = 'replicaset-controller';

/** The Pods a ReplicaSet owns that are not being deleted. */
export function ownedPods(cluster: Cluster, rs: KObject): KObject[] {
  return cluster
    .list({ kind: 'Pod', namespace: rs.metadata.namespace, owner: rs.metadata.uid })
    .filter((p) => !isTerminating(p));
}

export interface ReplicaSetMemory {
  /** Numbers each ReplicaSet's Pods (by uid), so generated names never repeat. */
  counters: Map<string, number>;
  /** Wakes a ReplicaSet when a Ready Pod turns available (minReadySeconds). */
  timers: ObjectTimers;
}

export function syncReplicaSet(cluster: Cluster, rs: KObject, memory: ReplicaSetMemory): void {
  // Assumed to have a template, as every ReplicaSet the Deployment controller makes has.
  const spec = rs.spec as ReplicaSetSpec & Required<Pick<ReplicaSetSpec, 'template'>>;
  const want = spec.replicas ?? 1;
  const pods = ownedPods(cluster, rs);
  let created = memory.counters.get(rs.metadata.uid!) ?? 0;
  const annotations = spec.template.metadata?.annotations;

  for (let i = pods.length; i < want; i++) {
    let name = `${rs.metadata.name}-${podSuffix(rs.metadata.name, created++)}`;
    while (cluster.get({ kind: 'Pod', name, namespace: rs.metadata.namespace }))
      name = `${rs.metadata.name}-${podSuffix(rs.metadata.name, created++)}`;
    cluster.create(
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name,
          namespace: rs.metadata.namespace!,
          labels: { ...(spec.template.metadata?.labels ?? {}) },
          ...(annotations && Object.keys(annotations).length > 0
            ? { annotations: { ...annotations } }
            : {}),
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'ReplicaSet',
              name: rs.metadata.name,
              uid: rs.metadata.uid!,
              controller: true,
            },
          ],
        },
        spec: clone(spec.template.spec),
      },
      CTX,
    );
    cluster.events.record(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${name}`, SOURCE);
  }
  if (pods.length > want) {
    // Not-ready Pods go first, then the newest: the order Kubernetes' ReplicaSet uses.
    const victims = [...pods]
      .sort(
        (a, b) =>
          Number(isPodReady(a)) - Number(isPodReady(b)) ||
          (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') ||
          b.metadata.name.localeCompare(a.metadata.name),
      )
      .slice(0, pods.length - want);
    for (const pod of victims) {
      cluster.delete(refOf(pod), CTX);
      cluster.events.record(
        rs,
        'Normal',
        'SuccessfulDelete',
        `Deleted pod: ${pod.metadata.name}`,
        SOURCE,
      );
    }
  }
  memory.counters.set(rs.metadata.uid!, created);
  const live = ownedPods(cluster, rs);
  const status = {
    replicas: live.length,
    fullyLabeledReplicas: live.length,
    readyReplicas: live.filter(isPodReady).length,
    availableReplicas: countAvailable(cluster, rs, live, spec.minReadySeconds ?? 0, memory.timers),
    observedGeneration: rs.metadata.generation,
  } satisfies ReplicaSetStatus;
  cluster.updateStatus(refOf(rs), CTX, status);
}

/**
 * How many of `pods` are available (Ready for `minReadySeconds`); a timer wakes `owner` when the
 * next one becomes so. Shared by the ReplicaSet and StatefulSet controllers.
 */
export function countAvailable(
  cluster: Cluster,
  rs: KObject,
  pods: KObject[],
  minReadySeconds: number,
  timers: ObjectTimers,
): number {
  const now = cluster.clock.now();
  let available = 0;
  let next = Number.POSITIVE_INFINITY;
  for (const pod of pods) {
    const at = availableAt(pod, minReadySeconds);
    if (at === null) continue;
    if (at <= now) available++;
    else next = Math.min(next, at);
  }
  const ref = refOf(rs);
  if (next !== Number.POSITIVE_INFINITY)
    timers.set(refKey(ref), next - now, () => {
      if (cluster.get(ref)) cluster.touch(ref);
    });
  return available;
}
