// StatefulSet behaviour from kubernetes.io/docs/concepts/workloads/controllers/statefulset
// ("Deployment and Scaling Guarantees", "Rolling Updates", "Partitioned rolling updates") and
// Argo CD's health check (gitops-engine pkg/health/health_statefulset.go).
import { describe, expect, it } from 'vitest';
import { healthOf, podState } from '..';
import { CI, makeCluster, statefulSet } from '../testing/fixtures';

const DB = { kind: 'StatefulSet', name: 'db' };
type Cluster = ReturnType<typeof makeCluster>['cluster'];
const podNames = (cluster: Cluster) =>
  cluster
    .list({ kind: 'Pod' })
    .map((p) => `${p.metadata.name}:${podState(p)}`)
    .sort();
const imageOf = (cluster: Cluster, name: string) =>
  (cluster.get({ kind: 'Pod', name }) as unknown as { spec: { containers: { image: string }[] } })
    .spec.containers[0]!.image;

describe('StatefulSet controller', () => {
  it('creates db-0, db-1, db-2 in order, each Running and Ready before the next', async () => {
    const { cluster, clock } = makeCluster();
    cluster.apply(statefulSet({ replicas: 3 }), CI);
    await clock.flush();
    expect(podNames(cluster)).toEqual(['db-0:ContainerCreating']);
    expect(healthOf(cluster.get(DB))).toEqual({
      status: 'Progressing',
      message: 'Waiting for 3 pods to be ready...',
    });
    await clock.advanceTo(10_000);
    expect(podNames(cluster)).toEqual(['db-0:Running', 'db-1:ContainerCreating']);
    await clock.advanceTo(20_000);
    expect(podNames(cluster)).toEqual(['db-0:Running', 'db-1:Running', 'db-2:ContainerCreating']);
    await clock.advanceTo(30_000);
    expect(cluster.get(DB)?.status).toMatchObject({
      replicas: 3,
      readyReplicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
    });
    expect(healthOf(cluster.get(DB))).toEqual({
      status: 'Healthy',
      message: 'partitioned roll out complete: 3 new pods have been updated...',
    });
    expect(cluster.events.about({ ...DB, namespace: 'default' }).map((e) => e.message)).toEqual([
      'create Pod db-0 in StatefulSet db successful',
      'create Pod db-1 in StatefulSet db successful',
      'create Pod db-2 in StatefulSet db successful',
    ]);
  });

  it('waits at a Pod that never turns Ready: the next ordinal is not created', async () => {
    const { cluster, clock } = makeCluster({ images: { 'db:1.0': { ready: false } } });
    cluster.apply(statefulSet({ replicas: 2 }), CI);
    await clock.advanceTo(120_000);
    expect(podNames(cluster)).toEqual(['db-0:Running']);
    expect(healthOf(cluster.get(DB))?.status).toBe('Progressing');
  });

  it('creates every Pod at once with podManagementPolicy Parallel', async () => {
    const { cluster, clock } = makeCluster();
    cluster.apply(statefulSet({ replicas: 3, extra: { podManagementPolicy: 'Parallel' } }), CI);
    await clock.flush();
    expect(podNames(cluster)).toEqual([
      'db-0:ContainerCreating',
      'db-1:ContainerCreating',
      'db-2:ContainerCreating',
    ]);
  });

  it('scales down from the highest ordinal, one Pod at a time', async () => {
    const { cluster, clock } = makeCluster();
    cluster.apply(statefulSet({ replicas: 3 }), CI);
    await clock.advanceTo(30_000);
    cluster.apply(statefulSet({ replicas: 1 }), CI);
    await clock.flush();
    expect(podNames(cluster)).toEqual(['db-0:Running', 'db-1:Running', 'db-2:Terminating']);
    await clock.advanceBy(30_000);
    expect(podNames(cluster)).toEqual(['db-0:Running', 'db-1:Terminating']);
    await clock.advanceBy(30_000);
    expect(podNames(cluster)).toEqual(['db-0:Running']);
  });

  it('rolls a new image out by ordinal from the highest, each Ready before the next', async () => {
    const { cluster, clock } = makeCluster();
    cluster.apply(statefulSet({ replicas: 3 }), CI);
    await clock.advanceTo(30_000);
    const before = (cluster.get(DB)?.status as { currentRevision: string }).currentRevision;
    cluster.apply(statefulSet({ replicas: 3, image: 'db:2.0' }), CI);
    await clock.flush();
    expect(podNames(cluster)).toContain('db-2:Terminating');
    expect(healthOf(cluster.get(DB))?.status).toBe('Progressing');
    await clock.advanceBy(30_000); // grace period: db-2 is gone and recreated
    expect(imageOf(cluster, 'db-2')).toBe('db:2.0');
    expect(imageOf(cluster, 'db-1')).toBe('db:1.0');
    await clock.advanceBy(10_000); // db-2 Ready: db-1 goes next
    expect(podNames(cluster)).toContain('db-1:Terminating');
    await clock.advanceBy(200_000);
    expect(['db-0', 'db-1', 'db-2'].map((n) => imageOf(cluster, n))).toEqual([
      'db:2.0',
      'db:2.0',
      'db:2.0',
    ]);
    const status = cluster.get(DB)?.status as Record<string, unknown>;
    expect(status.currentRevision).toBe(status.updateRevision);
    expect(status.currentRevision).not.toBe(before);
    expect(healthOf(cluster.get(DB))?.status).toBe('Healthy');
  });

  it('updates only the ordinals at or above the partition, and Argo CD reports it complete', async () => {
    const { cluster, clock } = makeCluster();
    const partitioned = (image: string) =>
      statefulSet({
        replicas: 3,
        image,
        extra: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } },
      });
    cluster.apply(partitioned('db:1.0'), CI);
    await clock.advanceTo(30_000);
    cluster.apply(partitioned('db:2.0'), CI);
    await clock.advanceBy(300_000);
    expect(['db-0', 'db-1', 'db-2'].map((n) => imageOf(cluster, n))).toEqual([
      'db:1.0',
      'db:1.0',
      'db:2.0',
    ]);
    expect(healthOf(cluster.get(DB))).toEqual({
      status: 'Healthy',
      message: 'partitioned roll out complete: 1 new pods have been updated...',
    });
  });

  it('recreates a deleted Pod under the same name', async () => {
    const { cluster, clock } = makeCluster();
    cluster.apply(statefulSet({ replicas: 2 }), CI);
    await clock.advanceTo(20_000);
    cluster.delete({ kind: 'Pod', name: 'db-0', namespace: 'default' }, CI, {
      gracePeriodSeconds: 0,
    });
    await clock.flush();
    expect(podNames(cluster)).toEqual(['db-0:ContainerCreating', 'db-1:Running']);
  });
});
