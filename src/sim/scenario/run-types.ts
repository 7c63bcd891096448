// The shapes a scenario run hands out: a step's result, a user's recorded action, the next step,
// what a slice of guided Play did, and the options a run starts with.
import type { HostPause } from '../clock';
import type { ConsoleOutput } from '../console-line';
import type { ActionOutcome } from './actions';
import type { ExpectationResult } from './expect';
import type { QuestionResult } from './question';
import type { Action, Step } from './schema';
import type { TaskResult } from './task';

export interface StepResult {
  index: number;
  title: string;
  /** Virtual time when the step ended. */
  t: number;
  actions: ActionOutcome[];
  expectations: ExpectationResult[];
  /** Every expectation held and no action was refused. */
  ok: boolean;
  kind: StepKind;
  /** The audit trail's length when the step ended: what a later step's narration starts from. */
  auditEnd: number;
  /** A task step: its goal's and constraints' result (its lines are also in `expectations`). */
  task?: TaskResult;
  /** A question step: the learner's answer against the right one. */
  question?: QuestionResult;
  /** What the console lines of the step printed: the user's before it, then its own. */
  console?: ConsoleOutput[];
  /**
   * A task step whose goal does not hold yet: nothing advanced, the result is not in `results`.
   * (Step on a task completes it only once its goal holds.)
   */
  refused?: true;
}

export type StepKind = 'plain' | 'task' | 'question';

/** An action the user took in the app (or the CLI), after `afterStep` steps had run. */
export interface UserAction {
  afterStep: number;
  action: Action;
  /** Run by "Show me" from a task's solution, not by the learner's own hand. */
  solution?: true;
}

/** The step Step would run next. */
export interface NextStep {
  index: number;
  kind: StepKind;
  step: Step;
}

/** What a slice of guided Play did (see `play`). */
export type PlayOutcome =
  /** Free time ran: after the last step, or while a task waits for the learner. */
  | { kind: 'time' }
  /** The next step asks a question that has no answer yet: nothing ran; ask it, then play on. */
  | { kind: 'question'; index: number }
  /** Part of the next step's time ran; it is still playing. */
  | { kind: 'playing'; index: number; elapsedMs: number; totalMs: number }
  /** The step finished, exactly as Step would have finished it: pause here. */
  | { kind: 'step'; result: StepResult };

export const stepKind = (step: Step): StepKind =>
  step.task ? 'task' : step.question ? 'question' : 'plain';

export interface RunOptions {
  seed?: number;
  /** The files of `repo.dir`, read by the caller (Node: from disk; browser: bundled). */
  dirFiles?: Record<string, string>;
  /** Keep a standby run one step behind, so that a step back is immediate. */
  standby?: boolean;
  /**
   * Starts the standby's background work. The app passes one that waits for the next paint, so the
   * learner sees a step before its standby follows; by default the work starts at once.
   */
  schedule?: (work: () => void) => void;
  /** The host's pause between events of virtual time (clock.ts): the app's main thread breathes. */
  pause?: HostPause;
}
