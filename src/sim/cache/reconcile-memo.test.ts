// ReconcileMemo must answer exactly what a full reconcile (no memo) answers, call for call, whatever
// changed in between: manifests replaced (same key or another), added or removed, live objects
// written, deleted or created, a sync wave moved, a manifest repeated.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KObject } from '../cluster';
import { CI, configMap, deployment, makeCluster, PERSON } from '../cluster/testing/fixtures';
import { reconcile } from '../compare/diff';
import { stored } from '../stored';
import { expectCacheEqualsFresh } from '../testing/cache-vs-fresh';
import { ClusterMemo } from './cluster-memo';
import { ReconcileMemo } from './reconcile-memo';

const NAMES = ['a', 'b', 'c', 'd'];

/** A frozen manifest: a Deployment or a ConfigMap named `name`, variant `v`, maybe with a wave. */
function manifest(kind: 'Deployment' | 'ConfigMap', name: string, v: number, wave?: number) {
  const obj =
    kind === 'Deployment'
      ? deployment({ name, image: `web:${v}`, replicas: 1 + (v % 3) })
      : configMap(name, { v: String(v) });
  if (wave !== undefined)
    obj.metadata.annotations = { 'argocd.argoproj.io/sync-wave': String(wave) };
  return stored(obj);
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

const KUBECTL = { ...PERSON, channel: 'kubectl' as const, manager: 'kubectl', revision: null };

function world(initial: readonly Spec[]) {
  const { cluster, clock } = makeCluster();
  const desired: readonly KObject[] = initial.map(ofSpec);
  for (const m of desired) cluster.apply(m, CI);
  const live = () => [
    ...cluster.list({ kind: 'ConfigMap' }),
    ...cluster.list({ kind: 'Deployment' }),
  ];
  return { cluster, clock, desired, live, memo: new ReconcileMemo(new ClusterMemo()) };
}
type World = ReturnType<typeof world>;

async function act(w: World, step: Step): Promise<void> {
  const { cluster, desired } = w;
  switch (step.op) {
    case 'replace':
      w.desired = desired.map((m, i) => (i === step.at % desired.length ? ofSpec(step.spec) : m));
      break;
    case 'add':
      w.desired = [...desired, ofSpec(step.spec)];
      break;
    case 'remove':
      w.desired = desired.filter((_, i) => i !== step.at % desired.length);
      break;
    case 'apply':
      cluster.apply(ofSpec(step.spec), CI);
      break;
    case 'scale': {
      const ref = { kind: 'Deployment', name: step.name, namespace: 'default' };
      if (cluster.get(ref))
        cluster.update(ref, KUBECTL, (d) => {
          (d.spec as { replicas: number }).replicas = step.replicas;
        });
      break;
    }
    case 'delete': {
      const objs = w.live();
      const victim = objs[step.at % Math.max(1, objs.length)];
      if (victim)
        cluster.delete(
          { kind: victim.kind, name: victim.metadata.name, namespace: 'default' },
          KUBECTL,
        );
      break;
    }
    case 'settle':
      await w.clock.advanceBy(30_000);
      break;
  }
}

describe('ReconcileMemo', () => {
  it('equals a full reconcile after every change (property)', async () => {
    await expectCacheEqualsFresh({
      start: fc.array(specArb, { minLength: 1, maxLength: 5 }),
      world,
      step: stepArb,
      act,
      cached: (w) => w.memo.run(w.desired, w.live(), w.cluster.kinds.generation, {}),
      fresh: (w) => reconcile(w.desired, w.live()),
      runs: 150,
      seed: 11,
      maxSteps: 25,
    });
  }, 60_000);

  it('hands back the same result when nothing was replaced', () => {
    const { cluster } = makeCluster();
    const desired = [manifest('ConfigMap', 'a', 1), manifest('Deployment', 'b', 1)];
    for (const m of desired) cluster.apply(m, CI);
    const memo = new ReconcileMemo(new ClusterMemo());
    const first = memo.run(desired, cluster.list({ kind: 'ConfigMap' }), 0, {});
    expect(memo.run(desired, cluster.list({ kind: 'ConfigMap' }), 0, {})).toBe(first);
  });
});
