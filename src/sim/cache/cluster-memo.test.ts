// A cluster's compare memo must change nothing but the cost: reconcile and the health roll-up with
// it answer what they answer afresh, whatever was written, committed, or edited in place (a
// manifest that is not frozen may be, and must not be remembered), with and without ignore rules.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { refOf, type KObject } from '../cluster';
import { CI, configMap, deployment, makeCluster, PERSON } from '../cluster/testing/fixtures';
import { reconcile, type ReconcileOptions } from '../compare/diff';
import { rollUpHealth } from '../compare/health';
import { expectCacheEqualsFresh } from '../testing/cache-vs-fresh';
import { ClusterMemo } from './cluster-memo';

const NAMES = ['a', 'b', 'c'];
const KUBECTL = { ...PERSON, channel: 'kubectl' as const, manager: 'kubectl', revision: null };
const HPA_IGNORE = [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }];

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

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
  if (!loose) return deepFreeze(obj);
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
});
