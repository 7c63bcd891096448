// The API server's ceilings on what workloads ask for (limits.ts): 1,000 replicas per workload and
// 5,000 Pods per cluster, refused in kubectl's and the API server's words by every way a replica
// count gets written (apply, kubectl scale, patch, an HPA), with the refusal in the audit trail.
import { describe, expect, it } from 'vitest';
import { ClusterError, ops } from '.';
import { runKubectl } from '../kubectl';
import { MAX_CLUSTER_PODS, MAX_REPLICAS } from './limits';
import { CI, deployment, hpa, makeCluster, PERSON } from './testing/fixtures';

const WEB = { kind: 'Deployment', name: 'web' };
const replicasOf = (o: unknown) => (o as { spec: { replicas: number } }).spec.replicas;

describe('replicas per workload', () => {
  it.each([
    [
      'apply',
      (c: ReturnType<typeof makeCluster>['cluster']) =>
        c.apply(deployment({ replicas: 100_000 }), CI),
    ],
    [
      'kubectl scale',
      (c: ReturnType<typeof makeCluster>['cluster']) => ops.scale(c, WEB, 100_000, PERSON),
    ],
    [
      'a merge patch',
      (c: ReturnType<typeof makeCluster>['cluster']) =>
        ops.patch(c, WEB, { spec: { replicas: 100_000 } }, 'merge', PERSON),
    ],
  ])('refuses 100,000 by %s, as the API server words an invalid value', (_how, write) => {
    const { cluster, audit } = makeCluster();
    cluster.apply(deployment({ replicas: 3 }), CI);
    expect(() => write(cluster)).toThrow(
      'The Deployment "web" is invalid: spec.replicas: Invalid value: 100000: must be less than or equal to 1000',
    );
    expect(replicasOf(cluster.get(WEB))).toBe(3);
    expect(audit.records().at(-1)).toMatchObject({ verb: 'refuse' });
  });

  it('takes exactly the ceiling', () => {
    const { cluster } = makeCluster();
    cluster.apply(deployment({ replicas: 3 }), CI);
    ops.scale(cluster, WEB, MAX_REPLICAS, PERSON);
    expect(replicasOf(cluster.get(WEB))).toBe(MAX_REPLICAS);
  });

  it('answers kubectl scale --replicas=100000 with the refusal, at once', () => {
    const { cluster } = makeCluster();
    cluster.apply(deployment({ replicas: 3 }), CI);
    const result = runKubectl('scale deployment/web --replicas=100000', { cluster, actor: 'bob' });
    expect(result).toMatchObject({ ok: false, changed: false });
    expect(result.stderr).toContain('spec.replicas: Invalid value: 100000');
    expect(cluster.list({ kind: 'Pod' }).length).toBeLessThanOrEqual(3);
  });

  it('refuses an HPA whose minReplicas is a million', () => {
    const { cluster } = makeCluster();
    expect(() => cluster.apply(hpa(1_000_000, 1_000_000), CI)).toThrow(
      /spec\.maxReplicas: Invalid value: 1000000: must be less than or equal to 1000/,
    );
  });
});

describe('Pods per cluster', () => {
  const named = (i: number, replicas: number) => deployment({ name: `web${i}`, replicas });

  it('refuses the workload that would take the cluster past 5,000 Pods, as a quota does', () => {
    const { cluster, audit } = makeCluster();
    for (let i = 0; i < MAX_CLUSTER_PODS / MAX_REPLICAS; i++)
      cluster.apply(named(i, MAX_REPLICAS), CI);
    let refusal: unknown;
    try {
      cluster.apply(named(99, 1), CI);
    } catch (e) {
      refusal = e;
    }
    expect(refusal).toBeInstanceOf(ClusterError);
    expect(refusal).toMatchObject({
      code: 'E_FORBIDDEN',
      message:
        'Error from server (Forbidden): deployments.apps "web99" is forbidden: exceeded quota: driftlab-cluster-pods, requested: pods=1, used: pods=5000, limited: pods=5000',
    });
    expect(cluster.get({ kind: 'Deployment', name: 'web99' })).toBeUndefined();
    expect(audit.records().at(-1)).toMatchObject({ verb: 'refuse' });
    // Asking for fewer is always taken.
    ops.scale(cluster, { kind: 'Deployment', name: 'web0' }, 10, PERSON);
    cluster.apply(named(99, 1), CI);
  });
});
