// Builders for cluster tests: a cluster on a fresh clock, and the manifests the tests apply.
import { AuditLog, type ClusterName } from '../../audit';
import { VirtualClock } from '../../clock';
import { Cluster } from '../cluster';
import { imageCatalog, type ImageBehaviour } from '../images';
import type { KObject } from '../object';
import type { WriteContext } from '../write';

export function makeCluster(
  opts: {
    name?: ClusterName;
    images?: Record<string, ImageBehaviour>;
    verifyIdleSyncs?: boolean;
  } = {},
) {
  const clock = new VirtualClock();
  const audit = new AuditLog(clock);
  const cluster = new Cluster({
    name: opts.name ?? 'devops',
    clock,
    audit,
    images: imageCatalog(opts.images),
    ...(opts.verifyIdleSyncs ? { verifyIdleSyncs: true } : {}),
  });
  return { clock, audit, cluster };
}

export const CI: WriteContext = {
  actor: 'ci-bot',
  channel: 'pipeline',
  manager: 'kubectl-client-side-apply',
  revision: 'c0ffee',
};
export const PERSON = { actor: 'alice' };

export function deployment(
  opts: {
    name?: string;
    image?: string;
    replicas?: number;
    env?: Record<string, string>;
    extra?: Record<string, unknown>;
  } = {},
): KObject {
  const name = opts.name ?? 'web';
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      ...(opts.replicas === undefined ? {} : { replicas: opts.replicas }),
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            {
              name,
              image: opts.image ?? `${name}:1.0`,
              ports: [{ containerPort: 8080 }],
              ...(opts.env
                ? { env: Object.entries(opts.env).map(([k, v]) => ({ name: k, value: v })) }
                : {}),
            },
          ],
        },
      },
      ...opts.extra,
    },
  };
}

/**
 * An HPA (autoscaling/v2) keeping the Deployment `web` between `min` and `max` replicas, at
 * `utilization` % of the Pods' CPU request when given (else the API's default, 80 %).
 */
export function hpa(min: number, max: number, utilization?: number): KObject {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: min,
      maxReplicas: max,
      ...(utilization === undefined
        ? {}
        : {
            metrics: [
              {
                type: 'Resource',
                resource: {
                  name: 'cpu',
                  target: { type: 'Utilization', averageUtilization: utilization },
                },
              },
            ],
          }),
    },
  };
}

export function configMap(name: string, data: Record<string, string>): KObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data };
}

/** A StatefulSet `db` of `replicas` Pods running `image`; `extra` is merged into its spec. */
export function statefulSet(
  opts: { name?: string; image?: string; replicas?: number; extra?: Record<string, unknown> } = {},
): KObject {
  const name = opts.name ?? 'db';
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name },
    spec: {
      ...(opts.replicas === undefined ? {} : { replicas: opts.replicas }),
      serviceName: name,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name, image: opts.image ?? `${name}:1.0` }] },
      },
      ...opts.extra,
    },
  };
}
