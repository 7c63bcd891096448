// The ReplicaSet controller: keeps `spec.replicas` Pods from its template, replaces deleted ones,
// removes extra ones (not-ready first, then newest), and reports counts in its status.
import type { ReplicaSetSpec, ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import type { Cluster } from '../cluster';
import { clone, refOf, type KObject } from '../object';
import { controllerContext } from './context';
import { podSuffix } from './names';
import { isPodReady } from './kubelet';

const CTX = controllerContext('replicaset-controller');

export function ownedPods(cluster: Cluster, rs: KObject): KObject[] {
  return cluster.list({ kind: 'Pod', namespace: rs.metadata.namespace, owner: rs.metadata.uid });
}

/** `counters` numbers each ReplicaSet's Pods (by uid), so generated names never repeat. */
export function syncReplicaSet(cluster: Cluster, rs: KObject, counters: Map<string, number>): void {
  // Assumed to have a template, as every ReplicaSet the Deployment controller makes has.
  const spec = rs.spec as ReplicaSetSpec & Required<Pick<ReplicaSetSpec, 'template'>>;
  const want = spec.replicas ?? 1;
  const pods = ownedPods(cluster, rs);
  let created = counters.get(rs.metadata.uid!) ?? 0;

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
    for (const pod of victims) cluster.delete(refOf(pod), CTX);
  }
  counters.set(rs.metadata.uid!, created);
  const live = ownedPods(cluster, rs);
  const ready = live.filter(isPodReady).length;
  const status = {
    replicas: live.length,
    fullyLabeledReplicas: live.length,
    readyReplicas: ready,
    availableReplicas: ready,
    observedGeneration: rs.metadata.generation,
  } satisfies ReplicaSetStatus;
  cluster.updateStatus(refOf(rs), CTX, status);
}
