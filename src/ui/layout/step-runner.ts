// One step at a time from the learner's hands: Step (button or →) is refused while a step runs,
// so a double click or a held key runs one step, not a queue of them (issue 14). The store
// serialises its work, so without this the second click waited its turn and then ran a second step.
import { useSyncExternalStore } from 'react';
import { appStore } from '../../store/store';

let running = false;
const listeners = new Set<() => void>();

function set(next: boolean): void {
  running = next;
  for (const l of listeners) l();
}

/** Runs the next step, unless one is running: then it does nothing. */
export function runStep(): Promise<void> {
  if (running) return Promise.resolve();
  set(true);
  return appStore
    .getState()
    .step()
    .finally(() => set(false));
}

/** Whether a step started by `runStep` is still running (Step is disabled meanwhile). */
export function useStepRunning(): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => running,
  );
}
