// The observer's live objects, kept up to date from the cluster's journal of writes, must be what a
// fresh lookup gives (same keys, same order, same objects) whatever was written in between.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KObject } from '../cluster';
import { CI, configMap, makeCluster } from '../cluster/testing/fixtures';
import { expectCacheEqualsFresh } from '../testing/cache-vs-fresh';
import {
  applyStep,
  checkStep,
  deleteConfigMap,
  deleteStep,
  expectSameObjects,
} from '../testing/config-map-history';
import { ClusterMemo } from './cluster-memo';
import { StoreKeys } from './keys';
import { liveCandidates, ObservedApp, type ViewBasis } from './observed';

const NAMES = ['a', 'b', 'c', 'd', 'e', 'f'];

type Step =
  | { op: 'apply'; name: string; v: number }
  | { op: 'delete'; name: string }
  | { op: 'created'; names: string[] }
  | { op: 'commit'; names: string[] }
  | { op: 'check' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: applyStep(NAMES, { v: fc.nat(3) }) },
  { weight: 2, arbitrary: deleteStep(NAMES) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('created' as const),
      names: fc.uniqueArray(fc.constantFrom(...NAMES), { maxLength: 4 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('commit' as const),
      names: fc.uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 4 }),
    }),
  },
  { weight: 3, arbitrary: checkStep },
);

const keyOf = (name: string) => `ConfigMap/default/${name}`;

/** A commit: new frozen manifests, as Git gives them (often the same names, new data). */
function commitOf(names: readonly string[], v: string) {
  const manifests: readonly KObject[] = Object.freeze(
    names.map((n) => Object.freeze(configMap(n, { v }))),
  );
  return { manifests, desired: manifests.map((manifest) => ({ file: 'x.yaml', manifest })) };
}

function world(declaredNames: readonly string[]) {
  const { cluster } = makeCluster();
  const entry = new ObservedApp(new StoreKeys(cluster), new ClusterMemo());
  return {
    cluster,
    declaredNames,
    entry,
    created: [] as readonly string[],
    commits: 0,
    ...commitOf(declaredNames, '0'),
  };
}
type World = ReturnType<typeof world>;

function act(w: World, step: Step): void {
  const { cluster } = w;
  if (step.op === 'apply') cluster.apply(configMap(step.name, { v: String(step.v) }), CI);
  else if (step.op === 'delete') deleteConfigMap(cluster, step.name);
  else if (step.op === 'created') w.created = step.names.map(keyOf);
  else if (step.op === 'commit')
    Object.assign(
      w,
      commitOf(step.names.length % 2 === 0 ? w.declaredNames : step.names, String(++w.commits)),
    );
}

const basisOf = (w: World): ViewBasis => ({
  cluster: w.cluster,
  version: w.cluster.version,
  kinds: w.cluster.kinds.generation,
  desired: w.desired,
  created: w.created,
});

describe('liveCandidates', () => {
  it('kept up to date equals looked up afresh (property)', async () => {
    await expectCacheEqualsFresh({
      start: fc.uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 4 }),
      world,
      step: stepArb,
      act,
      looksAfter: (step) => step.op === 'check',
      cached: (w) => {
        const basis = basisOf(w);
        const kept = liveCandidates(w.manifests, basis, w.entry);
        w.entry.basis = basis;
        return kept;
      },
      fresh: (w) => liveCandidates(w.manifests, basisOf(w)),
      agree: (kept, fresh) => {
        expect([...kept.candidates.keys()]).toEqual([...fresh.candidates.keys()]);
        expectSameObjects(kept.live, fresh.live);
      },
      runs: 200,
      seed: 5,
      maxSteps: 40,
    });
  });
});
