// Guided time: a step's actions played in slices of virtual time, so that Play can animate a step
// and still end exactly where Step ends. A step is its actions in order; a `wait` is the only
// action that spends time, and it is spent here slice by slice instead of all at once.
//
// This is what keeps a guided lesson's story true under Play: time never runs outside a step's own
// waits (except while a task waits for the learner), so Play followed by Step, or Step alone, reach
// the same instant with the same things done.
import { parseDuration } from '../clock';
import type { Sandbox } from '../sandbox';
import { runAction, type ActionOutcome } from './actions';
import type { Action } from './schema';

const waitMs = (a: Action) => ('wait' in a ? (parseDuration(a.wait) ?? 0) : 0);

export class StepPlayer {
  readonly outcomes: ActionOutcome[] = [];
  private next = 0;
  /** Virtual time spent in the current wait. */
  private waited = 0;
  private elapsed = 0;

  constructor(
    private readonly sandbox: Sandbox,
    private readonly actions: readonly Action[],
  ) {}

  /** The virtual time the whole step spends in its waits. */
  get totalMs(): number {
    return this.actions.reduce((sum, a) => sum + waitMs(a), 0);
  }

  get elapsedMs(): number {
    return this.elapsed;
  }

  /**
   * Runs the step's actions until `budget` ms of virtual time have passed or every action ran.
   * True when every action ran. `Infinity` runs the rest at once, exactly as a Step does.
   */
  async play(budget: number): Promise<boolean> {
    let left = budget === Infinity ? Infinity : Math.max(0, Math.round(budget));
    while (this.next < this.actions.length) {
      const action = this.actions[this.next]!;
      if ('wait' in action) {
        const total = waitMs(action);
        const slice = Math.min(total - this.waited, left);
        if (slice > 0) {
          await this.sandbox.advance(slice);
          this.waited += slice;
          this.elapsed += slice;
          left -= slice;
        }
        if (this.waited < total) return false;
        this.outcomes.push({ ok: true, text: `waited ${action.wait}`, fatal: false });
        this.waited = 0;
      } else this.outcomes.push(await runAction(this.sandbox, action));
      this.next++;
    }
    return true;
  }
}
