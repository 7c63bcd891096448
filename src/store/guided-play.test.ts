// @vitest-environment jsdom
// Guided Play in the store: in a lesson, Play plays the next step's own time and pauses where Step
// would have ended it, before a question and once a task's goal holds; in free play time runs on.
import '../platform/node';
import { beforeEach, describe, expect, it } from 'vitest';
import { ScenarioRun } from '../sim/scenario/runner';
import { loadLibraryScenario } from './library';
import { createAppStore } from './store';

let store = createAppStore();
beforeEach(() => {
  localStorage.clear();
  store = createAppStore();
});

/** Presses Play and lets frames run until Play pauses by itself (or `frames` ran). */
async function playUntilPaused(frames = 400): Promise<void> {
  store.setState({ playing: true, speed: 1000 });
  for (let i = 0; i < frames && store.getState().playing; i++) await store.getState().tick(250);
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
    await store.getState().open('hotfix-drift');
    await playUntilPaused();
    expect(store.getState().playing).toBe(false);
    expect(store.getState().results).toHaveLength(1);
    expect(store.currentRun()!.sandbox.now()).toBe(await stepEnd('hotfix-drift', 1));
  });

  it('stops before a question and runs nothing until it is answered', async () => {
    await store.getState().open('your-first-change');
    await store.getState().step();
    await store.getState().showSolution();
    await store.getState().step();
    const before = store.currentRun()!.sandbox.now();
    await playUntilPaused();
    expect(store.getState().next?.kind).toBe('question');
    expect(store.currentRun()!.sandbox.now()).toBe(before);
    store.getState().answer(2);
    await playUntilPaused();
    expect(store.getState().results).toHaveLength(3);
  });

  it('lets time run at a task and pauses once its goal holds', async () => {
    await store.getState().open('your-first-change');
    await store.getState().step();
    // The learner's own pull request, merged; then Play until both lanes deployed it.
    const run = store.currentRun()!;
    const solution = run.nextStep!.step.task!.solution!.filter((a) => !('wait' in a));
    for (const action of solution) await store.getState().act(action);
    expect(store.getState().task?.goalMet).toBe(false);
    await playUntilPaused();
    expect(store.getState().playing).toBe(false);
    expect(store.getState().task?.goalMet).toBe(true);
    expect(store.getState().results).toHaveLength(1); // the learner checks and continues
  });

  it('keeps free-running time in free play', async () => {
    await store.getState().open('free-play');
    await playUntilPaused(20);
    expect(store.getState().playing).toBe(true);
    expect(store.currentRun()!.sandbox.now()).toBeGreaterThan(0);
    store.setState({ playing: false });
  });
});
