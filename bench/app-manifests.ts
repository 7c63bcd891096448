// A generated app of n objects for the reconcile and virtual-day benchmarks: Deployments, Services
// and ConfigMaps in turn (34 + 33 + 33 for 100), each Deployment reading its ConfigMap, as the
// starter repository's web app does. One file per object, as most GitOps repositories keep them.
import { stringify } from 'yaml';
import type { KObject } from '../src/sim/cluster';

export interface AppObjectOptions {
  /** Deployment image tag (default `1.0`). */
  tag?: string;
  /** ConfigMap `LOG_LEVEL` value (default `info`). */
  logLevel?: string;
  /**
   * How many objects the app has: the last Deployment reads the ConfigMap before it rather than
   * one past the end, whose Pods would stay in CreateContainerConfigError (default: unbounded).
   */
  count?: number;
}

/** Object i of the app: Deployment `app-i`, Service `svc-i` or ConfigMap `cfg-i`. */
export function appObject(i: number, opts: AppObjectOptions = {}): KObject {
  const name = `app-${i}`;
  switch (i % 3) {
    case 0:
      return {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name, labels: { app: name } },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: name } },
          template: {
            metadata: { labels: { app: name } },
            spec: {
              containers: [
                {
                  name: 'web',
                  image: `${name}:${opts.tag ?? '1.0'}`,
                  ports: [{ containerPort: 8080 }],
                  envFrom: [
                    {
                      configMapRef: {
                        name: `cfg-${i + 2 < (opts.count ?? Infinity) ? i + 2 : i - 1}`,
                      },
                    },
                  ],
                  resources: { requests: { cpu: '100m', memory: '64Mi' } },
                },
              ],
            },
          },
        },
      };
    case 1:
      return {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: `svc-${i}` },
        spec: {
          selector: { app: `app-${i - 1}` },
          ports: [{ port: 80, targetPort: 8080 }],
        },
      };
    default:
      return {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `cfg-${i}` },
        data: { GREETING: `hello from ${i}`, LOG_LEVEL: opts.logLevel ?? 'info' },
      };
  }
}

export function appObjects(n: number): KObject[] {
  return Array.from({ length: n }, (_, i) => appObject(i, { count: n }));
}

export function appFilePath(folder: string, i: number): string {
  return `${folder}/${String(i).padStart(4, '0')}.yaml`;
}

export function appFile(obj: KObject): string {
  return stringify(obj);
}

/** The app as repository files under `folder`. */
export function appFiles(n: number, folder: string): Record<string, string> {
  return Object.fromEntries(appObjects(n).map((obj, i) => [appFilePath(folder, i), appFile(obj)]));
}
