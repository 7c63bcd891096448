// The verify stage: `kubectl rollout status` over the live Deployments an app's manifests declare,
// and how long it waits for them (the longest progressDeadlineSeconds; Kubernetes' default 600 s).
import type { DesiredApp } from '../apps/apps';
import { healthOf, refOf, type Cluster, type KObject } from '../cluster';

export type RolloutStatus = 'complete' | 'failed' | 'progressing';

/** The live Deployments `desired` declares (the ones not created yet are left out). */
export function liveDeployments(cluster: Cluster, desired: DesiredApp | undefined): KObject[] {
  const out: KObject[] = [];
  for (const { manifest } of desired?.objects ?? []) {
    if (manifest.kind !== 'Deployment') continue;
    const live = cluster.get(refOf(manifest));
    if (live) out.push(live);
  }
  return out;
}

/** kubectl rollout status over an app's Deployments: any Degraded fails it. */
export function rolloutStatus(deployments: readonly KObject[]): RolloutStatus {
  let complete = true;
  for (const deploy of deployments) {
    const health = healthOf(deploy)?.status;
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
