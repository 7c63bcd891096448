// One step at a time from the learner's hands: Step (button or →) is refused while a step runs,
// so a held key runs one step, not a queue of them (issue 14). The store serialises its work, so
// without this a second press waited its turn and then ran a second step.
import type { AppStore } from '../../store/store';
import { createFlag } from './flag';

const running = createFlag();

/** Runs the next step, unless one is running: then it does nothing. */
export function runStep(appStore: AppStore): Promise<void> {
  if (running.get()) return Promise.resolve();
  running.set(true);
  return appStore
    .getState()
    .step()
    .finally(() => running.set(false));
}

/** Whether a step started by `runStep` is still running (Step is disabled meanwhile). */
export const useStepRunning = running.use;
