// Stored manifests applied pass after pass through an applier (as both lanes re-apply an app's
// objects) are answered from what the cluster knows (applier.ts, known-applies.ts) only as a
// fresh apply would answer: the same
// results and the same cluster (objects, owners, audit trail), with any writes between and within
// passes (hotfixes, another manager's applies, deletes, commits). The fresh side applies copies
// that are not stored, which the cluster never remembers anything about.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as ops from './ops';
import { stored, type Stored } from '../stored';
import { CI, configMap, deployment, makeCluster, PERSON } from './testing/fixtures';
import type { KObject } from './object';
import type { ApplyResult } from './write';

const OTHER = { ...CI, actor: 'bob', manager: 'other' };
const NAMES = ['a', 'b', 'c'];

type Step =
  | { op: 'pass'; dryRun: boolean; only: number | null }
  | { op: 'commit'; name: string; v: number }
  | { op: 'scale'; name: string; replicas: number }
  | { op: 'other'; name: string }
  | { op: 'delete'; name: string };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      op: fc.constant('pass' as const),
      dryRun: fc.constantFrom(false, false, true),
      // A pass over one manifest only, as a self-heal syncs only what drifted.
      only: fc.constantFrom(null, null, null, null, 0, 1, 2),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('commit' as const),
      name: fc.constantFrom(...NAMES),
      v: fc.nat(2),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('scale' as const),
      name: fc.constantFrom(...NAMES),
      replicas: fc.nat(3),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('other' as const), name: fc.constantFrom(...NAMES) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('delete' as const), name: fc.constantFrom(...NAMES) }),
  },
);

const manifestOf = (name: string, v: number): Stored<KObject> =>
  stored(
    name === 'c'
      ? configMap(name, { v: String(v) })
      : deployment({ name, replicas: 2, image: `${name}:${v}` }),
  );

describe('KnownApplies', () => {
  it('answers re-applies of stored manifests as fresh applies would (property)', () => {
    let runs = 0;
    let answered = 0;
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 30 }), (steps) => {
        runs++;
        // Two clusters take the same steps: one applies fresh copies, one the stored manifests.
        const plain = makeCluster();
        const listed = makeCluster();
        let manifests: readonly Stored<KObject>[] = NAMES.map((n) => manifestOf(n, 0));
        // Each manifest's latest answer: the same (frozen) answer again comes from memory.
        const last = new Map<KObject, ApplyResult>();
        const each = (f: (c: typeof plain.cluster) => void) => {
          for (const c of [plain.cluster, listed.cluster]) {
            try {
              f(c);
            } catch {
              // a refused write (the object is not there) is refused in both
            }
          }
        };
        for (const step of steps) {
          if (step.op === 'pass') {
            const opts = { dryRun: step.dryRun };
            const list = step.only === null ? manifests : [manifests[step.only]!];
            // The stored side goes through an applier, as the lanes do.
            const applier = listed.cluster.applier(CI.manager, list);
            for (const [i, m] of list.entries()) {
              const expected = plain.cluster.apply(structuredClone(m), CI, opts);
              const got = applier.apply(i, CI, opts);
              if (got === last.get(m)) answered++;
              last.set(m, got);
              expect({ ...got, warnings: [...got.warnings] }).toEqual({
                ...expected,
                warnings: [...expected.warnings],
              });
            }
          } else if (step.op === 'commit') {
            const i = NAMES.indexOf(step.name);
            manifests = manifests.map((m, j) => (j === i ? manifestOf(step.name, step.v) : m));
          } else if (step.op === 'scale' && step.name !== 'c')
            each((c) =>
              ops.scale(c, { kind: 'Deployment', name: step.name }, step.replicas, PERSON),
            );
          else if (step.op === 'other')
            // Another manager applies the same manifest: the fields become its own.
            each((c) =>
              c.apply(
                c === plain.cluster
                  ? structuredClone(manifests[NAMES.indexOf(step.name)]!)
                  : manifests[NAMES.indexOf(step.name)]!,
                OTHER,
              ),
            );
          else if (step.op === 'delete')
            each((c) =>
              c.delete(
                { kind: step.name === 'c' ? 'ConfigMap' : 'Deployment', name: step.name },
                CI,
              ),
            );
        }
        expect(listed.cluster.list()).toEqual(plain.cluster.list());
        for (const obj of plain.cluster.list())
          expect(listed.cluster.managedFields({ kind: obj.kind, name: obj.metadata.name })).toEqual(
            plain.cluster.managedFields({ kind: obj.kind, name: obj.metadata.name }),
          );
        const trail = (a: typeof plain.audit) => a.records().map(({ seq: _s, t: _t, ...r }) => r);
        expect(trail(listed.audit)).toEqual(trail(plain.audit));
      }),
      { numRuns: 300, seed: 42 },
    );
    expect(runs).toBe(300);
    // Memory did answer: the property is not passed by always going the long way.
    expect(answered).toBeGreaterThan(100);
  });
});
