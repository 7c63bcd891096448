import '../platform/node';
import { describe, expect, it } from 'vitest';
import { loadLibraryScenario } from './library';
import { mainThreadSlices, SLICE_MS } from './main-thread-slice';
import { ScenarioRun } from '../sim/scenario/runner';

describe('the main thread in slices', () => {
  it('gives a task a whole slice from its first event, then waits for the next task', async () => {
    let t = 1_000;
    let ended: (() => void) | null = null;
    let tasks = 0;
    const pause = mainThreadSlices(
      () => t,
      () => {
        tasks++;
        return Promise.resolve();
      },
      (done) => {
        ended = done;
      },
    );
    // An idle page: the first event of a step starts its slice, it does not wait.
    expect(pause()).toBeNull();
    t += SLICE_MS - 1;
    expect(pause()).toBeNull();
    t += 1;
    const breath = pause();
    expect(breath).not.toBeNull();
    await breath;
    expect(tasks).toBe(1);
    // In the next task a new slice starts.
    expect(pause()).toBeNull();
    t += SLICE_MS / 2;
    expect(pause()).toBeNull();
    // A task that ends before its slice is spent: the next one starts a slice of its own.
    ended!();
    t += SLICE_MS;
    expect(pause()).toBeNull();
  });

  it.each(['hotfix-drift', 'promotion'])(
    'runs %s to the same trail with pauses between events as without',
    async (id) => {
      const { scenario } = await loadLibraryScenario(id);
      const trail = async (pause?: () => Promise<void> | null) => {
        const run = await ScenarioRun.start(scenario, pause ? { pause } : {});
        await run.runUntil(scenario.steps.length, { solveTasks: true });
        return run.sandbox.audit.records().map((r) => JSON.stringify(r));
      };
      // Every other event ends a slice: a real task boundary (a timer) between them, while
      // another run of the same lesson shares the event loop (as the app's standby run does).
      let t = 0;
      const everyEvent = mainThreadSlices(() => (t += SLICE_MS));
      const [paused, beside] = await Promise.all([trail(everyEvent), trail(everyEvent)]);
      const plain = await trail();
      expect(paused).toEqual(plain);
      expect(beside).toEqual(plain);
    },
    60_000,
  );
});
