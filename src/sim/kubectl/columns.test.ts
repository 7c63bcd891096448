import { describe, expect, it } from 'vitest';
import { AuditLog } from '../audit';
import { VirtualClock } from '../clock';
import { Cluster, imageCatalog } from '../cluster';
import { runKubectl } from './execute';
import { PIPELINE, webDeployment } from './test-fixtures';

function cluster() {
  const clock = new VirtualClock();
  const c = new Cluster({
    name: 'devops',
    clock,
    audit: new AuditLog(clock),
    images: imageCatalog({ 'web:crash': { crash: true }, 'web:typo': { pullError: true } }),
  });
  return {
    clock,
    cluster: c,
    kubectl: (line: string) => runKubectl(line, { cluster: c, actor: 'alice' }),
  };
}

describe('get columns per kind', () => {
  it('shows broken Pods as CrashLoopBackOff and ImagePullBackOff', async () => {
    const { clock, cluster: c, kubectl } = cluster();
    c.apply({ ...webDeployment('web:crash'), metadata: { name: 'crash' } }, PIPELINE);
    c.apply({ ...webDeployment('web:typo'), metadata: { name: 'typo' } }, PIPELINE);
    await clock.advanceBy(60_000);
    const pods = kubectl('get pods').stdout;
    // Restarts at 11 s and 31 s (back-off 10 s, 20 s); pulls failed at 5 s and 25 s.
    expect(pods).toMatch(/crash-\S+ +0\/1 +CrashLoopBackOff +2 +60s/);
    expect(pods).toMatch(/typo-\S+ +0\/1 +ImagePullBackOff +0 +60s/);
    expect(kubectl('describe pod -l app=web').stdout).toContain('Reason:   CrashLoopBackOff');
  });

  it('shows HPA targets, ConfigMap data counts and LoadBalancer addresses', async () => {
    const { clock, cluster: c, kubectl } = cluster();
    const web = webDeployment() as { spec: { template: { spec: { containers: object[] } } } };
    web.spec.template.spec.containers[0] = {
      ...web.spec.template.spec.containers[0],
      resources: { requests: { cpu: '100m' } },
    };
    c.apply(web, PIPELINE);
    // 120m of load over 3 Pods requesting 100m each: 40 % (kubectl 1.30+ names the metric).
    c.load.set({ kind: 'Deployment', name: 'web', namespace: 'default' }, 120);
    c.apply(
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'web' },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
          minReplicas: 2,
          maxReplicas: 5,
          metrics: [
            {
              type: 'Resource',
              resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
            },
          ],
        },
      },
      PIPELINE,
    );
    c.apply(
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { a: '1', b: '2' } },
      PIPELINE,
    );
    c.apply(
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'lb' },
        spec: { type: 'LoadBalancer', ports: [{ port: 443, nodePort: 30443 }] },
      },
      PIPELINE,
    );
    expect(kubectl('get hpa').stdout).toBe(
      [
        'NAME   REFERENCE        TARGETS              MINPODS   MAXPODS   REPLICAS   AGE',
        'web    Deployment/web   cpu: <unknown>/50%   2         5         0          0s',
      ].join('\n'),
    );
    await clock.advanceBy(20_000);
    expect(kubectl('get hpa').stdout).toContain(
      'Deployment/web   cpu: 40%/50%   2         5         3          20s',
    );
    expect(kubectl('get cm cfg').stdout).toBe('NAME   DATA   AGE\ncfg    2      20s');
    expect(kubectl('get svc lb').stdout).toContain(
      'LoadBalancer   10.96.0.2    <pending>     443:30443/TCP',
    );
    expect(kubectl('describe hpa web').stdout).toMatch(
      /Metrics \(current \/ target\): +cpu: 40%\/50%\n(.|\n)*Deployment pods: +3 current \/ 3 desired/,
    );
  });
});
