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
import type { ImageBehaviour } from '../cluster';
import type { DevopsOptions } from '../devops/lane';
import type { GitopsOptions } from '../gitops/options';
import { Sandbox } from '../sandbox';
import { safeRecord } from '../safe-keys';
import { laneOptions, runAction, type ActionOutcome } from './actions';
import { MAX_VIRTUAL_MS } from './limits';
import { reconcileMessage, wakeRate } from './reconcile-budget';
import { checkExpectation, type ExpectationResult } from './expect';
import type { Action, Scenario } from './schema';

// The action checker brings the zod schema: loaded with the first action a user takes, so the
// app's first download stays without it (the app's own budget, bench/browser.ts).
let actionCheck: Promise<typeof import('./action-check')> | null = null;
const actionCheckModule = () => (actionCheck ??= import('./action-check'));

/** Play went past what one session may wait (MAX_RECONCILES, MAX_VIRTUAL_MS): Play stops. */
export class RunLimitError extends Error {
  readonly code = 'E_DURATION_LIMIT';
  constructor(message: string) {
    super(message);
    this.name = 'RunLimitError';
  }
}

export interface StepResult {
  index: number;
  title: string;
  /** Virtual time when the step ended. */
  t: number;
  actions: ActionOutcome[];
  expectations: ExpectationResult[];
  /** Every expectation held and no action was refused. */
  ok: boolean;
}

/** An action the user took in the app (or the CLI), after `afterStep` steps had run. */
export interface UserAction {
  afterStep: number;
  action: Action;
}

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
}

/** A run being brought to the state after `steps` steps (and the user's actions after them). */
interface Standby {
  steps: number;
  run: Promise<ScenarioRun>;
}

function sandboxOptions(scenario: Scenario, opts: RunOptions) {
  const images = safeRecord<ImageBehaviour>();
  for (const [image, b] of Object.entries(scenario.images ?? {})) {
    images[image] = {
      ...(b.crash ? { crash: true } : {}),
      ...(b.pullError ? { pullError: true } : {}),
      ...(b.readyAfter ? { readyAfterMs: parseDuration(b.readyAfter) ?? undefined } : {}),
    };
  }
  const files = scenario.repo.files ?? opts.dirFiles ?? {};
  return {
    seed: opts.seed ?? scenario.seed ?? 1,
    files,
    images,
    ...(scenario.repo.author ? { author: scenario.repo.author } : {}),
    ...(scenario.repo.message ? { message: scenario.repo.message } : {}),
    ...(scenario.repo.apps ? { apps: scenario.repo.apps } : { path: scenario.repo.path ?? '' }),
    lanes: {
      devops: laneOptions('devops', scenario.lanes?.devops ?? {}) as Partial<DevopsOptions>,
      gitops: laneOptions('gitops', scenario.lanes?.gitops ?? {}) as Partial<GitopsOptions>,
    },
  };
}

export class ScenarioRun {
  readonly results: StepResult[] = [];
  private readonly user: UserAction[] = [];
  private standby: Standby | null = null;
  /** The session's own waits so far, and the polls and applies they stood for (see spend). */
  private waited = 0;
  private reconciles = 0;

  private constructor(
    readonly scenario: Scenario,
    readonly sandbox: Sandbox,
    private options: RunOptions,
  ) {}

  static async start(scenario: Scenario, options: RunOptions = {}): Promise<ScenarioRun> {
    const sandbox = await Sandbox.create(sandboxOptions(scenario, options));
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
      for (const u of user) if (u.afterStep === k) await this.act(u.action);
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

  /** Runs the next step: its actions in order, then its expectations. */
  async step(): Promise<StepResult | null> {
    const index = this.results.length;
    const step = this.scenario.steps[index];
    if (!step) return null;
    const actions: ActionOutcome[] = [];
    for (const action of step.do ?? []) actions.push(await runAction(this.sandbox, action));
    await this.sandbox.settle();
    const expectations = (step.expect ?? []).map((e) => checkExpectation(this.sandbox, e));
    const refused = actions
      .filter((a) => !a.ok && a.fatal)
      .map((a) => ({ ok: false, text: `action refused: ${a.text}` }));
    const all = [...refused, ...expectations];
    const result: StepResult = {
      index,
      title: step.title,
      t: this.sandbox.now(),
      actions,
      expectations: all,
      ok: all.every((e) => e.ok),
    };
    this.results.push(result);
    this.prepareStandby();
    return result;
  }

  /** Runs steps until `k` have run (k <= number of steps). */
  async runUntil(k: number): Promise<void> {
    while (this.results.length < Math.min(k, this.scenario.steps.length)) await this.step();
  }

  /** A user's own action (free play, or between steps): recorded so the session can be replayed. */
  async act(action: Action): Promise<ActionOutcome> {
    // The same rules as a scenario's own actions (a poll interval of 0, a wait of ten years): a
    // refused action is answered and not recorded, so no link or saved session ever carries it.
    const { checkAction, issueText } = await actionCheckModule();
    const checked = checkAction(action);
    if (!checked.action)
      return { ok: false, text: `E_ACTION: ${issueText(checked.issues[0]!)}`, fatal: true };
    const overBudget = 'wait' in action ? this.spend(parseDuration(action.wait) ?? 0) : null;
    if (overBudget) return { ok: false, text: `E_DURATION_LIMIT: ${overBudget}`, fatal: true };
    this.user.push({ afterStep: this.results.length, action });
    return runAction(this.sandbox, action);
  }

  /**
   * Counts `ms` of the session's own waits against MAX_RECONCILES at the reconciler's intervals
   * now; the refusal when they would go past it (nothing is counted then).
   */
  private spend(ms: number): string | null {
    const count = this.reconciles + ms * wakeRate(this.sandbox.gitops.options);
    const refused = reconcileMessage(count, this.waited + ms);
    if (refused) return refused;
    this.reconciles = count;
    this.waited += ms;
    return null;
  }

  /**
   * Lets virtual time run (Play): recorded as a wait, so a replay lands at the same instant. Waits
   * that follow each other merge into one, so a minute of play is one recorded action, not 3,600.
   */
  async advance(ms: number): Promise<void> {
    const amount = Math.max(0, Math.round(ms));
    const last = this.user.at(-1);
    const waited = last && 'wait' in last.action ? (parseDuration(last.action.wait) ?? 0) : 0;
    // Merged waits stay within the limit of one wait; a longer Play records a second one.
    if (
      last?.afterStep === this.results.length &&
      'wait' in last.action &&
      waited + amount <= MAX_VIRTUAL_MS
    ) {
      const refused = this.spend(amount);
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

  /** The state one step back: a replay of the session up to the previous step. */
  back(): Promise<ScenarioRun> {
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
        ready.enableStandby();
        return ready;
      }
    }
    return ScenarioRun.replay(
      this.scenario,
      { ...this.options, seed: this.seed },
      k,
      this.user.filter((u) => u.afterStep <= k),
    );
  }
}
