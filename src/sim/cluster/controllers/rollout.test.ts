// The Deployment controller's availability rules. Sources: kubernetes.io/docs/concepts/workloads/
// controllers/deployment (minReadySeconds, progressDeadlineSeconds, "Failed Deployment");
// pkg/controller/deployment/sync.go calculateStatus (unavailableReplicas = total - available).
import type { DeploymentStatus } from 'kubernetes-types/apps/v1';
import { describe, expect, it } from 'vitest';
import { healthOf } from '..';
import { CI, deployment, makeCluster } from '../testing/fixtures';

const WEB = { kind: 'Deployment', name: 'web' };
const statusOf = (c: ReturnType<typeof makeCluster>['cluster']) =>
  c.get(WEB)?.status as DeploymentStatus;

describe('Deployment availability', () => {
  it('counts a Pod available only minReadySeconds after it turned Ready', async () => {
    const { cluster, clock } = makeCluster();
    cluster.apply(deployment({ replicas: 2, extra: { minReadySeconds: 20 } }), CI);
    await clock.advanceTo(10_000);
    expect(statusOf(cluster)).toMatchObject({ readyReplicas: 2, availableReplicas: 0 });
    expect(healthOf(cluster.get(WEB))?.status).toBe('Progressing');
    await clock.advanceTo(29_999);
    expect(statusOf(cluster).availableReplicas).toBe(0);
    await clock.advanceTo(30_000);
    expect(statusOf(cluster)).toMatchObject({ availableReplicas: 2, unavailableReplicas: 0 });
    expect(healthOf(cluster.get(WEB))?.status).toBe('Healthy');
  });

  it('computes unavailableReplicas as every ReplicaSet’s replicas minus the available ones', async () => {
    const { cluster, clock } = makeCluster({ images: { 'web:bad': { crash: true } } });
    cluster.apply(deployment({ replicas: 5 }), CI);
    await clock.advanceTo(10_000);
    cluster.apply(deployment({ replicas: 5, image: 'web:bad' }), CI);
    await clock.advanceBy(60_000);
    // Surge 25 % of 5 = 2, maxUnavailable 25 % = 1: the new ReplicaSet stalls at 3 crashing
    // Pods beside 4 old ones: 7 in all, 4 available, so 3 unavailable (not 5 - 4 = 1).
    const rs = cluster.list({ kind: 'ReplicaSet' });
    const total = rs.reduce((n, r) => n + ((r.spec as { replicas: number }).replicas ?? 0), 0);
    expect(total).toBe(7);
    expect(statusOf(cluster)).toMatchObject({ availableReplicas: 4, unavailableReplicas: 3 });
  });

  it('times out progressDeadlineSeconds after the last progress, not after the rollout began', async () => {
    // Each Pod is Ready 50 s after it started; one at a time (maxSurge 1, maxUnavailable 0).
    const { cluster, clock } = makeCluster({ images: { 'web:slow': { readyAfterMs: 50_000 } } });
    const strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } };
    cluster.apply(deployment({ replicas: 3 }), CI);
    await clock.advanceTo(10_000);
    cluster.apply(
      deployment({
        replicas: 3,
        image: 'web:slow',
        extra: { progressDeadlineSeconds: 60, strategy },
      }),
      CI,
    );
    // 3 Pods × 50 s = 150 s in all, far past 60 s, but progress comes every 50 s.
    await clock.advanceBy(100_000);
    expect(healthOf(cluster.get(WEB))?.status).toBe('Progressing');
    await clock.advanceBy(60_000);
    expect(healthOf(cluster.get(WEB))?.status).toBe('Healthy');
    expect(statusOf(cluster).conditions).toContainEqual(
      expect.objectContaining({ type: 'Progressing', reason: 'NewReplicaSetAvailable' }),
    );
  });
});
