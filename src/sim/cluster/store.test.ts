// The store's indexes must answer exactly what a scan of every stored object answers: lists by
// annotation or label, an owner's dependents in the order they were stored, and totals kept as
// objects are written (the Pods a cluster's workloads ask for).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KObject } from './object';
import { StoredObjects, StoredTotal } from './store';

const TRACK = 'example.com/tracked';

function obj(name: string, opts: { tracked?: string; owner?: string; uid?: string } = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name,
      namespace: 'default',
      ...(opts.uid ? { uid: opts.uid } : {}),
      ...(opts.tracked !== undefined ? { annotations: { [TRACK]: opts.tracked } } : {}),
      // Some carry the same key as a label too (Flux marks with labels): the label index.
      ...(opts.tracked !== undefined && opts.tracked !== 'other:2'
        ? { labels: { [TRACK]: opts.tracked } }
        : {}),
      ...(opts.owner
        ? { ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'o', uid: opts.owner }] }
        : {}),
    },
  };
}

type Op =
  | { op: 'set'; name: string; tracked: string | undefined; owner: string | undefined }
  | { op: 'delete'; name: string }
  | { op: 'list' }
  | { op: 'clear' };

const NAMES = ['a', 'b', 'c', 'd', 'e'];
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('set' as const),
      name: fc.constantFrom(...NAMES),
      tracked: fc.option(fc.constantFrom('app:1', 'other:2', ''), { nil: undefined }),
      owner: fc.option(fc.constantFrom('u1', 'u2'), { nil: undefined }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('delete' as const), name: fc.constantFrom(...NAMES) }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('list' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('clear' as const) }) },
);

describe('StoredObjects indexes', () => {
  it('list by annotation, by label, by owner, dependents and totals equal a scan, after any writes (property)', () => {
    let runs = 0;
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        runs++;
        const weight = (o: KObject) => 1 + 2 * (o.metadata.ownerReferences?.length ?? 0);
        const total = new StoredTotal(weight);
        const store = new StoredObjects([total]);
        const check = () => {
          const all = store.list();
          expect(total.value).toBe(all.reduce((sum, o) => sum + weight(o), 0));
          expect(store.list({ annotation: TRACK })).toEqual(
            all.filter((o) => o.metadata.annotations?.[TRACK] !== undefined),
          );
          expect(store.list({ label: TRACK })).toEqual(
            all.filter((o) => o.metadata.labels?.[TRACK] !== undefined),
          );
          for (const uid of ['u1', 'u2']) {
            // A list by owner is in list order, like any list.
            const owned = all.filter((o) => o.metadata.ownerReferences?.some((r) => r.uid === uid));
            expect(store.list({ owner: uid })).toEqual(owned);
            expect(store.list({ owner: uid, kind: 'ConfigMap', namespace: 'default' })).toEqual(
              owned,
            );
            expect(store.list({ owner: uid, kind: 'Pod' })).toEqual([]);
          }
          for (const uid of ['u1', 'u2'])
            expect(store.dependentsOf(uid)).toEqual(
              [...store.values()].filter((o) =>
                o.metadata.ownerReferences?.some((r) => r.uid === uid),
              ),
            );
        };
        for (const o of ops) {
          if (o.op === 'set') {
            const key = `ConfigMap/default/${o.name}`;
            store.set(key, obj(o.name, { tracked: o.tracked, owner: o.owner }));
          } else if (o.op === 'delete') store.delete(`ConfigMap/default/${o.name}`);
          else if (o.op === 'clear') store.clear();
          check();
        }
      }),
      { numRuns: 200, seed: 3 },
    );
    expect(runs).toBe(200);
  });

  it('stores objects frozen to the leaves: an edit of a stored object throws', () => {
    const store = new StoredObjects();
    const kept = store.set('ConfigMap/default/a', obj('a', { tracked: 'app:1', owner: 'u1' }));
    expect(store.get('ConfigMap/default/a')).toBe(kept);
    expect(() => {
      (kept.metadata.annotations as Record<string, string>)[TRACK] = 'other:2';
    }).toThrow(TypeError);
    expect(() => {
      kept.metadata.ownerReferences![0]!.uid = 'u2';
    }).toThrow(TypeError);
    expect(store.list({ owner: 'u1' })).toEqual([kept]);
  });

  it('counts writes in its version', () => {
    const store = new StoredObjects();
    const v0 = store.version;
    store.set('ConfigMap/default/a', obj('a'));
    store.delete('ConfigMap/default/missing');
    expect(store.version).toBe(v0 + 1);
    store.delete('ConfigMap/default/a');
    store.clear();
    expect(store.version).toBe(v0 + 3);
  });

  it('tells which keys were written since a version, or that it no longer knows', () => {
    const store = new StoredObjects();
    const v0 = store.version;
    store.set('ConfigMap/default/a', obj('a'));
    store.set('ConfigMap/default/b', obj('b'));
    store.set('ConfigMap/default/a', obj('a', { tracked: 'x' }));
    const v1 = store.version;
    store.delete('ConfigMap/default/b');
    expect(store.changedSince(v0)).toEqual([
      'ConfigMap/default/a',
      'ConfigMap/default/b',
      'ConfigMap/default/a',
      'ConfigMap/default/b',
    ]);
    expect(store.changedSince(v1)).toEqual(['ConfigMap/default/b']);
    expect(store.changedSince(store.version)).toEqual([]);
    const beforeClear = store.version;
    store.clear();
    expect(store.changedSince(beforeClear)).toBeNull();
    expect(store.changedSince(store.version)).toEqual([]);
    // A long run of writes: the journal keeps the latest ones only.
    const v2 = store.version;
    for (let i = 0; i < 20_000; i++) store.set('ConfigMap/default/a', obj('a'));
    expect(store.changedSince(v2)).toBeNull();
    expect(store.changedSince(store.version - 3)).toEqual(Array(3).fill('ConfigMap/default/a'));
  });
});
