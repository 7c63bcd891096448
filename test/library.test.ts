// Every library scenario runs headless: all its expectations hold, every task is proved (its goal
// does not hold before the learner acts; its solution reaches it and keeps every constraint), and
// two runs give byte-identical `--json` reports.
import '../src/platform/node';
import { describe, expect, it } from 'vitest';
import { librarySources, readDir } from '../src/cli/library';
import { loadScenario, ScenarioRun } from '../src/sim/scenario';
import { buildReport } from '../src/sim/scenario/report';
import { staticCheck } from '../src/sim/scenario/static-check';
import { playWithSolutions } from '../src/sim/scenario/task-proof';

const sources = librarySources();

async function report(source: (typeof sources)[number]) {
  const scenario = loadScenario(source.text, source.file, source.id);
  const dirFiles = scenario.repo.dir
    ? (readDir(source.file, scenario.repo.dir) ?? undefined)
    : undefined;
  const run = await ScenarioRun.start(scenario, dirFiles ? { dirFiles } : {});
  const proofs = await playWithSolutions(run, scenario.steps.length);
  return { scenario, run, proofs, json: JSON.stringify(await buildReport(run, proofs)) };
}

describe('the scenario library', () => {
  it('has at least twelve scenarios', () => {
    expect(sources.length).toBeGreaterThanOrEqual(12);
  });

  it.each(sources.map((s) => [s.id, s] as const))(
    '%s: valid, every expectation holds, deterministic',
    async (_id, source) => {
      const scenario = loadScenario(source.text, source.file, source.id);
      const dirFiles = scenario.repo.dir ? readDir(source.file, scenario.repo.dir) : undefined;
      expect(staticCheck(scenario, source.text, source.file, dirFiles)).toEqual([]);
      const first = await report(source);
      const failed = first.run.results.flatMap((r) =>
        r.expectations.filter((e) => !e.ok).map((e) => `${r.title}: ${e.text}`),
      );
      expect(failed).toEqual([]);
      expect(first.run.results).toHaveLength(scenario.steps.length);
      const tasks = scenario.steps.flatMap((s, index) => (s.task ? [index] : []));
      expect(first.proofs.map((p) => p.index)).toEqual(tasks);
      for (const proof of first.proofs)
        expect(proof, `task "${proof.title}"`).toMatchObject({
          heldBefore: false,
          hasSolution: true,
          reached: true,
          broken: [],
        });
      const second = await report(source);
      expect(second.json).toBe(first.json);
    },
    60_000,
  );
});
