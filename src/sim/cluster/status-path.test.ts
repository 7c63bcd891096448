import { describe, expect, it } from 'vitest';
import { diffResource } from '../compare/diff';
import { isStatusPath } from './status-path';
import { CI, makeCluster } from './testing/fixtures';

// REFERENCE.md "Apply semantics both lanes share": an apply sets every field its manifest names;
// only the status subresource is the server's. Status is the segment `status`, not a prefix.
describe('status paths, by whole segment', () => {
  it.each([
    ['status', true],
    ['status.replicas', true],
    ["status['a.b']", true],
    ['status[0]', true],
    ['statusPage', false],
    ['statusPage.url', false],
    ['spec.status', false],
  ])('%s is a status path: %s', (path, expected) => {
    expect(isStatusPath(path)).toBe(expected);
  });

  it('keeps a custom resource’s top-level statusPage field on apply, and its diff Synced', () => {
    const { cluster } = makeCluster();
    cluster.apply(
      {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'monitors.example.com' },
        spec: {
          group: 'example.com',
          scope: 'Namespaced',
          names: { kind: 'Monitor', plural: 'monitors' },
          versions: [{ name: 'v1', served: true }],
        },
      },
      CI,
    );
    const monitor = {
      apiVersion: 'example.com/v1',
      kind: 'Monitor',
      metadata: { name: 'shop', namespace: 'default' },
      spec: { interval: 30 },
      statusPage: { url: 'https://status.example.com' },
    };
    cluster.apply(monitor, CI);
    const live = cluster.get({ kind: 'Monitor', name: 'shop' })!;
    expect(live.statusPage).toEqual({ url: 'https://status.example.com' });
    expect(cluster.managedFields({ kind: 'Monitor', name: 'shop' })[CI.manager]).toContain(
      'statusPage.url',
    );
    expect(diffResource(monitor, live).status).toBe('Synced');
  });
});
