// The Pods a cluster's workloads ask for, held to MAX_CLUSTER_PODS (limits.ts). A write that would
// take the total past it is refused as a ResourceQuota refuses a create (`exceeded quota`), before
// any Pod exists: the simulation would otherwise create every one of them.
//
// Simplification: a real quota counts Pods as they are created and refuses the Pod, so the
// Deployment is stored and its ReplicaSet reports FailedCreate. Here the workload itself is refused.
// Counted: Deployments, StatefulSets and ReplicaSets that no Deployment owns (spec.replicas, 1 when
// unset), and Pods that nothing owns; Pods a controller makes are what these ask for.
import { ClusterError } from './errors';
import { MAX_CLUSTER_PODS } from './limits';
import type { KObject } from './object';
import { StoredTotal } from './store';

const WORKLOADS = ['Deployment', 'StatefulSet', 'ReplicaSet'];
const QUOTA = 'driftlab-cluster-pods';

/** The Pods `obj` asks for on its own: 0 for what another object owns or is not a workload. */
function podsOf(obj: KObject | undefined): number {
  if (!obj || (obj.metadata.ownerReferences?.length ?? 0) > 0) return 0;
  if (obj.kind === 'Pod') return 1;
  if (!WORKLOADS.includes(obj.kind)) return 0;
  const replicas = (obj.spec as { replicas?: unknown } | undefined)?.replicas;
  return typeof replicas === 'number' && Number.isFinite(replicas) ? Math.max(0, replicas) : 1;
}

/** The Pods a cluster's stored objects ask for, kept as they are written. */
export function podsRequested(): StoredTotal {
  return new StoredTotal(podsOf);
}

/**
 * The refusal for a write of `next` over `existing`, or null when the cluster stays within the
 * quota. `stored` is what the cluster's objects ask for now, `existing` included.
 */
export function podQuotaRefusal(
  stored: StoredTotal,
  existing: KObject | undefined,
  next: KObject,
  display: string,
): ClusterError | null {
  const requested = podsOf(next);
  const before = podsOf(existing);
  if (requested <= before) return null;
  const used = stored.value - before;
  if (used + requested <= MAX_CLUSTER_PODS) return null;
  return new ClusterError(
    'E_FORBIDDEN',
    `Error from server (Forbidden): ${display} is forbidden: exceeded quota: ${QUOTA}, requested: pods=${requested}, used: pods=${used}, limited: pods=${MAX_CLUSTER_PODS}`,
    {
      object: `${next.kind}/${next.metadata.namespace ?? ''}/${next.metadata.name}`,
      field: 'spec.replicas',
    },
  );
}
