// An app's tracked objects, kept up to date from the cluster's journal, must be what a fresh
// listing gives (same objects, same order) whatever was written in between; the keys stay the
// same array while no object started or stopped being tracked.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { refKey, refOf, type KObject } from '../cluster';
import { CI, configMap, makeCluster } from '../cluster/testing/fixtures';
import { isTrackedBy, TRACKING_ANNOTATION, trackingId } from '../compare/tracking';
import { expectCacheEqualsFresh } from '../testing/cache-vs-fresh';
import {
  applyStep,
  checkStep,
  deleteConfigMap,
  deleteStep,
  expectSameObjects,
  KUBECTL,
} from '../testing/config-map-history';
import { TrackedObjects } from './tracked';

const NAMES = ['a', 'b', 'c', 'd', 'e'];

type Step =
  | { op: 'apply'; name: string; by: 'shop' | 'blog' | null; v: number }
  | { op: 'delete'; name: string }
  | { op: 'check' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: applyStep(NAMES, {
      by: fc.constantFrom('shop' as const, 'blog' as const, null),
      v: fc.nat(2),
    }),
  },
  { weight: 1, arbitrary: deleteStep(NAMES) },
  { weight: 3, arbitrary: checkStep },
);

const tracked = (objects: readonly KObject[], keys: readonly string[]) => ({
  // Identity, not only equality: the observer and the diff key their own caches by these objects.
  objects: [...objects],
  keys,
});

describe('TrackedObjects', () => {
  it('kept up to date equals a fresh listing (property)', async () => {
    let kept = 0;
    let lastKeys: readonly string[] | null = null;
    await expectCacheEqualsFresh({
      start: fc.constant(null),
      world: () => {
        lastKeys = null;
        const { cluster } = makeCluster();
        return { cluster, cache: new TrackedObjects(cluster, 'shop') };
      },
      step: stepArb,
      act: ({ cluster }, step) => {
        if (step.op === 'apply') {
          const cm = configMap(step.name, { v: String(step.v) });
          if (step.by !== null)
            cm.metadata.annotations = { [TRACKING_ANNOTATION]: trackingId(step.by, cm) };
          // A person's apply leaves the annotation as it was; the reconciler's sets it.
          cluster.apply(cm, step.by === null ? KUBECTL : CI);
        } else if (step.op === 'delete') deleteConfigMap(cluster, step.name);
      },
      // Several writes between two looks: the journal then names several keys.
      looksAfter: (step) => step.op === 'check',
      cached: ({ cache }) => {
        const keys = cache.keys();
        if (lastKeys !== null && keys === lastKeys) kept++;
        lastKeys = keys;
        return tracked(cache.objects(), keys);
      },
      fresh: ({ cluster }) => {
        const fresh = cluster
          .list({ annotation: TRACKING_ANNOTATION })
          .filter((o) => isTrackedBy(o, 'shop'));
        return tracked(
          fresh,
          fresh.map((o) => refKey(refOf(o))),
        );
      },
      agree: (cached, fresh) => {
        expect(cached.keys).toEqual(fresh.keys);
        expectSameObjects(cached.objects, fresh.objects);
      },
      runs: 300,
      seed: 11,
      maxSteps: 40,
    });
    // Many looks found the same tracked keys: the property also covers the kept array.
    expect(kept).toBeGreaterThan(100);
  });

  it('follows the journal: writes to objects it does not track keep the same keys array', () => {
    const { cluster } = makeCluster();
    const tracked = new TrackedObjects(cluster, 'shop');
    const cm = configMap('a', { v: '1' });
    cm.metadata.annotations = { [TRACKING_ANNOTATION]: trackingId('shop', cm) };
    cluster.apply(cm, CI);
    const keys = tracked.keys();
    expect(keys).toEqual(['ConfigMap/default/a']);
    cluster.apply(configMap('other', { v: '1' }), KUBECTL);
    cluster.apply({ ...cm, data: { v: '2' } }, CI);
    expect(tracked.keys()).toBe(keys);
    expect(tracked.objects()[0]).toBe(cluster.byKey('ConfigMap/default/a'));
    cluster.delete({ kind: 'ConfigMap', name: 'a', namespace: 'default' }, KUBECTL);
    expect(tracked.keys()).toEqual([]);
  });
});
