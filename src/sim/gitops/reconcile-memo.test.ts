// ReconcileMemo must answer exactly what a full reconcile answers, call for call, whatever
// changed in between: manifests replaced (same key or another), added or removed, live objects
// written, deleted or created, a sync wave moved, a manifest repeated.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KObject } from '../cluster';
import { CI, configMap, deployment, makeCluster, PERSON } from '../cluster/testing/fixtures';
import { reconcile, ReconcileMemo, type ReconcileOptions } from './diff';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const NAMES = ['a', 'b', 'c', 'd'];

/** A frozen manifest: a Deployment or a ConfigMap named `name`, variant `v`, maybe with a wave. */
function manifest(kind: 'Deployment' | 'ConfigMap', name: string, v: number, wave?: number) {
  const obj =
    kind === 'Deployment'
      ? deployment({ name, image: `web:${v}`, replicas: 1 + (v % 3) })
      : configMap(name, { v: String(v) });
  if (wave !== undefined)
    obj.metadata.annotations = { 'argocd.argoproj.io/sync-wave': String(wave) };
  return deepFreeze(obj);
}

interface Spec {
  kind: 'Deployment' | 'ConfigMap';
  name: string;
  v: number;
  wave: number | undefined;
}

const specArb: fc.Arbitrary<Spec> = fc.record({
  kind: fc.constantFrom('Deployment' as const, 'ConfigMap' as const),
  name: fc.constantFrom(...NAMES),
  v: fc.integer({ min: 0, max: 3 }),
  wave: fc.option(fc.integer({ min: -1, max: 1 }), { nil: undefined }),
});

type Step =
  | { op: 'replace'; at: number; spec: Spec }
  | { op: 'add'; spec: Spec }
  | { op: 'remove'; at: number }
  | { op: 'apply'; spec: Spec }
  | { op: 'scale'; name: string; replicas: number }
  | { op: 'delete'; at: number }
  | { op: 'settle' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), spec: specArb }),
  fc.record({ op: fc.constant('add' as const), spec: specArb }),
  fc.record({ op: fc.constant('remove' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('apply' as const), spec: specArb }),
  fc.record({
    op: fc.constant('scale' as const),
    name: fc.constantFrom(...NAMES),
    replicas: fc.integer({ min: 0, max: 4 }),
  }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('settle' as const) }),
);

const ofSpec = (s: Spec) => manifest(s.kind, s.name, s.v, s.wave);

describe('ReconcileMemo', () => {
  it('equals a full reconcile after every change (property)', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(specArb, { minLength: 1, maxLength: 5 }),
        fc.array(stepArb, { minLength: 1, maxLength: 25 }),
        async (initial, steps) => {
          runs++;
          const { cluster, clock } = makeCluster();
          let desired: readonly KObject[] = initial.map(ofSpec);
          for (const m of desired) cluster.apply(m, CI);
          const memo = new ReconcileMemo();
          const live = () => [
            ...cluster.list({ kind: 'ConfigMap' }),
            ...cluster.list({ kind: 'Deployment' }),
          ];
          const opts: ReconcileOptions & { liveFromCluster: true } = { liveFromCluster: true };
          const check = () => {
            const objs = live();
            const got = memo.run(desired, objs, cluster.kinds.generation, opts);
            expect(got).toEqual(reconcile(desired, objs, opts));
          };
          check();
          for (const step of steps) {
            switch (step.op) {
              case 'replace':
                desired = desired.map((m, i) =>
                  i === step.at % desired.length ? ofSpec(step.spec) : m,
                );
                break;
              case 'add':
                desired = [...desired, ofSpec(step.spec)];
                break;
              case 'remove':
                desired = desired.filter((_, i) => i !== step.at % desired.length);
                break;
              case 'apply':
                cluster.apply(ofSpec(step.spec), CI);
                break;
              case 'scale': {
                const ref = { kind: 'Deployment', name: step.name, namespace: 'default' };
                if (cluster.get(ref))
                  cluster.update(
                    ref,
                    { ...PERSON, channel: 'kubectl', manager: 'kubectl', revision: null },
                    (d) => {
                      (d.spec as { replicas: number }).replicas = step.replicas;
                    },
                  );
                break;
              }
              case 'delete': {
                const objs = live();
                const victim = objs[step.at % Math.max(1, objs.length)];
                if (victim)
                  cluster.delete(
                    { kind: victim.kind, name: victim.metadata.name, namespace: 'default' },
                    { ...PERSON, channel: 'kubectl', manager: 'kubectl', revision: null },
                  );
                break;
              }
              case 'settle':
                await clock.advanceBy(30_000);
                break;
            }
            check();
          }
        },
      ),
      { numRuns: 150, seed: 11 },
    );
    expect(runs).toBe(150);
  }, 60_000);

  it('hands back the same result when nothing was replaced', () => {
    const { cluster } = makeCluster();
    const desired = [manifest('ConfigMap', 'a', 1), manifest('Deployment', 'b', 1)];
    for (const m of desired) cluster.apply(m, CI);
    const memo = new ReconcileMemo();
    const opts = { liveFromCluster: true as const };
    const first = memo.run(desired, cluster.list({ kind: 'ConfigMap' }), 0, opts);
    expect(memo.run(desired, cluster.list({ kind: 'ConfigMap' }), 0, opts)).toBe(first);
  });
});
