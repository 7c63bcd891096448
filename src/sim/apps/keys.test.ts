// The keys Git declares: what the observer looks live objects up by. Kept per manifests and reused
// from the last manifests at the same places; the same answer (by identity) for the same keys.
import { describe, expect, it } from 'vitest';
import { refKey, refOf } from '../cluster';
import { configMap, makeCluster } from '../cluster/testing/fixtures';
import { declaredKeys } from './keys';

const commit = (names: readonly string[], v: number, namespace?: string) =>
  Object.freeze(
    names.map((n) => {
      const cm = configMap(n, { v: String(v) });
      if (namespace) cm.metadata.namespace = namespace;
      return Object.freeze(cm);
    }),
  );

describe('declaredKeys', () => {
  it('answers the store keys in order, the same answer while the keys are the same', () => {
    const { cluster } = makeCluster();
    const expected = (ms: readonly ReturnType<typeof configMap>[]) =>
      ms.map((m) => refKey(cluster.scoped(refOf(m))));
    const first = commit(['a', 'b', 'c'], 1);
    const keys = declaredKeys(cluster, first);
    expect(keys.list).toEqual(expected(first));
    expect([...keys.set]).toEqual(expected(first));
    // New manifests, some shared with the last ones, the same keys: the very same answer.
    const second = Object.freeze([first[0]!, ...commit(['b', 'c'], 2)]);
    expect(declaredKeys(cluster, second)).toBe(keys);
    // Other keys (a name, an order, a namespace): a new answer, right at every place.
    for (const next of [
      commit(['a', 'b', 'd'], 3),
      commit(['b', 'a', 'c'], 4),
      Object.freeze([second[0]!, ...commit(['b'], 5, 'shop'), second[2]!]),
      commit(['a', 'b'], 6),
    ]) {
      const answer = declaredKeys(cluster, next);
      expect(answer).not.toBe(keys);
      expect(answer.list).toEqual(expected(next));
      expect([...answer.set]).toEqual(expected(next));
    }
  });
});
