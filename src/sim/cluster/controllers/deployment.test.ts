import { describe, expect, it } from 'vitest';
import { healthOf, ops, podState } from '..';
import { CI, deployment, hpa as hpaOf, makeCluster, PERSON } from '../testing/fixtures';

const WEB = { kind: 'Deployment', name: 'web' };
const podsOf = (cluster: ReturnType<typeof makeCluster>['cluster']) =>
  cluster.list({ kind: 'Pod' });
const imageOf = (o: unknown) =>
  (o as { spec: { template: { spec: { containers: { image: string }[] } } } }).spec.template.spec
    .containers[0]!.image;

describe('Deployment controller on the virtual clock', () => {
  it('creates a ReplicaSet and Pods that turn Running after the readiness delay', async () => {
    const { cluster, clock } = makeCluster();
    cluster.apply(deployment({ replicas: 3 }), CI);
    await clock.flush();
    expect(cluster.list({ kind: 'ReplicaSet' })).toHaveLength(1);
    expect(podsOf(cluster).map(podState)).toEqual([
      'ContainerCreating',
      'ContainerCreating',
      'ContainerCreating',
    ]);
    expect(healthOf(cluster.get(WEB))?.status).toBe('Progressing');
    await clock.advanceTo(9_999);
    expect(healthOf(cluster.get(WEB))?.status).toBe('Progressing');
    await clock.advanceTo(10_000);
    expect(podsOf(cluster).map(podState)).toEqual(['Running', 'Running', 'Running']);
    expect(healthOf(cluster.get(WEB))?.status).toBe('Healthy');
    expect(cluster.get(WEB)?.status).toMatchObject({
      replicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      updatedReplicas: 3,
    });
  });

  it('rolls out a new image with surge, never dropping below available replicas', async () => {
    const { cluster, clock } = makeCluster();
    cluster.apply(deployment({ replicas: 4 }), CI);
    await clock.advanceBy(10_000);
    cluster.apply(deployment({ replicas: 4, image: 'web:2.0' }), CI);
    let minReady = 4;
    for (let t = 0; t < 60; t++) {
      await clock.advanceBy(1_000);
      const ready = podsOf(cluster).filter((p) => podState(p) === 'Running').length;
      minReady = Math.min(minReady, ready);
    }
    expect(minReady).toBeGreaterThanOrEqual(3); // maxUnavailable 25% of 4
    expect(cluster.list({ kind: 'ReplicaSet' })).toHaveLength(2);
    expect(
      new Set(
        podsOf(cluster).map(
          (p) => (p.spec as { containers: { image: string }[] }).containers[0]!.image,
        ),
      ),
    ).toEqual(new Set(['web:2.0']));
    expect(healthOf(cluster.get(WEB))?.status).toBe('Healthy');
  });

  it('turns Degraded when a crashing image passes progressDeadlineSeconds, keeping the old Pods', async () => {
    const { cluster, clock } = makeCluster({ images: { 'web:3.0': { crash: true } } });
    cluster.apply(deployment({ replicas: 2, extra: { progressDeadlineSeconds: 120 } }), CI);
    await clock.advanceBy(10_000);
    cluster.apply(
      deployment({ replicas: 2, image: 'web:3.0', extra: { progressDeadlineSeconds: 120 } }),
      CI,
    );
    await clock.advanceBy(30_000);
    expect(podsOf(cluster).map(podState).sort()).toEqual([
      'CrashLoopBackOff',
      'Running',
      'Running',
    ]);
    expect(healthOf(cluster.get(WEB))?.status).toBe('Progressing');
    await clock.advanceBy(90_000);
    expect(healthOf(cluster.get(WEB))).toEqual({
      status: 'Degraded',
      message: 'Deployment "web" exceeded its progress deadline',
    });
    expect(ops.rolloutStatus(cluster, WEB).failed).toBe(true);
  });

  it('rollout undo restores the previous template and reuses its ReplicaSet under a new revision', async () => {
    const { cluster, clock } = makeCluster();
    cluster.apply(deployment({ replicas: 2 }), CI);
    await clock.advanceBy(20_000);
    cluster.apply(deployment({ replicas: 2, image: 'web:2.0' }), CI);
    await clock.advanceBy(60_000);
    expect(ops.rolloutHistory(cluster, WEB)).toMatch(
      /REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/,
    );
    expect(ops.rolloutUndo(cluster, WEB, PERSON)).toBe('deployment.apps/web rolled back');
    await clock.advanceBy(60_000);
    expect(imageOf(cluster.get(WEB))).toBe('web:1.0');
    expect(cluster.list({ kind: 'ReplicaSet' })).toHaveLength(2);
    expect(cluster.get(WEB)?.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    expect(ops.rolloutStatus(cluster, WEB).text).toBe('deployment "web" successfully rolled out');
  });

  it('refuses rollout undo without history', async () => {
    const { cluster, clock } = makeCluster();
    cluster.apply(deployment(), CI);
    await clock.flush();
    expect(() => ops.rolloutUndo(cluster, WEB, PERSON)).toThrow(
      expect.objectContaining({ code: 'E_NO_ROLLOUT_HISTORY' }),
    );
  });

  it('keeps at most revisionHistoryLimit old ReplicaSets', async () => {
    const { cluster, clock } = makeCluster();
    for (let v = 1; v <= 5; v++) {
      cluster.apply(deployment({ image: `web:${v}.0`, extra: { revisionHistoryLimit: 2 } }), CI);
      await clock.advanceBy(30_000);
    }
    expect(cluster.list({ kind: 'ReplicaSet' })).toHaveLength(3);
  });

  it('replaces a deleted Pod', async () => {
    const { cluster, clock } = makeCluster();
    cluster.apply(deployment({ replicas: 2 }), CI);
    await clock.advanceBy(10_000);
    const [first] = podsOf(cluster);
    cluster.delete(
      { kind: 'Pod', name: first!.metadata.name },
      { ...CI, actor: 'alice', channel: 'kubectl' },
    );
    await clock.flush();
    // kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination: the deleted Pod
    // is Terminating for its grace period (30 s), while its ReplicaSet already replaced it.
    expect(podsOf(cluster).map(podState).sort()).toEqual([
      'ContainerCreating',
      'Running',
      'Terminating',
    ]);
    await clock.advanceBy(30_000);
    expect(podsOf(cluster)).toHaveLength(2);
    expect(podsOf(cluster).map((p) => p.metadata.name)).not.toContain(first!.metadata.name);
  });

  it('deleting a Deployment removes its ReplicaSets and Pods (garbage collection)', async () => {
    const { cluster, clock } = makeCluster();
    cluster.apply(deployment({ replicas: 2 }), CI);
    await clock.advanceBy(10_000);
    cluster.delete(WEB, { ...CI, actor: 'alice', channel: 'kubectl' });
    await clock.flush();
    // The garbage collector deletes the Pods gracefully: Terminating for 30 s, then gone.
    expect(podsOf(cluster).map(podState)).toEqual(['Terminating', 'Terminating']);
    await clock.advanceBy(30_000);
    expect(cluster.list().map((o) => o.kind)).toEqual(['Namespace']);
  });
});

describe('HorizontalPodAutoscaler owns spec.replicas of its target', () => {
  const hpa = hpaOf(2, 3);

  it('scales the target into range and takes ownership of spec.replicas; a re-apply takes it back', async () => {
    const { cluster, clock } = makeCluster();
    cluster.apply(deployment({ replicas: 1 }), CI);
    cluster.apply(hpa, CI);
    await clock.advanceBy(15_000);
    const replicas = () => (cluster.get(WEB)?.spec as { replicas: number }).replicas;
    expect(replicas()).toBe(2);
    expect(cluster.managedFields(WEB)['horizontal-pod-autoscaler']).toEqual(['spec.replicas']);
    expect(healthOf(cluster.get({ kind: 'HorizontalPodAutoscaler', name: 'web' }))?.status).toBe(
      'Healthy',
    );
    cluster.apply(deployment({ replicas: 1 }), CI);
    expect(replicas()).toBe(1);
    await clock.advanceBy(15_000);
    expect(replicas()).toBe(2);
  });

  it('leaves a Deployment that sets no replicas alone once in range', async () => {
    const { cluster, clock, audit } = makeCluster();
    cluster.apply(deployment(), CI);
    cluster.apply(hpa, CI);
    await clock.advanceBy(15_000);
    const records = audit.size;
    cluster.apply(deployment(), CI);
    await clock.advanceBy(60_000);
    expect((cluster.get(WEB)?.spec as { replicas: number }).replicas).toBe(2);
    expect(
      audit
        .records()
        .slice(records)
        .filter(
          (r) =>
            r.object === 'Deployment/default/web' &&
            r.changes.some((c) => c.path === 'spec.replicas'),
        ),
    ).toEqual([]);
  });
});

describe('deleting a Namespace', () => {
  it('removes everything in it, Deployments with their ReplicaSets and Pods included', async () => {
    const { cluster, clock } = makeCluster();
    cluster.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }, CI);
    const d = deployment({ replicas: 2 });
    d.metadata.namespace = 'shop';
    cluster.apply(d, CI);
    cluster.apply(
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', namespace: 'shop' },
        spec: { ports: [{ port: 80 }] },
      },
      CI,
    );
    await clock.advanceBy(10_000);
    cluster.delete(
      { kind: 'Namespace', name: 'shop' },
      { ...CI, actor: 'alice', channel: 'kubectl' },
    );
    await clock.flush();
    expect(cluster.list().map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Namespace/default',
    ]);
  });

  it('a dry-run create allocates nothing', () => {
    const { cluster } = makeCluster();
    const svc = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'a' },
      spec: { ports: [{ port: 80 }] },
    };
    cluster.apply(svc, CI, { dryRun: true });
    cluster.apply(svc, CI);
    expect(
      (cluster.get({ kind: 'Service', name: 'a' })?.spec as { clusterIP: string }).clusterIP,
    ).toBe('10.96.0.2');
  });
});
