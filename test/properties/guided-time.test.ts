// Guided time never breaks a lesson's story: any interleaving of Play (any durations, any speed),
// Step and Step back, with no learner action beyond "Show me" at a task (the only way past one)
// and answers to questions, leaves every expectation of every library scenario ✓. Play plays a
// step's own waits and ends exactly where Step ends (src/sim/scenario/play.ts), and at a task it
// lets free time run, so this also proves that what follows a task holds however long the
// learner took over it.
import '../../src/platform/node';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { librarySources, readDir } from '../../src/cli/library';
import { loadScenario, ScenarioRun, type StepResult } from '../../src/sim/scenario';
import { PROPERTY_SEED, runs, timeoutFor } from './property-config';

type Op =
  | { op: 'play'; wallMs: number; speed: number }
  | { op: 'step' }
  | { op: 'back' }
  | { op: 'answer'; choice: number };

const SPEEDS = [1, 10, 60, 600];
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('play' as const),
      wallMs: fc.integer({ min: 16, max: 250 }),
      speed: fc.constantFrom(...SPEEDS),
    }),
  },
  { weight: 3, arbitrary: fc.constant({ op: 'step' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'back' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('answer' as const),
      choice: fc.integer({ min: 0, max: 4 }),
    }),
  },
);

const failedLines = (results: readonly StepResult[]) =>
  results.flatMap((r) => r.expectations.filter((e) => !e.ok).map((e) => `${r.title}: ${e.text}`));

const sources = librarySources().filter((s) => s.id !== 'free-play');
const RUNS = runs(2);
const MAX_BACKS = 2;

describe('guided time', () => {
  it.each(sources.map((s) => [s.id, s] as const))(
    `%s: Play, Step and Step back in any order keep every expectation ✓ (${RUNS} interleavings)`,
    async (_id, source) => {
      const scenario = loadScenario(source.text, source.file, source.id);
      const dirFiles = scenario.repo.dir
        ? (readDir(source.file, scenario.repo.dir) ?? undefined)
        : undefined;
      await fc.assert(
        fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 25 }), async (ops) => {
          let run = await ScenarioRun.start(scenario, dirFiles ? { dirFiles } : {});
          const seen: StepResult[] = [];
          let backs = 0;
          const pastTask = async () => {
            if (run.nextStep?.kind === 'task' && run.checkTask()?.goalMet === false)
              await run.showSolution();
          };
          for (const o of ops) {
            if (o.op === 'play') {
              await pastTask();
              const out = await run.play(o.wallMs * o.speed);
              if (out.kind === 'step') seen.push(out.result);
            } else if (o.op === 'step') {
              await pastTask();
              const r = await run.step();
              if (r && !r.refused) seen.push(r);
            } else if (o.op === 'back' && backs < MAX_BACKS) {
              backs++;
              run = await run.back();
            } else if (o.op === 'answer') run.answer(o.choice);
          }
          while (!run.done) {
            await pastTask();
            const r = await run.step();
            if (!r || r.refused) break;
            seen.push(r);
          }
          expect(run.done).toBe(true);
          expect(failedLines(seen)).toEqual([]);
          expect(failedLines(run.results)).toEqual([]);
        }),
        { seed: PROPERTY_SEED, numRuns: RUNS },
      );
    },
    timeoutFor(RUNS, 20_000),
  );
});
