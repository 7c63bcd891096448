// An app's tracked objects, kept up to date from the cluster's journal, must be what a fresh
// listing gives (same objects, same order) whatever was written in between; the keys stay the
// same array while no object started or stopped being tracked.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { refKey, refOf } from '../cluster';
import { CI, configMap, makeCluster, PERSON } from '../cluster/testing/fixtures';
import { isTrackedBy, TRACKING_ANNOTATION, trackingId } from './sync-run';
import { TrackedObjects } from './tracked';

const NAMES = ['a', 'b', 'c', 'd', 'e'];
const KUBECTL = { ...PERSON, channel: 'kubectl' as const, manager: 'kubectl', revision: null };

type Step =
  | { op: 'apply'; name: string; by: 'shop' | 'blog' | null; v: number }
  | { op: 'delete'; name: string }
  | { op: 'check' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('apply' as const),
      name: fc.constantFrom(...NAMES),
      by: fc.constantFrom('shop' as const, 'blog' as const, null),
      v: fc.nat(2),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('delete' as const), name: fc.constantFrom(...NAMES) }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('check' as const) }) },
);

describe('TrackedObjects', () => {
  it('kept up to date equals a fresh listing (property)', () => {
    let runs = 0;
    let kept = 0;
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), (steps) => {
        runs++;
        const { cluster } = makeCluster();
        const tracked = new TrackedObjects('shop');
        let lastKeys: readonly string[] | null = null;
        const check = () => {
          const fresh = cluster
            .list({ annotation: TRACKING_ANNOTATION })
            .filter((o) => isTrackedBy(o, 'shop'));
          const objects = tracked.of(cluster);
          expect(objects.length).toBe(fresh.length);
          objects.forEach((obj, i) => expect(obj).toBe(fresh[i]));
          const keys = tracked.keysOf(cluster);
          expect(keys).toEqual(fresh.map((o) => refKey(refOf(o))));
          if (lastKeys !== null && keys === lastKeys) kept++;
          lastKeys = keys;
        };
        for (const step of steps) {
          if (step.op === 'apply') {
            const cm = configMap(step.name, { v: String(step.v) });
            if (step.by !== null)
              cm.metadata.annotations = { [TRACKING_ANNOTATION]: trackingId(step.by, cm) };
            // A person's apply leaves the annotation as it was; the reconciler's sets it.
            cluster.apply(cm, step.by === null ? KUBECTL : CI);
          } else if (step.op === 'delete') {
            if (cluster.byKey(`ConfigMap/default/${step.name}`))
              cluster.delete({ kind: 'ConfigMap', name: step.name, namespace: 'default' }, KUBECTL);
          } else check();
        }
        check();
      }),
      { numRuns: 300, seed: 11 },
    );
    expect(runs).toBe(300);
    // Many checks found the same tracked keys: the property also covers the kept array.
    expect(kept).toBeGreaterThan(100);
  });

  it('follows the journal: writes to objects it does not track keep the same keys array', () => {
    const { cluster } = makeCluster();
    const tracked = new TrackedObjects('shop');
    const cm = configMap('a', { v: '1' });
    cm.metadata.annotations = { [TRACKING_ANNOTATION]: trackingId('shop', cm) };
    cluster.apply(cm, CI);
    const keys = tracked.keysOf(cluster);
    expect(keys).toEqual(['ConfigMap/default/a']);
    cluster.apply(configMap('other', { v: '1' }), KUBECTL);
    cluster.apply({ ...cm, data: { v: '2' } }, CI);
    expect(tracked.keysOf(cluster)).toBe(keys);
    expect(tracked.of(cluster)[0]).toBe(cluster.byKey('ConfigMap/default/a'));
    cluster.delete({ kind: 'ConfigMap', name: 'a', namespace: 'default' }, KUBECTL);
    expect(tracked.keysOf(cluster)).toEqual([]);
  });
});
