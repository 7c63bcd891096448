// A session's own waits (its actions and Play), held to the same budget as a scenario's waits:
// MAX_RECONCILES wake-ups of the reconciler at its intervals when each wait was taken
// (reconcile-budget.ts). Play that would go past it stops with RunLimitError.
import { CodedError } from '../coded-error';
import type { GitopsOptions } from '../gitops/options';
import { reconcileMessage, wakeRate } from './reconcile-budget';

/** Play went past what one session may wait (MAX_RECONCILES, MAX_VIRTUAL_MS): Play stops. */
export class RunLimitError extends CodedError<'E_DURATION_LIMIT'> {
  constructor(message: string) {
    super('E_DURATION_LIMIT', message);
  }
}

export class WaitBudget {
  /** The session's own waits so far, and the polls and applies they stood for. */
  private waited = 0;
  private reconciles = 0;

  /** `options`: the reconciler's options now (a session can change its intervals). */
  constructor(private readonly options: () => GitopsOptions) {}

  /**
   * Counts `ms` of waits against MAX_RECONCILES at the reconciler's intervals now; the refusal
   * when they would go past it (nothing is counted then).
   */
  spend(ms: number): string | null {
    const count = this.reconciles + ms * wakeRate(this.options());
    const refused = reconcileMessage(count, this.waited + ms);
    if (refused) return refused;
    this.reconciles = count;
    this.waited += ms;
    return null;
  }
}
