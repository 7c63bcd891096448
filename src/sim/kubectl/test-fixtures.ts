// A real cluster with a Deployment `web` (3 replicas, Ready), its Service and a Secret, applied by
// the pipeline, for the kubectl tests. `SECRET_VALUE` must never appear in any output.
import { AuditLog } from '../audit';
import { VirtualClock } from '../clock';
import { Cluster, type WriteContext } from '../cluster';
import { runKubectl } from './execute';
import type { KubectlEnv, KubectlResult } from './context';

export const SECRET_VALUE = 'hunter2-sup3r';
export const PIPELINE: WriteContext = {
  actor: 'ci-bot',
  channel: 'pipeline',
  manager: 'kubectl-client-side-apply',
  revision: 'abc',
};

export function webDeployment(image = 'registry.example/web:1.0'): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            {
              name: 'web',
              image,
              ports: [{ containerPort: 8080 }],
              env: [{ name: 'LOG_LEVEL', value: 'info' }],
            },
          ],
        },
      },
    },
  };
}

export async function webCluster(): Promise<{
  clock: VirtualClock;
  audit: AuditLog;
  cluster: Cluster;
  kubectl: (line: string, env?: Partial<KubectlEnv>) => KubectlResult;
}> {
  const clock = new VirtualClock();
  const audit = new AuditLog(clock);
  const cluster = new Cluster({ name: 'devops', clock, audit });
  cluster.apply(webDeployment(), PIPELINE);
  cluster.apply(
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
    },
    PIPELINE,
  );
  cluster.apply(
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db' },
      stringData: { password: SECRET_VALUE },
    },
    PIPELINE,
  );
  await clock.advanceBy(30_000);
  return {
    clock,
    audit,
    cluster,
    kubectl: (line, env = {}) => runKubectl(line, { cluster, actor: 'alice', ...env }),
  };
}
