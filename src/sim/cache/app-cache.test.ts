// The keys of an app's resources, kept per resource list, must be the keys of the list it is
// handed now: a compare replaces the list (never edits it), often with the same keys.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { configMap, makeCluster } from '../cluster/testing/fixtures';
import { reconcile } from '../compare/diff';
import type { ResourceDiff } from '../compare/types';
import { expectCacheEqualsFresh } from '../testing/cache-vs-fresh';
import { ClusterCache } from './cluster-cache';

const NAMES = ['a', 'b', 'c', 'd'];

describe('AppCache.resourceKeys', () => {
  it('equals the keys of the list handed over (property)', async () => {
    await expectCacheEqualsFresh({
      start: fc.constant(null),
      world: () => {
        const { cluster } = makeCluster();
        return { cache: ClusterCache.of(cluster).app('shop'), resources: [] as ResourceDiff[] };
      },
      // A compare of other manifests hands a new list; `again` hands the same list once more.
      step: fc.oneof(
        fc.uniqueArray(fc.constantFrom(...NAMES), { maxLength: 4 }),
        fc.constant('again' as const),
      ),
      act: (w, step) => {
        if (step !== 'again')
          w.resources = reconcile(
            step.map((n) => configMap(n, {})),
            [],
          ).resources;
      },
      cached: (w) => [...w.cache.resourceKeys(w.resources)],
      fresh: (w) => w.resources.map((r) => r.key),
      runs: 100,
      seed: 4,
    });
  });

  it('answers the same set for the same list', () => {
    const cache = ClusterCache.of(makeCluster().cluster).app('shop');
    const { resources } = reconcile([configMap('a', {})], []);
    expect(cache.resourceKeys(resources)).toBe(cache.resourceKeys(resources));
  });
});
