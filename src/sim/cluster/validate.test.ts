import { describe, expect, it } from 'vitest';
import { ClusterError } from './errors';
import { CI, deployment, makeCluster } from './testing/fixtures';
import type { KObject } from './object';

const withSpec = (patch: (spec: Record<string, unknown>) => void): KObject => {
  const d = deployment();
  patch(d.spec as Record<string, unknown>);
  return d;
};

describe('bad input is refused, recorded, and changes nothing', () => {
  it.each<[string, unknown, string, RegExp]>([
    [
      'missing metadata.name',
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} },
      'metadata.name',
      /^Error from server \(Invalid\): error when creating "deploy\.yaml": ConfigMap "" is invalid: metadata\.name: Required value$/,
    ],
    [
      'negative replicas',
      withSpec((s) => (s.replicas = -1)),
      'spec.replicas',
      /^Error from server \(Invalid\): error when creating "deploy\.yaml": Deployment\.apps "web" is invalid: spec\.replicas: Invalid value: -1: must be greater than or equal to 0$/,
    ],
    [
      'replicas of the wrong type',
      withSpec((s) => (s.replicas = 'three')),
      'spec.replicas',
      /deploy\.yaml.*invalid type for io\.k8s\.api\.apps\.v1\.DeploymentSpec\.replicas: got "string", expected "integer"/,
    ],
    [
      'no containers',
      withSpec((s) => ((s.template as { spec: unknown }).spec = { containers: [] })),
      'spec.template.spec.containers',
      /Required value/,
    ],
    [
      'selector not matching labels',
      withSpec((s) => (s.selector = { matchLabels: { app: 'other' } })),
      'spec.template.metadata.labels',
      /`selector` does not match template `labels`/,
    ],
    [
      'upper-case name',
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Web' } },
      'metadata.name',
      /RFC 1123 subdomain/,
    ],
    [
      'label value that is a number',
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', labels: { v: 1 } } },
      'metadata.labels.v',
      /got "integer", expected "string"/,
    ],
    [
      'service port out of range',
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 's' },
        spec: { ports: [{ port: 70000 }] },
      },
      'spec.ports[0].port',
      /must be between 1 and 65535/,
    ],
    [
      'bad quantity',
      withSpec(
        (s) =>
          ((
            s.template as { spec: { containers: Record<string, unknown>[] } }
          ).spec.containers[0]!.resources = { limits: { memory: 'lots' } }),
      ),
      'spec.template.spec.containers[0].resources.limits.memory',
      /quantities must match/,
    ],
  ])('%s', (_name, manifest, field, message) => {
    const { cluster, audit } = makeCluster();
    const before = JSON.stringify(cluster.list());
    let error: unknown;
    try {
      cluster.apply(manifest, { ...CI, file: 'deploy.yaml' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ClusterError);
    expect((error as ClusterError).code).toBe('E_INVALID');
    expect((error as ClusterError).data.field).toBe(field);
    expect((error as ClusterError).data.file).toBe('deploy.yaml');
    expect((error as ClusterError).message).toMatch(message);
    // What the user reads names the file and the field, not only the error's data.
    expect((error as ClusterError).message).toContain('"deploy.yaml"');
    expect((error as ClusterError).message).toContain(field);
    expect(JSON.stringify(cluster.list())).toBe(before);
    const last = audit.records().at(-1)!;
    expect(last).toMatchObject({
      verb: 'refuse',
      actor: 'ci-bot',
      channel: 'pipeline',
      revision: 'c0ffee',
      message: (error as ClusterError).message,
    });
  });

  it('names the file the way kubectl does when the apply patches a stored object', () => {
    const { cluster } = makeCluster();
    cluster.apply(deployment(), { ...CI, file: 'deploy.yaml' });
    expect(() =>
      cluster.apply(
        withSpec((s) => (s.replicas = -1)),
        { ...CI, file: 'deploy.yaml' },
      ),
    ).toThrow(
      'Error from server (Invalid): error when patching "deploy.yaml": Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
  });

  it('keeps the plain API-server text for a write that names no file (kubectl scale, patch)', () => {
    const { cluster } = makeCluster();
    expect(() =>
      cluster.apply(
        withSpec((s) => (s.replicas = -1)),
        CI,
      ),
    ).toThrow(
      /^The Deployment "web" is invalid: spec\.replicas: Invalid value: -1: must be greater than or equal to 0$/,
    );
  });

  it('accepts unusual but valid quantities such as memory: 100m', () => {
    const { cluster } = makeCluster();
    const d = withSpec(
      (s) =>
        ((
          s.template as { spec: { containers: Record<string, unknown>[] } }
        ).spec.containers[0]!.resources = { requests: { memory: '100m', cpu: 0.5 } }),
    );
    expect(cluster.apply(d, CI).outcome).toBe('created');
  });
});
