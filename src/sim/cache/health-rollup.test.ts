// An app's health roll-up, kept up to date from the cluster's journal, must be what a roll-up
// afresh gives, whatever was written in between and whatever the next compare hands over.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KObject } from '../cluster';
import { CI, configMap, deployment, makeCluster } from '../cluster/testing/fixtures';
import { reconcile } from '../compare/diff';
import { rollUpHealth } from '../compare/health';
import type { ResourceDiff } from '../compare/types';
import { expectCacheEqualsFresh } from '../testing/cache-vs-fresh';
import { ClusterMemo } from './cluster-memo';
import { HealthRollup } from './health-rollup';

const NAMES = ['a', 'b', 'c'];
type Cluster = ReturnType<typeof makeCluster>['cluster'];
const live = (cluster: Cluster): KObject[] => cluster.list({ kind: 'Deployment' });
const liveOf = (cluster: Cluster) => (r: { key: string }) => cluster.byKey(r.key);

describe('HealthRollup', () => {
  it('kept up to date from the journal equals a roll-up afresh (property)', async () => {
    const manifests = [...NAMES.map((name) => deployment({ name })), configMap('cfg', {})];
    await expectCacheEqualsFresh({
      start: fc.constant(null),
      world: () => {
        const { cluster, clock } = makeCluster({ images: { 'web:bad': { crash: true } } });
        for (const name of NAMES) cluster.apply(deployment({ name }), CI);
        cluster.apply(configMap('cfg', { a: '1' }), CI);
        const memo = new ClusterMemo();
        const first = reconcile(manifests, live(cluster)).resources;
        return {
          cluster,
          clock,
          first,
          resources: first,
          // One roll-up is handed the first compare's resources again (or a copy of the list):
          // as good as the same; the other the resources of a compare after every step.
          same: new HealthRollup<ResourceDiff>(memo),
          again: new HealthRollup<ResourceDiff>(memo),
        };
      },
      step: fc.record({
        name: fc.constantFrom(...NAMES, 'x'),
        image: fc.constantFrom('web:1', 'web:2', 'web:bad'),
        replicas: fc.integer({ min: 0, max: 3 }),
        op: fc.constantFrom('apply', 'delete', 'wait'),
        declareX: fc.boolean(),
      }),
      act: async (w, s) => {
        const { cluster } = w;
        if (s.op === 'apply')
          cluster.apply(deployment({ name: s.name, image: s.image, replicas: s.replicas }), CI);
        else if (s.op === 'delete' && cluster.byKey(`Deployment/default/${s.name}`))
          cluster.delete({ kind: 'Deployment', name: s.name, namespace: 'default' }, CI);
        else await w.clock.advanceBy(30_000);
        if (s.replicas % 2 === 1) w.first = [...w.first];
        // A compare after the writes: reasons change (missing, modified, in sync), and `x`
        // comes and goes, declared by Git or a resource to prune.
        const declared = s.declareX ? [...manifests, deployment({ name: 'x' })] : manifests;
        w.resources = reconcile(declared, live(cluster)).resources;
      },
      cached: (w) => [
        w.same.rollUp(w.first, w.cluster, liveOf(w.cluster)),
        w.again.rollUp(w.resources, w.cluster, liveOf(w.cluster)),
      ],
      fresh: (w) => [
        rollUpHealth(w.first, liveOf(w.cluster)),
        rollUpHealth(w.resources, liveOf(w.cluster)),
      ],
      runs: 60,
      seed: 9,
      maxSteps: 20,
    });
  }, 30_000);

  it('assesses again a resource that Git stops declaring: to prune, it no longer counts', async () => {
    const { cluster, clock } = makeCluster({ images: { 'web:bad': { crash: true } } });
    cluster.apply(deployment({ name: 'a' }), CI);
    await clock.advanceBy(60_000);
    cluster.apply(deployment({ name: 'x', image: 'web:bad' }), CI);
    await clock.advanceBy(20_000);
    const rollup = new HealthRollup<ResourceDiff>(new ClusterMemo());
    const both = reconcile([deployment({ name: 'a' }), deployment({ name: 'x' })], live(cluster));
    expect(rollup.rollUp(both.resources, cluster, liveOf(cluster)).status).not.toBe('Healthy');
    // Nothing written since; the same keys in the same order, but `x` is now only live.
    const onlyA = reconcile([deployment({ name: 'a' })], live(cluster)).resources;
    expect(onlyA.map((r) => r.key)).toEqual(both.resources.map((r) => r.key));
    expect(rollup.rollUp(onlyA, cluster, liveOf(cluster))).toEqual({ status: 'Healthy' });
  });

  it('starts again for a list of other resources, even of the same length', () => {
    const { cluster } = makeCluster();
    cluster.apply(deployment({ name: 'a' }), CI);
    const first = reconcile([deployment({ name: 'a' })], live(cluster)).resources;
    const other = reconcile([deployment({ name: 'b' })], live(cluster)).resources.filter(
      (r) => r.reason !== 'extra',
    );
    expect(first).toHaveLength(other.length);
    const rollup = new HealthRollup<ResourceDiff>(new ClusterMemo());
    expect(rollup.rollUp(first, cluster, liveOf(cluster))).toEqual(
      rollUpHealth(first, liveOf(cluster)),
    );
    expect(rollup.rollUp(other, cluster, liveOf(cluster))).toEqual({
      status: 'Missing',
      message: 'Deployment/default/b: missing',
    });
  });
});
