// The verify stage: `kubectl rollout status` over the live Deployments an app's manifests declare,
// and how long it waits for them (the longest progressDeadlineSeconds; Kubernetes' default 600 s).
import type { DesiredApp } from '../apps/apps';
import { ClusterCache } from '../cache/cluster-cache';
import { healthOf, type Cluster, type KObject } from '../cluster';

export type RolloutStatus = 'complete' | 'failed' | 'progressing';

// Where the Deployments are among an app's manifests (frozen and shared per folder content).
const deploymentsAt = new WeakMap<readonly KObject[], readonly number[]>();

/** The live Deployments `desired` declares (the ones not created yet are left out). */
export function liveDeployments(cluster: Cluster, desired: DesiredApp | undefined): KObject[] {
  const out: KObject[] = [];
  if (!desired) return out;
  // The guards of the verify stage ask again at every event: the keys are kept per manifests.
  const { manifests } = desired;
  const keys = ClusterCache.of(cluster).keys.declaredBy(manifests).list;
  let at = deploymentsAt.get(manifests);
  if (!at) {
    at = manifests.flatMap((m, i) => (m.kind === 'Deployment' ? [i] : []));
    deploymentsAt.set(manifests, at);
  }
  for (const i of at) {
    const live = cluster.byKey(keys[i]!);
    if (live) out.push(live);
  }
  return out;
}

/**
 * kubectl rollout status over an app's (stored) Deployments of `cluster`: any Degraded fails it.
 * The guards ask at every event; each Deployment's health is kept for as long as it is stored.
 */
export function rolloutStatus(cluster: Cluster, deployments: readonly KObject[]): RolloutStatus {
  const { memo } = ClusterCache.of(cluster);
  let complete = true;
  for (const deploy of deployments) {
    const health = memo.health(deploy, () => healthOf(deploy))?.status;
    if (health === 'Degraded') return 'failed';
    if (health !== 'Healthy') complete = false;
  }
  return complete ? 'complete' : 'progressing';
}

export function verifyTimeoutMs(deployments: readonly KObject[]): number {
  const deadlines = deployments.map(
    (d) => ((d.spec as { progressDeadlineSeconds?: number }).progressDeadlineSeconds ?? 600) * 1000,
  );
  return deadlines.length === 0 ? 600_000 : Math.max(...deadlines);
}
