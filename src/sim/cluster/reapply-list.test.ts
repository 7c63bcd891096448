// A list of manifests applied pass after pass answers, from the last pass, only what a plain
// apply would answer: the same results and the same cluster (objects, owners, audit trail), with
// any writes between and within passes (hotfixes, another manager's applies, deletes, commits).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as ops from './ops';
import { ReapplyList } from './reapply-list';
import { CI, configMap, deployment, makeCluster, PERSON } from './testing/fixtures';
import type { KObject } from './object';

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

const manifestOf = (name: string, v: number): KObject =>
  Object.freeze(
    name === 'c'
      ? configMap(name, { v: String(v) })
      : deployment({ name, replicas: 2, image: `${name}:${v}` }),
  );

describe('ReapplyList', () => {
  it('answers a pass as plain applies would (property)', () => {
    let runs = 0;
    let answered = 0;
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 30 }), (steps) => {
        runs++;
        // Two clusters take the same steps: one applies every manifest, one goes by the list.
        const plain = makeCluster();
        const listed = makeCluster();
        const lists = { dry: new ReapplyList(), real: new ReapplyList() };
        let manifests: readonly KObject[] = Object.freeze(NAMES.map((n) => manifestOf(n, 0)));
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
            const pass = (step.dryRun ? lists.dry : lists.real).begin(
              listed.cluster,
              CI.manager,
              list,
            );
            list.forEach((m, i) => {
              const expected = plain.cluster.apply(m, CI, opts);
              const known = pass.known(i);
              if (known) answered++;
              const got = known ?? listed.cluster.apply(m, CI, opts);
              pass.answered(i, got);
              expect({ ...got, warnings: [...got.warnings] }).toEqual({
                ...expected,
                warnings: [...expected.warnings],
              });
            });
          } else if (step.op === 'commit') {
            const i = NAMES.indexOf(step.name);
            manifests = Object.freeze(
              manifests.map((m, j) => (j === i ? manifestOf(step.name, step.v) : m)),
            );
          } else if (step.op === 'scale' && step.name !== 'c')
            each((c) =>
              ops.scale(c, { kind: 'Deployment', name: step.name }, step.replicas, PERSON),
            );
          else if (step.op === 'other')
            // Another manager applies the same manifest: the fields become its own.
            each((c) => c.apply(manifests[NAMES.indexOf(step.name)]!, OTHER));
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
    // The list did answer: the property is not passed by always going the long way.
    expect(answered).toBeGreaterThan(100);
  });
});
