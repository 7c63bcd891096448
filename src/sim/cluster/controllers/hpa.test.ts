// The HPA's loop, as kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale describes
// it: desired = ceil(current × usage / target) every 15 s (--horizontal-pod-autoscaler-sync-period),
// a 0.1 tolerance, the 300 s scale-down stabilization window ("the highest recommendation from
// the last 5 minutes"), FailedGetResourceMetric when a Pod has no CPU request; and Argo CD's HPA
// health (gitops-engine pkg/health/health_hpa.go), which reads those conditions.
import { describe, expect, it } from 'vitest';
import { healthOf } from '..';
import { CI, deployment, hpa, makeCluster, PERSON } from '../testing/fixtures';
import type { KObject } from '../object';

const WEB = { kind: 'Deployment', name: 'web', namespace: 'default' };
const HPA = { kind: 'HorizontalPodAutoscaler', name: 'web', namespace: 'default' };
type Cluster = ReturnType<typeof makeCluster>['cluster'];

/** web with a 200m CPU request per Pod (unless `request` is null), `replicas` Pods. */
function web(replicas: number, request: string | null = '200m'): KObject {
  const d = deployment({ replicas });
  const c = (d.spec as { template: { spec: { containers: Record<string, unknown>[] } } }).template
    .spec.containers[0]!;
  if (request !== null) c.resources = { requests: { cpu: request } };
  return d;
}

const cpuHpa = (min: number, max: number, utilization = 50) => hpa(min, max, utilization);

const replicas = (cluster: Cluster) => (cluster.get(WEB)?.spec as { replicas: number }).replicas;
const condition = (cluster: Cluster, type: string) =>
  (cluster.get(HPA)?.status as { conditions: { type: string; reason: string }[] }).conditions.find(
    (c) => c.type === type,
  );

describe('HorizontalPodAutoscaler loop', () => {
  it.each([
    // per-Pod use of the image, replicas, target % → desired (ceil(2 × 80/50) = 4, …)
    ['160m', 2, 50, 4],
    ['100m', 2, 50, 2], // exactly on target
    ['108m', 2, 50, 2], // 54 %: within the 0.1 tolerance
    ['50m', 4, 50, 2], // 25 %: ceil(4 × 0.5) = 2
  ])(
    'with %s per Pod of a 200m request and %i replicas at %i %% it asks for %i',
    async (cpu, n, target, want) => {
      const { cluster, clock } = makeCluster({
        images: { 'web:1.0': { cpuMillis: Number(cpu.replace('m', '')) } },
      });
      cluster.apply(web(n), CI);
      cluster.apply(cpuHpa(1, 10, target), CI);
      await clock.advanceTo(15_000);
      expect(replicas(cluster)).toBe(want);
    },
  );

  it('shares a workload’s load among its Pods, so it settles where usage meets the target', async () => {
    const { cluster, clock } = makeCluster();
    cluster.apply(web(2), CI);
    cluster.apply(cpuHpa(2, 10), CI);
    cluster.load.set(WEB, 900); // 900m of traffic, 100m per Pod at 50 %: 9 Pods
    await clock.advanceTo(15_000);
    expect(replicas(cluster)).toBe(6); // a scale-up at most doubles or adds 4 Pods
    expect(condition(cluster, 'ScalingLimited')?.reason).toBe('ScaleUpLimit');
    await clock.advanceTo(60_000);
    expect(replicas(cluster)).toBe(9);
    expect(cluster.events.about(HPA).map((e) => e.message)).toEqual([
      'New size: 6; reason: cpu resource utilization (percentage of request) above target',
      'New size: 9; reason: cpu resource utilization (percentage of request) above target',
    ]);
    expect(healthOf(cluster.get(HPA))?.status).toBe('Healthy');
  });

  it('keeps the highest recommendation of the last 5 minutes before scaling down', async () => {
    const { cluster, clock } = makeCluster();
    cluster.apply(web(2), CI);
    cluster.apply(cpuHpa(2, 10), CI);
    cluster.load.set(WEB, 400);
    await clock.advanceTo(45_000);
    expect(replicas(cluster)).toBe(4);
    cluster.load.set(WEB, 0);
    await clock.advanceTo(300_000);
    expect(replicas(cluster)).toBe(4);
    expect(condition(cluster, 'AbleToScale')?.reason).toBe('ScaleDownStabilized');
    await clock.advanceTo(400_000);
    expect(replicas(cluster)).toBe(2);
    expect(cluster.events.about(HPA).at(-1)?.message).toBe(
      'New size: 2; reason: All metrics below target',
    );
  });

  it('takes a kubectl scale back at its next sync when idle', async () => {
    const { cluster, clock } = makeCluster();
    cluster.apply(web(2), CI);
    cluster.apply(cpuHpa(2, 10), CI);
    await clock.advanceTo(30_000);
    cluster.update(WEB, { ...CI, ...PERSON, manager: 'kubectl-scale' }, (d) => {
      (d.spec as { replicas: number }).replicas = 5;
    });
    await clock.advanceTo(44_999);
    expect(replicas(cluster)).toBe(5);
    await clock.advanceTo(45_000);
    expect(replicas(cluster)).toBe(2);
  });

  it('reports FailedGetResourceMetric without a CPU request, and Argo CD shows it Degraded', async () => {
    const { cluster, clock } = makeCluster();
    cluster.apply(web(2, null), CI);
    cluster.apply(cpuHpa(1, 5), CI);
    expect(healthOf(cluster.get(HPA))).toEqual({
      status: 'Progressing',
      message: 'Waiting to Autoscale',
    });
    await clock.advanceTo(30_000);
    const pod = cluster.list({ kind: 'Pod' })[0]!.metadata.name;
    const error = `failed to get cpu utilization: missing request for cpu in container web of Pod ${pod}`;
    expect(condition(cluster, 'ScalingActive')).toMatchObject({
      status: 'False',
      reason: 'FailedGetResourceMetric',
    });
    expect(healthOf(cluster.get(HPA))).toEqual({
      status: 'Degraded',
      message: `the HPA was unable to compute the replica count: ${error}`,
    });
    const events = cluster.events.about(HPA);
    expect(events.map((e) => [e.type, e.reason, e.count])).toEqual([
      ['Warning', 'FailedGetResourceMetric', 2],
      ['Warning', 'FailedComputeMetricsReplicas', 2],
    ]);
    expect(replicas(cluster)).toBe(2);
  });

  it('still moves replicas into [min, max] without a metric', async () => {
    const { cluster, clock } = makeCluster();
    cluster.apply(web(1, null), CI);
    cluster.apply(cpuHpa(3, 5), CI);
    await clock.advanceTo(15_000);
    expect(replicas(cluster)).toBe(3);
    expect(cluster.events.about(HPA)[0]?.message).toBe(
      'New size: 3; reason: Current number of replicas below Spec.MinReplicas',
    );
  });
});
