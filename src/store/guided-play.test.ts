// @vitest-environment jsdom
// Guided Play in the store: in a lesson, Play plays the next step's own time and pauses where Step
// would have ended it, before a question and once a task's goal holds; in free play time runs on.
import '../platform/node';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ScenarioRun } from '../sim/scenario/runner';
import { loadLibraryScenario } from './library';
import { appStore, currentRun } from './store';

const initial = appStore.getState();
afterAll(() => appStore.setState(initial, true));
beforeEach(() => localStorage.clear());

/** Presses Play and lets frames run until Play pauses by itself (or `frames` ran). */
async function playUntilPaused(frames = 400): Promise<void> {
  appStore.setState({ playing: true, speed: 1000 });
  for (let i = 0; i < frames && appStore.getState().playing; i++)
    await appStore.getState().tick(250);
}

/** Where Step alone ends step `k`: the clock of a fresh run after k steps. */
async function stepEnd(id: string, k: number): Promise<number> {
  const { scenario, dirFiles } = await loadLibraryScenario(id);
  const run = await ScenarioRun.start(scenario, dirFiles ? { dirFiles } : {});
  await run.runUntil(k, { solveTasks: true });
  return run.sandbox.now();
}

describe('guided Play', () => {
  it('pauses at the end of the first step, at the very instant Step ends it', async () => {
    await appStore.getState().open('hotfix-drift');
    await playUntilPaused();
    expect(appStore.getState().playing).toBe(false);
    expect(appStore.getState().results).toHaveLength(1);
    expect(currentRun()!.sandbox.now()).toBe(await stepEnd('hotfix-drift', 1));
  });

  it('stops before a question and runs nothing until it is answered', async () => {
    await appStore.getState().open('your-first-change');
    await appStore.getState().step();
    await appStore.getState().showSolution();
    await appStore.getState().step();
    const before = currentRun()!.sandbox.now();
    await playUntilPaused();
    expect(appStore.getState().next?.kind).toBe('question');
    expect(currentRun()!.sandbox.now()).toBe(before);
    appStore.getState().answer(2);
    await playUntilPaused();
    expect(appStore.getState().results).toHaveLength(3);
  });

  it('lets time run at a task and pauses once its goal holds', async () => {
    await appStore.getState().open('your-first-change');
    await appStore.getState().step();
    // The learner's own pull request, merged; then Play until both lanes deployed it.
    const run = currentRun()!;
    const solution = run.nextStep!.step.task!.solution!.filter((a) => !('wait' in a));
    for (const action of solution) await appStore.getState().act(action);
    expect(appStore.getState().task?.goalMet).toBe(false);
    await playUntilPaused();
    expect(appStore.getState().playing).toBe(false);
    expect(appStore.getState().task?.goalMet).toBe(true);
    expect(appStore.getState().results).toHaveLength(1); // the learner checks and continues
  });

  it('keeps free-running time in free play', async () => {
    await appStore.getState().open('free-play');
    await playUntilPaused(20);
    expect(appStore.getState().playing).toBe(true);
    expect(currentRun()!.sandbox.now()).toBeGreaterThan(0);
    appStore.setState({ playing: false });
  });
});
