import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { refOf, type HealthStatus, type KObject } from '../cluster';
import { CI, configMap, deployment, makeCluster } from '../cluster/testing/fixtures';
import {
  appHealth,
  HealthRollup,
  resourceHealth,
  rollUpHealth,
  type HealthInput,
} from './app-status';
import { reconcile, type ResourceDiff } from './diff';

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

describe('HealthRollup', () => {
  it('kept up to date from the journal equals a roll-up afresh (property)', async () => {
    let runs = 0;
    const NAMES = ['a', 'b', 'c'];
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            name: fc.constantFrom(...NAMES, 'x'),
            image: fc.constantFrom('web:1', 'web:2', 'web:bad'),
            replicas: fc.integer({ min: 0, max: 3 }),
            op: fc.constantFrom('apply', 'delete', 'wait'),
            declareX: fc.boolean(),
          }),
          { maxLength: 20 },
        ),
        async (steps) => {
          runs++;
          const { cluster, clock } = makeCluster({ images: { 'web:bad': { crash: true } } });
          for (const name of NAMES) cluster.apply(deployment({ name }), CI);
          cluster.apply(configMap('cfg', { a: '1' }), CI);
          const manifests = [...NAMES.map((name) => deployment({ name })), configMap('cfg', {})];
          const live = () => [...cluster.list({ kind: 'Deployment' })];
          const { resources } = reconcile(manifests, live());
          const rollup = new HealthRollup<(typeof resources)[number]>();
          const again = new HealthRollup<(typeof resources)[number]>();
          const liveOf = (r: { key: string }) => cluster.byKey(r.key);
          for (const s of steps) {
            if (s.op === 'apply')
              cluster.apply(deployment({ name: s.name, image: s.image, replicas: s.replicas }), CI);
            else if (s.op === 'delete' && cluster.byKey(`Deployment/default/${s.name}`))
              cluster.delete({ kind: 'Deployment', name: s.name, namespace: 'default' }, CI);
            else await clock.advanceBy(30_000);
            // A compare hands over a new list of the same resources: as good as the same one.
            const list = s.replicas % 2 === 0 ? resources : [...resources];
            expect(rollup.rollUp(list, cluster, liveOf)).toEqual(rollUpHealth(resources, liveOf));
            // A compare after the writes: reasons change (missing, modified, in sync), and `x`
            // comes and goes, declared by Git or a resource to prune.
            const declared = s.declareX ? [...manifests, deployment({ name: 'x' })] : manifests;
            const now = reconcile(declared, live()).resources;
            expect(again.rollUp(now, cluster, liveOf)).toEqual(rollUpHealth(now, liveOf));
          }
        },
      ),
      { numRuns: 60, seed: 9 },
    );
    expect(runs).toBe(60);
  }, 30_000);

  it('assesses again a resource that Git stops declaring: to prune, it no longer counts', async () => {
    const { cluster, clock } = makeCluster({ images: { 'web:bad': { crash: true } } });
    cluster.apply(deployment({ name: 'a' }), CI);
    await clock.advanceBy(60_000);
    cluster.apply(deployment({ name: 'x', image: 'web:bad' }), CI);
    await clock.advanceBy(20_000);
    const liveOf = (r: { key: string }) => cluster.byKey(r.key);
    const rollup = new HealthRollup<ResourceDiff>();
    const both = reconcile([deployment({ name: 'a' }), deployment({ name: 'x' })], live(cluster));
    expect(rollup.rollUp(both.resources, cluster, liveOf).status).not.toBe('Healthy');
    // Nothing written since; the same keys in the same order, but `x` is now only live.
    const onlyA = reconcile([deployment({ name: 'a' })], live(cluster)).resources;
    expect(onlyA.map((r) => r.key)).toEqual(both.resources.map((r) => r.key));
    expect(rollup.rollUp(onlyA, cluster, liveOf)).toEqual({ status: 'Healthy' });
  });

  it('starts again for a list of other resources, even of the same length', () => {
    const { cluster } = makeCluster();
    cluster.apply(deployment({ name: 'a' }), CI);
    const liveOf = (r: { key: string }) => cluster.byKey(r.key);
    const first = reconcile([deployment({ name: 'a' })], live(cluster)).resources;
    const other = reconcile([deployment({ name: 'b' })], live(cluster)).resources.filter(
      (r) => r.reason !== 'extra',
    );
    expect(first).toHaveLength(other.length);
    const rollup = new HealthRollup<(typeof first)[number]>();
    expect(rollup.rollUp(first, cluster, liveOf)).toEqual(rollUpHealth(first, liveOf));
    expect(rollup.rollUp(other, cluster, liveOf)).toEqual({
      status: 'Missing',
      message: 'Deployment/default/b: missing',
    });
  });
});

function live(cluster: ReturnType<typeof makeCluster>['cluster']): KObject[] {
  return cluster.list({ kind: 'Deployment' });
}
