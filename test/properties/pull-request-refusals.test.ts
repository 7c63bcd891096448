// Pull-request actions in any order (branch commit, open, approve, merge): runAction answers every
// refusal as `ok: false` with a coded message; nothing throws out of it.
import '../../src/platform/node';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runAction, ScenarioRun, type Action } from '../../src/sim/scenario';
import { PROPERTY_SEED, runs, timeoutFor } from './property-config';
import { historyScenario } from './random-history';

const branch = fc.constantFrom('feature-a', 'feature-b');
const by = fc.constantFrom('alice', 'bob');
const prAction: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ branch, author: by }).map(({ branch: b, author }) => ({
    commit: {
      branch: b,
      author,
      message: 'scale',
      patch: { 'apps/web/deployment.yaml': { 'spec.replicas': 2 } },
    },
  })),
  fc
    .record({ branch, author: by })
    .map(({ branch: b, author }) => ({ pr: { open: { branch: b, title: 'scale', author } } })),
  fc.record({ branch, by }).map((approve) => ({ pr: { approve } })),
  fc.record({ branch, by }).map((merge) => ({ pr: { merge } })),
);

const RUNS = Math.max(1, Math.round(runs(100) / 5));

describe('pull-request actions', () => {
  it(
    `are refused with a code, never thrown (${RUNS} sequences)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(prAction, { maxLength: 8 }), async (actions) => {
          const run = await ScenarioRun.start(historyScenario(1));
          for (const action of actions) {
            const outcome = await runAction(run.sandbox, action);
            if (!outcome.ok) expect(outcome.text).toMatch(/^E_[A-Z_]+: /);
          }
        }),
        { seed: PROPERTY_SEED, numRuns: RUNS },
      );
    },
    timeoutFor(RUNS, 500),
  );
});
