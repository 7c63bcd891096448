// scenarioLibraryMs: every library scenario headless in one process (load, run every step);
// stepBackMs: step back from the last step of the longest scenario, with the standby run the app
// keeps, once the learner has read the step (a second later); stepBackImmediateMs: at once, when
// the standby may still be catching up; stepBackReplayMs: with no standby, a replay from the start.
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
    await run.runUntil(scenario.steps.length, { solveTasks: true });
    const took = performance.now() - t0;
    if (took > longestMs) [longest, longestMs] = [scenario.id, took];
  }
  return { ms: performance.now() - start, scenarios: all.length, longest, longestMs };
}

export type StepBackMode = 'standby' | 'immediate' | 'replay';

export async function benchStepBack(id: string, mode: StepBackMode): Promise<number> {
  const entry = loadAll().find((e) => e.scenario.id === id)!;
  const run = await ScenarioRun.start(entry.scenario, {
    standby: mode !== 'replay',
    ...(entry.dirFiles ? { dirFiles: entry.dirFiles } : {}),
  });
  await run.runUntil(entry.scenario.steps.length, { solveTasks: true });
  // A learner reads a step before stepping back: the standby's background work has finished.
  if (mode === 'standby') await new Promise((r) => setTimeout(r, 1_000));
  const start = performance.now();
  await run.back();
  return performance.now() - start;
}
