import { describe, expect, it } from 'vitest';
import { refOf, type HealthStatus, type KObject } from '../cluster';
import { CI, configMap, deployment, makeCluster } from '../cluster/testing/fixtures';
import { reconcile } from './diff';
import { appHealth, resourceHealth, type HealthInput } from './health';

const deploy = (name: string, status: Record<string, unknown>, paused = false): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'default', generation: 1 },
  spec: { replicas: 2, ...(paused ? { paused } : {}) },
  status: { observedGeneration: 1, ...status },
});
const READY = { replicas: 2, updatedReplicas: 2, availableReplicas: 2 };
const ROLLING = { replicas: 2, updatedReplicas: 1, availableReplicas: 1 };
const STUCK = {
  conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }],
};

const input = (live: KObject): HealthInput => ({
  key: `${live.kind}/default/${live.metadata.name}`,
  kind: live.kind,
  live,
});
const missing = (kind: string, name: string): HealthInput => ({
  key: `${kind}/default/${name}`,
  kind,
});

describe('appHealth: the worst resource health wins', () => {
  it.each<[string, HealthInput[], HealthStatus]>([
    ['no resources', [], 'Healthy'],
    ['all rolled out', [input(deploy('a', READY)), input(deploy('b', READY))], 'Healthy'],
    ['one rolling out', [input(deploy('a', READY)), input(deploy('b', ROLLING))], 'Progressing'],
    [
      'paused beats healthy',
      [input(deploy('a', READY)), input(deploy('b', READY, true))],
      'Suspended',
    ],
    ['a missing Deployment', [input(deploy('a', ROLLING)), missing('Deployment', 'b')], 'Missing'],
    ['degraded beats missing', [missing('Deployment', 'b'), input(deploy('a', STUCK))], 'Degraded'],
    [
      'a missing ConfigMap does not count (no health check)',
      [missing('ConfigMap', 'cfg')],
      'Healthy',
    ],
    ['a live ConfigMap does not count', [input(configMap('cfg', {}))], 'Healthy'],
  ])('%s -> %s', (_, resources, status) => {
    expect(appHealth(resources).status).toBe(status);
  });

  it('names the first resource at the worst status in the message', () => {
    expect(
      appHealth([input(deploy('a', READY)), input(deploy('b', STUCK)), input(deploy('c', STUCK))]),
    ).toEqual({
      status: 'Degraded',
      message: 'Deployment/default/b: Deployment "b" exceeded its progress deadline',
    });
    expect(appHealth([missing('Deployment', 'web')])).toEqual({
      status: 'Missing',
      message: 'Deployment/default/web: missing',
    });
  });

  it('gives no health to kinds without a check', () => {
    expect(resourceHealth(missing('Secret', 's'))).toBeNull();
    expect(resourceHealth(missing('Service', 's'))).toEqual({ status: 'Missing' });
  });
});

describe('sync and health are two axes', () => {
  it('is Synced and Degraded when Git asks for an image that crashes', async () => {
    const { clock, cluster } = makeCluster({ images: { 'web:2.0': { crash: true } } });
    const manifests = [deployment({ image: 'web:2.0' }), configMap('settings', { mode: 'prod' })];
    for (const m of manifests) cluster.apply(m, CI);
    await clock.advanceBy(20_000);
    const live = manifests.map((m) => cluster.get(refOf(m))!);
    const early = reconcile(manifests, live);
    expect(early.sync).toBe('Synced');
    expect(appHealth(early.resources).status).toBe('Progressing');

    await clock.advanceBy(600_000);
    const late = reconcile(
      manifests,
      manifests.map((m) => cluster.get(refOf(m))!),
    );
    expect(late.sync).toBe('Synced');
    expect(appHealth(late.resources)).toMatchObject({ status: 'Degraded' });
  });

  it('is Healthy once a good rollout finishes', async () => {
    const { clock, cluster } = makeCluster();
    cluster.apply(deployment({ replicas: 2 }), CI);
    await clock.advanceBy(20_000);
    const r = reconcile(
      [deployment({ replicas: 2 })],
      [cluster.get({ kind: 'Deployment', name: 'web' })!],
    );
    expect(appHealth(r.resources)).toEqual({ status: 'Healthy' });
  });
});
