// The browser's side of the clock's host pause (sim/clock/clock.ts): the simulation runs in slices
// of the main thread, and between two events of virtual time, once a slice is spent, it waits for
// a new task, so the page paints and takes input in between (issue 14: the first view's Total
// Blocking Time; issue 11: a Step among many objects). Every store operation runs one at a time
// (store.ts's chain), so what a learner does meanwhile waits its turn: the run stays exactly the
// same, only spread over more tasks.

/** A task's share of the main thread, in ms, before the simulation lets the page breathe. */
export const SLICE_MS = 40;

type Clock = () => number;

interface Scheduler {
  yield?: () => Promise<void>;
}

/** A new task: `scheduler.yield()` where the browser has it (it resumes first), else a timer. */
function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * A host pause for the clock: null while the current slice lasts, else a promise of the next task.
 * A slice starts at the first pause asked for in a task (an idle page starts a step with a whole
 * slice, not with a wait); `taskEnd` runs its callback once the current task is over.
 */
export function mainThreadSlices(
  now: Clock = () => performance.now(),
  next: () => Promise<void> = nextTask,
  taskEnd: (done: () => void) => void = (done) => setTimeout(done, 0),
): () => Promise<void> | null {
  let sliceStart: number | null = null;
  const endSlice = () => {
    sliceStart = null;
  };
  return () => {
    const t = now();
    if (sliceStart === null) {
      sliceStart = t;
      taskEnd(endSlice);
      return null;
    }
    return t - sliceStart < SLICE_MS ? null : next().then(endSlice);
  };
}
