// The keys Git declares: what the observer looks live objects up by. Kept per manifests and reused
// from the last manifests at the same places; the same answer (by identity) for the same keys.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { refKey, refOf, type KObject } from '../cluster';
import { configMap, makeCluster } from '../cluster/testing/fixtures';
import { expectCacheEqualsFresh } from '../testing/cache-vs-fresh';
import { StoreKeys } from './keys';

const commit = (names: readonly string[], v: number, namespace?: string) =>
  Object.freeze(
    names.map((n) => {
      const cm = configMap(n, { v: String(v) });
      if (namespace) cm.metadata.namespace = namespace;
      return Object.freeze(cm);
    }),
  );

describe('StoreKeys.declaredBy', () => {
  it('answers the store keys in order, the same answer while the keys are the same', () => {
    const { cluster } = makeCluster();
    const keysOf = new StoreKeys(cluster);
    const expected = (ms: readonly KObject[]) => ms.map((m) => refKey(cluster.scoped(refOf(m))));
    const first = commit(['a', 'b', 'c'], 1);
    const keys = keysOf.declaredBy(first);
    expect(keys.list).toEqual(expected(first));
    expect([...keys.set]).toEqual(expected(first));
    // New manifests, some shared with the last ones, the same keys: the very same answer.
    const second = Object.freeze([first[0]!, ...commit(['b', 'c'], 2)]);
    expect(keysOf.declaredBy(second)).toBe(keys);
    // Other keys (a name, an order, a namespace): a new answer, right at every place.
    for (const next of [
      commit(['a', 'b', 'd'], 3),
      commit(['b', 'a', 'c'], 4),
      Object.freeze([second[0]!, ...commit(['b'], 5, 'shop'), second[2]!]),
      commit(['a', 'b'], 6),
    ]) {
      const answer = keysOf.declaredBy(next);
      expect(answer).not.toBe(keys);
      expect(answer.list).toEqual(expected(next));
      expect([...answer.set]).toEqual(expected(next));
    }
  });

  it('equals the keys found afresh, commit after commit (property)', async () => {
    const NAMES = ['a', 'b', 'c', 'd'];
    await expectCacheEqualsFresh({
      start: fc.constant(null),
      world: () => {
        const { cluster } = makeCluster();
        return { cluster, keys: new StoreKeys(cluster), manifests: commit(['a'], 0), v: 0 };
      },
      step: fc.record({
        names: fc.uniqueArray(fc.constantFrom(...NAMES), { maxLength: 4 }),
        namespace: fc.option(fc.constantFrom('default', 'shop'), { nil: undefined }),
        keep: fc.nat(4),
      }),
      act: (w, step) => {
        // A commit: some manifests are the very objects of the last one at their place.
        const next = commit(step.names, ++w.v, step.namespace);
        w.manifests = Object.freeze(
          next.map((m, i) => (i < step.keep && w.manifests[i] ? w.manifests[i] : m)),
        );
      },
      cached: (w) => {
        const { list, set } = w.keys.declaredBy(w.manifests);
        return { list, set: [...set] };
      },
      fresh: (w) => {
        const list = w.manifests.map((m) => refKey(w.cluster.scoped(refOf(m))));
        return { list, set: [...new Set(list)] };
      },
      runs: 200,
      seed: 3,
    });
  });
});
