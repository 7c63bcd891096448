// The observer's live objects, kept up to date from the cluster's journal of writes, must be what a
// fresh lookup gives (same keys, same order, same objects) whatever was written in between.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KObject } from '../cluster';
import { CI, configMap, makeCluster, PERSON } from '../cluster/testing/fixtures';
import { stored, type Stored } from '../stored';
import { liveCandidates, type ViewBasis, type ViewMemo } from './sync-views';
import { HealthRollup } from '../gitops/app-status';
import { ReconcileMemo } from '../gitops/diff';

const NAMES = ['a', 'b', 'c', 'd', 'e', 'f'];
const KUBECTL = { ...PERSON, channel: 'kubectl' as const, manager: 'kubectl', revision: null };

type Step =
  | { op: 'apply'; name: string; v: number }
  | { op: 'delete'; name: string }
  | { op: 'created'; names: string[] }
  | { op: 'commit'; names: string[] }
  | { op: 'check' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('apply' as const),
      name: fc.constantFrom(...NAMES),
      v: fc.nat(3),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('delete' as const), name: fc.constantFrom(...NAMES) }),
  },
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
  { weight: 3, arbitrary: fc.record({ op: fc.constant('check' as const) }) },
);

const keyOf = (name: string) => `ConfigMap/default/${name}`;

describe('liveCandidates', () => {
  it('kept up to date equals looked up afresh (property)', () => {
    let runs = 0;
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 4 }),
        fc.array(stepArb, { maxLength: 40 }),
        (declaredNames, steps) => {
          runs++;
          const { cluster } = makeCluster();
          // A commit: new frozen manifests, as Git gives them (often the same names, new data).
          const commitOf = (names: readonly string[], v: string) => {
            const manifests: readonly Stored<KObject>[] = Object.freeze(
              names.map((n) => stored(configMap(n, { v }))),
            );
            return {
              manifests,
              desired: manifests.map((manifest) => ({ file: 'x.yaml', manifest })),
            };
          };
          let { manifests, desired } = commitOf(declaredNames, '0');
          let created: readonly string[] = [];
          const entry: ViewMemo = { memo: new ReconcileMemo(), health: new HealthRollup() };
          const check = () => {
            const basis: ViewBasis = {
              cluster,
              version: cluster.version,
              kinds: cluster.kinds.generation,
              desired,
              created,
            };
            const kept = liveCandidates(manifests, basis, entry);
            const fresh = liveCandidates(manifests, basis);
            expect([...kept.candidates.keys()]).toEqual([...fresh.candidates.keys()]);
            expect(kept.live.length).toBe(fresh.live.length);
            kept.live.forEach((obj, i) => expect(obj).toBe(fresh.live[i]));
            entry.basis = basis;
          };
          for (const step of steps) {
            if (step.op === 'apply') cluster.apply(configMap(step.name, { v: String(step.v) }), CI);
            else if (step.op === 'delete') {
              if (cluster.byKey(keyOf(step.name)))
                cluster.delete(
                  { kind: 'ConfigMap', name: step.name, namespace: 'default' },
                  KUBECTL,
                );
            } else if (step.op === 'created') created = step.names.map(keyOf);
            else if (step.op === 'commit')
              ({ manifests, desired } = commitOf(
                step.names.length % 2 === 0 ? declaredNames : step.names,
                String(steps.indexOf(step)),
              ));
            else check();
          }
          check();
        },
      ),
      { numRuns: 200, seed: 5 },
    );
    expect(runs).toBe(200);
  });
});
