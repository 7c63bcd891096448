// A cluster's compare memo must change nothing but the cost: reconcile and the health roll-up with
// it answer what they answer afresh, whatever was written, committed, or edited in place (a
// manifest that is not frozen may be, and must not be remembered), with and without ignore rules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { refOf, type KObject } from '../cluster';
import { CI, configMap, deployment, makeCluster, PERSON } from '../cluster/testing/fixtures';
import { reconcile, type ReconcileOptions } from '../compare/diff';
import { rollUpHealth } from '../compare/health';
import { stored } from '../stored';
import { expectCacheEqualsFresh } from '../testing/cache-vs-fresh';
import { ClusterMemo } from './cluster-memo';

const NAMES = ['a', 'b', 'c'];
const KUBECTL = { ...PERSON, channel: 'kubectl' as const, manager: 'kubectl', revision: null };
const HPA_IGNORE = [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }];

/**
 * A manifest, frozen as Git's are, without a namespace (reconcile scopes a copy of it); or, when
 * `loose`, one that is not frozen and names its namespace (reconcile compares the object itself,
 * which may be edited in place).
 */
function manifest(kind: 'Deployment' | 'ConfigMap', name: string, v: number, loose: boolean) {
  const obj =
    kind === 'Deployment'
      ? deployment({ name, image: `web:${v}`, replicas: 1 + (v % 3) })
      : configMap(name, { v: String(v) });
  if (!loose) return stored(obj);
  obj.metadata.namespace = 'default';
  return obj;
}

type Step =
  | { op: 'commit'; at: number; kind: 'Deployment' | 'ConfigMap'; v: number; loose: boolean }
  | { op: 'edit'; at: number; v: number }
  | { op: 'apply'; at: number }
  | { op: 'scale'; name: string; replicas: number }
  | { op: 'ignore' }
  | { op: 'settle' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    op: fc.constant('commit' as const),
    at: fc.nat(),
    kind: fc.constantFrom('Deployment' as const, 'ConfigMap' as const),
    v: fc.nat(3),
    loose: fc.boolean(),
  }),
  fc.record({ op: fc.constant('edit' as const), at: fc.nat(), v: fc.nat(3) }),
  fc.record({ op: fc.constant('apply' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('scale' as const),
    name: fc.constantFrom(...NAMES),
    replicas: fc.nat(4),
  }),
  fc.record({ op: fc.constant('ignore' as const) }),
  fc.record({ op: fc.constant('settle' as const) }),
);

function world() {
  const { cluster, clock } = makeCluster();
  const desired: KObject[] = NAMES.map((n, i) =>
    manifest(i % 2 ? 'ConfigMap' : 'Deployment', n, 0, false),
  );
  for (const m of desired) cluster.apply(m, CI);
  return { cluster, clock, desired, memo: new ClusterMemo(), ignore: false };
}
type World = ReturnType<typeof world>;

function answer(w: World, memo?: ClusterMemo) {
  const { cluster } = w;
  const live = [...cluster.list({ kind: 'ConfigMap' }), ...cluster.list({ kind: 'Deployment' })];
  const opts: ReconcileOptions = {
    namespaced: (kind) => cluster.kinds.forKind(kind)?.namespaced ?? true,
    ...(w.ignore
      ? {
          ignore: HPA_IGNORE,
          managedFields: (key) => cluster.managedFields(refOf(cluster.byKey(key)!)),
        }
      : {}),
  };
  const result = reconcile(w.desired, live, opts, memo);
  const health = rollUpHealth(result.resources, (r) => cluster.byKey(r.key), memo);
  return { result, health };
}

describe('ClusterMemo', () => {
  it('reconcile and health with the memo equal them afresh (property)', async () => {
    await expectCacheEqualsFresh({
      start: fc.constant(null),
      world,
      step: stepArb,
      act: async (w, step) => {
        const at = (n: number) => n % w.desired.length;
        if (step.op === 'commit')
          w.desired[at(step.at)] = manifest(step.kind, NAMES[at(step.at)]!, step.v, step.loose);
        else if (step.op === 'edit') {
          // Edited in place: only a manifest that is not frozen can be (a scenario's own copy).
          const m = w.desired[at(step.at)]!;
          if (!Object.isFrozen(m)) m.metadata.labels = { v: String(step.v) };
        } else if (step.op === 'apply') w.cluster.apply(w.desired[at(step.at)]!, CI);
        else if (step.op === 'scale') {
          const ref = { kind: 'Deployment', name: step.name, namespace: 'default' };
          if (w.cluster.get(ref))
            w.cluster.update(ref, KUBECTL, (d) => {
              (d.spec as { replicas: number }).replicas = step.replicas;
            });
        } else if (step.op === 'ignore') w.ignore = !w.ignore;
        else await w.clock.advanceBy(30_000);
      },
      cached: (w) => answer(w, w.memo),
      fresh: (w) => answer(w),
      runs: 120,
      seed: 21,
      maxSteps: 25,
    });
  }, 60_000);

  it('keeps one copy per manifest and slot, equal to a fresh copy (property)', async () => {
    // A copy as a sync makes one (gitops/sync-run.ts): the manifest with its app's label.
    const labelled = (m: KObject, slot: string): KObject => {
      const copy = { ...m, metadata: { ...m.metadata, labels: { app: slot } } };
      return Object.isFrozen(m) ? stored(copy) : copy;
    };
    await expectCacheEqualsFresh({
      start: fc.constant(null),
      world: () => {
        return {
          memo: new ClusterMemo(),
          manifests: NAMES.map((n) => manifest('ConfigMap', n, 0, false)),
          at: 0,
          slot: 'argo:shop',
          seen: new WeakMap<KObject, Map<string, KObject>>(),
        };
      },
      step: fc.record({
        at: fc.nat(NAMES.length - 1),
        slot: fc.constantFrom('argo:shop', 'argo:blog', 'flux:shop', 'default'),
        commit: fc.option(fc.record({ v: fc.nat(3), loose: fc.boolean() }), { nil: undefined }),
      }),
      act: (w, step) => {
        if (step.commit)
          w.manifests[step.at] = manifest(
            'ConfigMap',
            NAMES[step.at]!,
            step.commit.v,
            step.commit.loose,
          );
        Object.assign(w, { at: step.at, slot: step.slot });
      },
      cached: (w) => {
        const m = w.manifests[w.at]!;
        return w.memo.copy(m, w.slot, () => labelled(m, w.slot));
      },
      fresh: (w) => labelled(w.manifests[w.at]!, w.slot),
      agree: (cached, fresh, w) => {
        expect(cached).toEqual(fresh);
        expect(Object.isFrozen(cached)).toBe(Object.isFrozen(fresh));
        const m = w.manifests[w.at]!;
        if (!Object.isFrozen(m)) return;
        // The same object for the same frozen manifest and slot: a sync applies it again.
        const seen = w.seen.get(m) ?? new Map<string, KObject>();
        if (seen.has(w.slot)) expect(cached).toBe(seen.get(w.slot));
        w.seen.set(m, seen.set(w.slot, cached));
      },
      runs: 100,
      seed: 8,
    });
  });
});
