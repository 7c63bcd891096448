// What a Pod made from a template carries. Sources: kubernetes.io/docs/concepts/workloads/
// controllers/replicaset (Pods from the template: its labels and annotations);
// kubernetes.io/docs/concepts/configuration/manage-resources-containers ("If you specify a limit
// for a resource, but do not specify any request ... Kubernetes copies the limit");
// kubernetes.io/docs/concepts/workloads/pods/pod-qos (Guaranteed, Burstable, BestEffort).
import type { PodSpec } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { CI, deployment, makeCluster } from '../testing/fixtures';

function withTemplate(metadata: Record<string, unknown>, containers: Record<string, unknown>[]) {
  return deployment({
    extra: {
      template: { metadata: { labels: { app: 'web' }, ...metadata }, spec: { containers } },
    },
  });
}

describe('Pods made by a ReplicaSet', () => {
  it("carry the template's labels and annotations", async () => {
    const { cluster, clock } = makeCluster();
    const annotations = { 'prometheus.io/scrape': 'true' };
    cluster.apply(withTemplate({ annotations }, [{ name: 'web', image: 'web:1.0' }]), CI);
    await clock.flush();
    const pod = cluster.list({ kind: 'Pod' })[0]!;
    expect(pod.metadata.annotations).toEqual(annotations);
    expect(pod.metadata.labels).toMatchObject({ app: 'web' });
  });

  const cpuMem = (cpu: string, memory: string) => ({ cpu, memory });
  it.each([
    ['no requests or limits', {}, 'BestEffort', undefined],
    [
      'limits only (requests default to them)',
      { limits: cpuMem('500m', '128Mi') },
      'Guaranteed',
      cpuMem('500m', '128Mi'),
    ],
    [
      'requests equal to limits, written differently',
      { requests: cpuMem('0.5', '128Mi'), limits: cpuMem('500m', '128Mi') },
      'Guaranteed',
      cpuMem('0.5', '128Mi'),
    ],
    [
      'requests below limits',
      { requests: cpuMem('100m', '64Mi'), limits: cpuMem('500m', '128Mi') },
      'Burstable',
      cpuMem('100m', '64Mi'),
    ],
    ['a memory limit only', { limits: { memory: '128Mi' } }, 'Burstable', { memory: '128Mi' }],
  ])('with %s are %s', async (_, resources, qos, requests) => {
    const { cluster, clock } = makeCluster();
    cluster.apply(withTemplate({}, [{ name: 'web', image: 'web:1.0', resources }]), CI);
    await clock.flush();
    const pod = cluster.list({ kind: 'Pod' })[0]!;
    expect((pod.spec as PodSpec).containers[0]!.resources?.requests).toEqual(requests);
    expect((pod.status as { qosClass: string }).qosClass).toBe(qos);
    // The Deployment's template is left as written: no drift against Git.
    const template = (
      cluster.get({ kind: 'Deployment', name: 'web' })!.spec as {
        template: { spec: PodSpec };
      }
    ).template.spec;
    expect(template.containers[0]!.resources).toEqual(resources);
  });
});
