// How much virtual time an action may spend, for the limits on a scenario's and a session's waits:
// a `wait` its duration, a `waitFor` (argocd app wait) its timeout at most.
import { parseDuration } from '../clock';
import type { Action } from './schema';

/** `argocd app wait` in a scenario gives up after this when it names no timeout. */
export const DEFAULT_WAIT_FOR_TIMEOUT = '5m';

export function actionWaitMs(action: Action): number {
  if ('wait' in action) return parseDuration(action.wait) ?? 0;
  if ('waitFor' in action)
    return parseDuration(action.waitFor.timeout ?? DEFAULT_WAIT_FOR_TIMEOUT) ?? 0;
  return 0;
}
