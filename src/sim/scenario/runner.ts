// The scenario runner: build a sandbox from a scenario, step forward (run a step's actions, then
// check its expectations), step back, jump to a step, and free play after the last step.
//
// A run is a pure function of (scenario, seed, the user's own actions): the user's actions are
// recorded with the step they followed, so stepping back or restoring a shared session replays
// from the start and lands in exactly the same state, byte for byte. (A sandbox holds closures on
// the clock queue and an in-memory Git repository, so replay is simpler and safer than a snapshot.)
//
// The checkpoint for a step back is a *standby*: a second run, kept one step behind in the
// background by the same calls a replay makes, so `back()` hands it over at once instead of
// replaying from the start. The app turns it on (`standby: true`); the CLI does not need it.
import { parseDuration } from '../clock';
import type { ConsoleOutput } from '../console-line';
import { Sandbox } from '../sandbox';
import { runAction, type ActionOutcome } from './actions';
import { explainResult } from './describe';
import { checkExpectation } from './expect';
import { MAX_VIRTUAL_MS } from './limits';
import { taskReadsOutput } from './output-expect';
import { StepPlayer } from './play';
import { questionResult } from './question';
import type { NextStep, PlayOutcome, RunOptions, StepResult, UserAction } from './run-types';
import { stepKind } from './run-types';
import { actionWaitMs } from './action-wait';
import { sandboxOptions } from './sandbox-options';
import type { Action, Scenario, Step } from './schema';
import { taskState, taskStepResult, type TaskState } from './task';
import { RunLimitError, WaitBudget } from './wait-budget';

export type {
  NextStep,
  PlayOutcome,
  RunOptions,
  StepKind,
  StepResult,
  UserAction,
} from './run-types';
export { stepKind } from './run-types';
export { RunLimitError } from './wait-budget';

// The action checker brings the zod schema: loaded with the first action a user takes, so the
// app's first download stays without it (the app's own budget, bench/browser.ts).
let actionCheck: Promise<typeof import('./action-check')> | null = null;
const actionCheckModule = () => (actionCheck ??= import('./action-check'));

/** A run being brought to the state after `steps` steps (and the user's actions after them). */
interface Standby {
  steps: number;
  run: Promise<ScenarioRun>;
}

export class ScenarioRun {
  readonly results: StepResult[] = [];
  private readonly user: UserAction[] = [];
  /** What the user's console lines printed, with the step they followed (`output:` reads them). */
  private readonly printed: { afterStep: number; output: ConsoleOutput }[] = [];
  private standby: Standby | null = null;
  /** The next step, part played by guided Play; Step, an action or free time finish it first. */
  private player: StepPlayer | null = null;
  /** The learner's answers to questions, by step index. */
  private readonly answers = new Map<number, number>();
  /** The session's own waits so far, against the reconcile budget. */
  private readonly budget = new WaitBudget(() => this.sandbox.gitops.options);

  private constructor(
    readonly scenario: Scenario,
    readonly sandbox: Sandbox,
    private options: RunOptions,
  ) {}

  static async start(scenario: Scenario, options: RunOptions = {}): Promise<ScenarioRun> {
    const sandbox = await Sandbox.create({
      ...sandboxOptions(scenario, options),
      ...(options.pause ? { pause: options.pause } : {}),
    });
    return new ScenarioRun(scenario, sandbox, options);
  }

  /**
   * Replays a session: the scenario's first `steps` steps, with the user's actions in between, as
   * they happened. The result is the state the original session was in.
   */
  static async replay(
    scenario: Scenario,
    options: RunOptions,
    steps: number,
    user: readonly UserAction[],
  ): Promise<ScenarioRun> {
    const run = await ScenarioRun.start(scenario, { ...options, standby: false });
    await run.catchUp(steps, user);
    if (options.standby) run.enableStandby();
    return run;
  }

  /**
   * Brings a run that has done fewer steps, and every user action up to them, to `steps` steps:
   * the user's actions after the steps it has done, then each further step and the actions after
   * it. From the start this is exactly a replay.
   */
  private async catchUp(steps: number, user: readonly UserAction[]): Promise<void> {
    const acted = new Set(this.user.map((u) => u.afterStep));
    for (let k = this.results.length; k <= steps; k++) {
      if (k > this.results.length) await this.step();
      if (acted.has(k)) continue;
      for (const u of user)
        if (u.afterStep === k) await this.act(u.action, u.solution ? { solution: true } : {});
    }
  }

  /** Keeps a standby from now on (a run handed over by `back()` keeps one too). */
  private enableStandby(): void {
    this.options = { ...this.options, standby: true };
    this.standby = null;
    this.prepareStandby();
  }

  /**
   * Starts bringing the standby to one step behind this run. It moves forward from where it is
   * when it can (the user's actions up to that step are final once a later step has run) and is
   * replayed from the start otherwise.
   */
  private prepareStandby(): void {
    if (!this.options.standby) return;
    const steps = this.results.length - 1;
    if (steps < 0 || this.standby?.steps === steps) return;
    const user = this.user.filter((u) => u.afterStep <= steps);
    const previous = this.standby;
    const later = this.later();
    const run =
      previous && previous.steps < steps
        ? Promise.all([previous.run, later]).then(async ([r]) => {
            await r.catchUp(steps, user);
            return r;
          })
        : later.then(() => ScenarioRun.replay(this.scenario, this.standbyOptions(), steps, user));
    // A failure surfaces when the standby is used; `back()` then replays instead.
    run.catch(() => undefined);
    this.standby = { steps, run };
  }

  /** Resolves when the host's scheduler lets background work start. */
  private later(): Promise<void> {
    const schedule = this.options.schedule;
    return schedule ? new Promise((resolve) => schedule(resolve)) : Promise.resolve();
  }

  private standbyOptions(): RunOptions {
    return { ...this.options, seed: this.seed, standby: false };
  }

  get seed(): number {
    return this.sandbox.seed;
  }

  /** Steps run so far (0 before the first). */
  get stepsDone(): number {
    return this.results.length;
  }

  get done(): boolean {
    return this.results.length >= this.scenario.steps.length;
  }

  get userActions(): readonly UserAction[] {
    return this.user;
  }

  /** The step Step would run next, or null after the last. */
  get nextStep(): NextStep | null {
    const index = this.results.length;
    const step = this.scenario.steps[index];
    return step ? { index, kind: stepKind(step), step } : null;
  }

  /** Where the learner's actions since the last step begin in the audit trail. */
  get stepStartSeq(): number {
    return this.results.at(-1)?.auditEnd ?? 0;
  }

  /**
   * Runs the next step: its actions in order (the rest of them, when Play began it), then its
   * expectations. A task step runs nothing: it completes when its goal holds (see `refused`).
   */
  async step(): Promise<StepResult | null> {
    const next = this.nextStep;
    if (!next) return null;
    if (next.kind === 'task') return this.completeTask(next.index, next.step);
    const player = this.player ?? new StepPlayer(this.sandbox, next.step.do ?? []);
    this.player = null;
    await player.play(Infinity);
    await this.sandbox.settle();
    const { step, index } = next;
    const since = this.sandbox.audit.records().slice(this.stepStartSeq);
    // A step's expectations read the output of its own lines (`output: { of: <run id> }`).
    const own = player.outcomes.flatMap((a) => a.console ?? []);
    const expectations = (step.expect ?? []).map((e) =>
      explainResult(e, checkExpectation(this.sandbox, e, own), since),
    );
    const printed = [...this.printedAfter(index), ...own];
    const refused = player.outcomes
      .filter((a) => !a.ok && a.fatal)
      .map((a) => ({ ok: false, text: `action refused: ${a.text}` }));
    const all = [...refused, ...expectations];
    const question = step.question ? questionResult(step.question, this.answers.get(index)) : null;
    return this.push({
      index,
      title: step.title,
      t: this.sandbox.now(),
      actions: player.outcomes,
      expectations: all,
      ok: all.every((e) => e.ok),
      kind: next.kind,
      auditEnd: this.sandbox.audit.size,
      ...(question ? { question } : {}),
      ...(printed.length > 0 ? { console: printed } : {}),
    });
  }

  /** What the user's lines printed after `k` steps had run (before step k ran). */
  private printedAfter(k: number): ConsoleOutput[] {
    return this.printed.filter((p) => p.afterStep === k).map((p) => p.output);
  }

  /**
   * Whether the next step is a task whose goal reads what the learner's lines print: then every
   * console line is recorded, even one that only looks, so a replay prints the same.
   */
  get readsOutput(): boolean {
    return taskReadsOutput(this.nextStep?.step.task);
  }

  private push(result: StepResult): StepResult {
    this.results.push(result);
    this.prepareStandby();
    return result;
  }

  /** The next step's task, live: call after every learner action and while time runs. */
  checkTask(): TaskState | null {
    const next = this.nextStep;
    if (!next?.step.task) return null;
    return taskState(
      this.sandbox,
      next.step.task,
      this.stepStartSeq,
      this.printedAfter(next.index),
    );
  }

  private completeTask(index: number, step: Step): StepResult {
    const printed = this.printedAfter(index);
    const result = taskStepResult(
      { index, title: step.title, t: this.sandbox.now(), auditEnd: this.sandbox.audit.size },
      step.task!,
      this.checkTask()!,
      this.user.some((u) => u.afterStep === index && u.solution),
    );
    if (result.refused) return result;
    return this.push(printed.length > 0 ? { ...result, console: printed } : result);
  }

  /**
   * "Show me": runs the next task's solution as the learner's actions, flagged as the solution's,
   * so a replay reproduces it and the task's result says it was shown.
   */
  async showSolution(): Promise<ActionOutcome[]> {
    const task = this.nextStep?.step.task;
    const out: ActionOutcome[] = [];
    for (const action of task?.solution ?? []) out.push(await this.act(action, { solution: true }));
    return out;
  }

  /** The learner's answer to the next step's question (an index into its choices). */
  answer(choice: number): void {
    const next = this.nextStep;
    if (next?.step.question) this.answers.set(next.index, choice);
  }

  answerOf(index: number): number | undefined {
    return this.answers.get(index);
  }

  /**
   * Guided Play: up to `ms` of virtual time. Before a plain step, or a question step once answered,
   * it plays that step's own time and ends exactly where Step would (then the caller pauses); at a
   * task, and after the last step, it lets free time run (the learner may need a poll, a rollout).
   * Time never runs ahead of a scripted step, so Play and Step in any order tell the same story.
   */
  async play(ms: number): Promise<PlayOutcome> {
    const next = this.nextStep;
    if (!next || next.kind === 'task') {
      await this.advance(ms);
      return { kind: 'time' };
    }
    if (!this.player && next.kind === 'question' && !this.answers.has(next.index))
      return { kind: 'question', index: next.index };
    this.player ??= new StepPlayer(this.sandbox, next.step.do ?? []);
    if (!(await this.player.play(ms)))
      return {
        kind: 'playing',
        index: next.index,
        elapsedMs: this.player.elapsedMs,
        totalMs: this.player.totalMs,
      };
    return { kind: 'step', result: (await this.step())! };
  }

  /** The next step's progress under guided Play, or null when it has not begun. */
  get playing(): { index: number; elapsedMs: number; totalMs: number } | null {
    return this.player
      ? {
          index: this.results.length,
          elapsedMs: this.player.elapsedMs,
          totalMs: this.player.totalMs,
        }
      : null;
  }

  /**
   * Runs steps until `k` have run (k <= number of steps). A task stops the run unless
   * `solveTasks` plays its solution first (the headless proof does; see task-proof.ts).
   */
  async runUntil(k: number, opts: { solveTasks?: boolean } = {}): Promise<void> {
    while (this.results.length < Math.min(k, this.scenario.steps.length)) {
      if (opts.solveTasks && this.nextStep?.kind === 'task') await this.showSolution();
      const result = await this.step();
      if (!result || result.refused) return;
    }
  }

  /**
   * A user's own action (free play, or between steps): recorded so the session can be replayed.
   * WARNING: a step that guided Play has begun is finished first, so the action lands after it.
   */
  async act(action: Action, opts: { solution?: boolean } = {}): Promise<ActionOutcome> {
    if (this.player) await this.step();
    // The same rules as a scenario's own actions (a poll interval of 0, a wait of ten years): a
    // refused action is answered and not recorded, so no link or saved session ever carries it.
    const { checkAction, issueText } = await actionCheckModule();
    const checked = checkAction(action);
    if (!checked.action)
      return { ok: false, text: `E_ACTION: ${issueText(checked.issues[0]!)}`, fatal: true };
    const waits = actionWaitMs(action);
    const overBudget = waits > 0 ? this.budget.spend(waits) : null;
    if (overBudget) return { ok: false, text: `E_DURATION_LIMIT: ${overBudget}`, fatal: true };
    const afterStep = this.results.length;
    this.user.push({ afterStep, action, ...(opts.solution ? { solution: true as const } : {}) });
    const outcome = await runAction(this.sandbox, action);
    for (const output of outcome.console ?? []) this.printed.push({ afterStep, output });
    return outcome;
  }

  /**
   * Lets virtual time run (Play): recorded as a wait, so a replay lands at the same instant. Waits
   * that follow each other merge into one, so a minute of play is one recorded action, not 3,600.
   */
  async advance(ms: number): Promise<void> {
    if (this.player) await this.step();
    const amount = Math.max(0, Math.round(ms));
    const last = this.user.at(-1);
    const waited = last && 'wait' in last.action ? (parseDuration(last.action.wait) ?? 0) : 0;
    // Merged waits stay within the limit of one wait; a longer Play records a second one.
    if (
      last?.afterStep === this.results.length &&
      'wait' in last.action &&
      !last.solution &&
      waited + amount <= MAX_VIRTUAL_MS
    ) {
      const refused = this.budget.spend(amount);
      if (refused) throw new RunLimitError(refused);
      const total = waited + amount;
      this.user[this.user.length - 1] = {
        afterStep: last.afterStep,
        action: { wait: `${total}ms` },
      };
      await this.sandbox.advance(amount);
      return;
    }
    const outcome = await this.act({ wait: `${amount}ms` });
    if (!outcome.ok) throw new RunLimitError(outcome.text);
  }

  /**
   * The state one step back: a replay of the session up to the previous step. While guided Play
   * is inside a step, back is the start of that step.
   */
  back(): Promise<ScenarioRun> {
    if (this.player) return this.replayTo(this.results.length);
    return this.jumpTo(Math.max(0, this.results.length - 1));
  }

  /**
   * The state after step `k` with the user's actions that followed it (replaying when k is behind,
   * running on when ahead). `back()` is `jumpTo(stepsDone - 1)`.
   */
  async jumpTo(k: number): Promise<ScenarioRun> {
    if (k >= this.results.length) {
      await this.runUntil(k);
      return this;
    }
    const standby = this.standby;
    if (standby?.steps === k) {
      this.standby = null;
      const ready = await standby.run.catch(() => null);
      if (ready) {
        this.handAnswers(ready, k);
        ready.enableStandby();
        return ready;
      }
    }
    return this.replayTo(k);
  }

  private async replayTo(k: number): Promise<ScenarioRun> {
    const run = await ScenarioRun.replay(
      this.scenario,
      { ...this.options, seed: this.seed },
      k,
      this.user.filter((u) => u.afterStep <= k),
    );
    this.handAnswers(run, k);
    return run;
  }

  /** Answers to the questions of the steps a run has done go with it. */
  private handAnswers(run: ScenarioRun, k: number): void {
    for (const [index, choice] of this.answers) if (index < k) run.answers.set(index, choice);
  }
}
