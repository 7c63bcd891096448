// The live run behind a store's session: the scenario run (simulation state stays out of the
// store), the one chain every operation on it goes through, and the view built from its sandbox
// after each burst of changes. Opening a scenario (`build`) makes a run and `adopt`s it.
import type { StoreApi } from 'zustand/vanilla';
import { ScenarioRun, type UserAction } from '../sim/scenario/runner';
import type { Scenario } from '../sim/scenario/schema';
import { coalesce } from './coalesce';
import { loadAnswers, lessonView } from './lesson-slice';
import { loadLibraryScenario } from './library';
import { mainThreadSlices } from './main-thread-slice';
import { repairPrototypes } from './prototype-guard';
import type { AppState } from './store';
import { ViewAdapter } from './view';

const PLAY_REFRESH_MS = 120;

export interface OpenOptions {
  seed?: number;
  step?: number;
  actions?: UserAction[];
}

export class LiveRun {
  /** The live run behind the store; replaced on open, back and jump. */
  run: ScenarioRun | null = null;
  /** Imported scenarios are not in the library: their text is kept to rebuild runs. */
  imported: { scenario: Scenario } | null = null;
  // Every operation on the run goes through this chain: a step never overlaps a replay.
  private chain: Promise<unknown> = Promise.resolve();
  private unsubscribe: (() => void) | null = null;
  // One view adapter per sandbox: it keeps what did not change between views (view.ts).
  private adapter: ViewAdapter | null = null;

  constructor(
    private readonly set: StoreApi<AppState>['setState'],
    private readonly get: () => AppState,
  ) {}

  // True while an operation other than Play runs: it refreshes the view itself once done, so the
  // views its events ask for meanwhile are skipped (the run pauses between events: each would be a
  // render of a state half-way through a step).
  private quiet = false;

  readonly serial = <T>(fn: () => Promise<T>, opts = { quiet: true }): Promise<T> => {
    const run = async () => {
      this.quiet = opts.quiet;
      try {
        return await fn();
      } finally {
        this.quiet = false;
      }
    };
    const next = this.chain.then(run, run);
    this.chain = next.catch(() => undefined);
    return next;
  };

  /** Hands the current session record to the persistence subscriber. */
  readonly publish = (): void => this.set({ published: this.get().sessionRecord() });

  // Views are built asynchronously (the repo is promise-based): one at a time, and a request made
  // during a build gets the next one, so a view always follows even when builds are slow.
  readonly refresh = coalesce(async () => {
    const target = this.run;
    if (!target) return;
    const views =
      this.adapter?.sandbox === target.sandbox
        ? this.adapter
        : (this.adapter = new ViewAdapter(target.sandbox));
    const view = await views.build();
    if (target === this.run)
      this.set({ view, results: [...target.results], ...lessonView(target) });
  });

  async adopt(next: ScenarioRun): Promise<void> {
    this.unsubscribe?.();
    this.run = next;
    let pending = false;
    this.unsubscribe = next.sandbox.subscribe(() => {
      // Many changes land in one instant: rebuild the view once per burst. While playing, at most
      // every PLAY_REFRESH_MS: a view costs more than a frame of simulation, and the eye needs less.
      if (pending) return;
      pending = true;
      const rebuild = () => {
        pending = false;
        if (!this.quiet) void this.refresh();
      };
      if (this.get().playing) setTimeout(rebuild, PLAY_REFRESH_MS);
      else queueMicrotask(rebuild);
    });
    // A question answered before a reload is answered again in the new run.
    const asked = next.nextStep;
    const chosen = asked ? this.get().answers[asked.index] : undefined;
    if (asked?.kind === 'question' && chosen !== undefined) next.answer(chosen);
    await this.refresh();
    this.publish();
  }

  /** Opens scenario `id` (from the library, or the imported one) and adopts its run. */
  async build(id: string, opts: OpenOptions = {}): Promise<void> {
    if (id === 'imported') this.imported ??= (await import('./restore')).importedLesson();
    const source =
      id === 'imported' && this.imported
        ? { scenario: this.imported.scenario }
        : await loadLibraryScenario(id);
    const { scenario } = source;
    const dirFiles = 'dirFiles' in source ? source.dirFiles : undefined;
    const options = {
      // A standby run one step behind makes "Step back" immediate; it follows after the paint.
      standby: true,
      schedule: afterPaint,
      pause,
      ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
      ...(dirFiles ? { dirFiles } : {}),
    };
    const steps = Math.min(opts.step ?? 0, scenario.steps.length);
    // A fresh start forgets earlier answers; a replay (a reload, a link) takes back its own.
    const replaying = opts.actions !== undefined || steps > 0;
    const seed = opts.seed ?? scenario.seed ?? 1;
    this.set(replaying ? loadAnswers(id, seed) : { answers: {}, hints: {} });
    // The first opening from the start (a lesson's link): its title and first narration paint
    // while the sandbox is built, not after (the first view's largest text, issue 14).
    if (!this.run && !replaying) this.set(lessonText(scenario));
    const next =
      opts.actions || steps > 0
        ? await ScenarioRun.replay(scenario, options, steps, opts.actions ?? [])
        : await ScenarioRun.start(scenario, options);
    stopIfPolluted();
    this.set({
      scenarioId: id,
      ...lessonText(scenario),
      seed: next.seed,
      status: 'ready',
      error: null,
    });
    await this.adopt(next);
  }
}

/** What the narration shows of a lesson, before and after its sandbox is built. */
const lessonText = (scenario: Scenario) => ({
  scenarioTitle: scenario.title,
  steps: scenario.steps.map((s) => ({ title: s.title, say: s.say ?? '' })),
});

/** One for the app: every run (the live one, its standby) shares the main thread. */
const pause = mainThreadSlices();

/** Runs `work` once the browser has painted what is on screen now (a timer where nothing paints). */
function afterPaint(work: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(work, 0));
  else setTimeout(work, 0);
}

/**
 * Throws when the last thing run changed a shared prototype (prototype-guard.ts repairs it): the
 * caller's catch turns it into a message and the session stops, instead of a blank page.
 */
export function stopIfPolluted(): void {
  const keys = repairPrototypes();
  if (keys.length > 0)
    throw new Error(
      `it tried to change JavaScript's built-in objects (${keys.join(', ')}); it was undone and stopped`,
    );
}
