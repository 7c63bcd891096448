import { describe, expect, it } from 'vitest';
import { coalesce } from './coalesce';

/** A task whose runs finish only when the test says so. */
function gatedTask() {
  const gates: Array<() => void> = [];
  let started = 0;
  let finished = 0;
  const task = () =>
    new Promise<void>((resolve) => {
      started++;
      gates.push(() => {
        finished++;
        resolve();
      });
    });
  const flush = async () => {
    await new Promise((r) => setTimeout(r, 0));
  };
  return {
    task,
    gates,
    flush,
    get started() {
      return started;
    },
    get finished() {
      return finished;
    },
  };
}

describe('coalesce', () => {
  it('keeps finishing runs however often it is called (no starvation)', async () => {
    const t = gatedTask();
    const refresh = coalesce(t.task);
    void refresh();
    await t.flush();
    for (let round = 1; round <= 5; round++) {
      // Calls keep arriving while a run is in progress ...
      void refresh();
      void refresh();
      await t.flush();
      expect(t.started).toBe(round);
      // ... and still each run finishes, and exactly one more starts for all of them.
      t.gates[round - 1]!();
      await t.flush();
      expect(t.finished).toBe(round);
      expect(t.started).toBe(round + 1);
    }
  });

  it('resolves a call only after a run that started after it', async () => {
    const t = gatedTask();
    const refresh = coalesce(t.task);
    void refresh();
    await t.flush();
    let done = false;
    void refresh().then(() => {
      done = true;
    });
    t.gates[0]!();
    await t.flush();
    expect(done).toBe(false); // the run in progress began before the call
    t.gates[1]!();
    await t.flush();
    expect(done).toBe(true);
  });

  it('never runs two at once, and a failed run does not stop later ones', async () => {
    let active = 0;
    let most = 0;
    let calls = 0;
    const refresh = coalesce(async () => {
      active++;
      most = Math.max(most, active);
      await new Promise((r) => setTimeout(r, 1));
      active--;
      if (++calls === 1) throw new Error('first run fails');
    });
    // Three calls before the first run starts share it, and its failure.
    const results = await Promise.allSettled([refresh(), refresh(), refresh()]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    await Promise.all([refresh(), new Promise((r) => setTimeout(r, 0)).then(refresh)]);
    expect(most).toBe(1);
    expect(calls).toBe(3);
  });
});
