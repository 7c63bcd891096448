// (4) Determinism: the same seed and the same actions give a byte-identical `--json` report, both
// when the history is run again from scratch and when a session is restored by
// ScenarioRun.replay (what step-back and share links do).
import '../../src/platform/node';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScenarioRun } from '../../src/sim/scenario';
import { buildReport } from '../../src/sim/scenario/report';
import { PROPERTY_SEED, runs, timeoutFor } from './property-config';
import { historyActions, historyScenario, historySeed, runHistory } from './random-history';

const RUNS = Math.max(1, Math.round(runs(100) / 5));

describe('determinism', () => {
  it(
    `the same seed and actions give byte-identical reports (${RUNS} histories)`,
    async () => {
      let actionsRun = 0;
      await fc.assert(
        fc.asyncProperty(historySeed, historyActions, async (seed, actions) => {
          actionsRun += actions.length;
          const first = await runHistory(seed, actions);
          const second = await runHistory(seed, actions);
          const report = JSON.stringify(await buildReport(first.run));
          expect(JSON.stringify(await buildReport(second.run))).toBe(report);
          // A restored session replays the user's actions and gives the same report.
          const replayed = await ScenarioRun.replay(
            historyScenario(seed),
            { seed },
            0,
            first.run.userActions,
          );
          expect(JSON.stringify(await buildReport(replayed))).toBe(report);
        }),
        { seed: PROPERTY_SEED, numRuns: RUNS },
      );
      console.log(
        `determinism: ${RUNS} sequences, ${actionsRun} actions, each run twice and restored by replay`,
      );
    },
    timeoutFor(RUNS, 1_500),
  );
});
