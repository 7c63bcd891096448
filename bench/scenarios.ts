// scenarioLibraryMs: every library scenario headless in one process (load, run every step);
// stepBackMs: step back from the last step of the longest scenario (a replay from the start).
import { librarySources, readDir } from '../src/cli/library';
import { loadScenario, ScenarioRun, type Scenario } from '../src/sim/scenario';

function loadAll(): { scenario: Scenario; dirFiles?: Record<string, string> }[] {
  return librarySources().map((s) => {
    const scenario = loadScenario(s.text, s.file, s.id);
    const dirFiles = scenario.repo.dir
      ? (readDir(s.file, scenario.repo.dir) ?? undefined)
      : undefined;
    return dirFiles ? { scenario, dirFiles } : { scenario };
  });
}

export async function benchLibrary(): Promise<{
  ms: number;
  scenarios: number;
  longest: string;
  longestMs: number;
}> {
  const all = loadAll();
  let longest = '';
  let longestMs = 0;
  const start = performance.now();
  for (const { scenario, dirFiles } of all) {
    const t0 = performance.now();
    const run = await ScenarioRun.start(scenario, dirFiles ? { dirFiles } : {});
    await run.runUntil(scenario.steps.length);
    const took = performance.now() - t0;
    if (took > longestMs) [longest, longestMs] = [scenario.id, took];
  }
  return { ms: performance.now() - start, scenarios: all.length, longest, longestMs };
}

export async function benchStepBack(id: string): Promise<number> {
  const entry = loadAll().find((e) => e.scenario.id === id)!;
  const run = await ScenarioRun.start(
    entry.scenario,
    entry.dirFiles ? { dirFiles: entry.dirFiles } : {},
  );
  await run.runUntil(entry.scenario.steps.length);
  const start = performance.now();
  await run.back();
  return performance.now() - start;
}
