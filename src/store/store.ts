// The one zustand store: view state in typed slices, plus the latest snapshot of the sandbox.
// The scenario run (simulation state) lives outside the store; the store only holds what React
// renders. Vanilla (no React import): React reads it through hooks.ts.
import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla';
import { runAction, type ActionOutcome } from '../sim/scenario/actions';
import { ScenarioRun, type StepResult, type UserAction } from '../sim/scenario/runner';
import type { Action, Scenario } from '../sim/scenario/schema';
import { FREE_PLAY, hasScenario, loadLibraryScenario } from './library';
import { addressQuery, SESSION_FORMAT, sessionQuery, type SessionRecord } from './session-link';
import { clearSavedSession, persistSessions, saveLesson } from './persistence';
import { repairPrototypes } from './prototype-guard';
import { safetyState, type SafetySlice } from './safety';
import { ViewAdapter, type SandboxView } from './view';
import { coalesce } from './coalesce';
import { consoleSlice, type ConsoleSlice } from './console';
import {
  isGuided,
  lessonSlice,
  lessonView,
  loadAnswers,
  mayStep,
  type LessonSlice,
} from './lesson-slice';
import { errorText } from './error-text';
import { mainThreadSlices } from './main-thread-slice';

export const SPEEDS = [1, 10, 60, 300, 1000] as const;
const PLAY_REFRESH_MS = 120;
/** Play: wall time a frame may spend on the simulation, and the virtual time of one slice. */
const FRAME_BUDGET_MS = 10;
const PLAY_SLICE_MS = 2_000;

export interface SessionSlice {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  /** A message about the session itself (an incompatible link, an import that was refused). */
  notice: string | null;
  scenarioId: string;
  /**
   * The session record as last published: after each step, action, jump and opening, and about
   * once a second while playing. The store's persistence subscriber saves each one (persistence.ts).
   */
  published: SessionRecord | null;
  scenarioTitle: string;
  steps: { title: string; say: string }[];
  results: StepResult[];
  seed: number;
  view: SandboxView | null;
  playing: boolean;
  speed: number;
  busy: boolean;
  open: (
    id: string,
    opts?: { seed?: number; step?: number; actions?: UserAction[] },
  ) => Promise<void>;
  importScenario: (text: string, fileName: string) => Promise<void>;
  reset: () => Promise<void>;
  step: () => Promise<void>;
  back: () => Promise<void>;
  jumpTo: (k: number) => Promise<void>;
  togglePlay: () => void;
  setSpeed: (speed: number) => void;
  /** Play: `wallMs` of real time passed; virtual time moves `wallMs * speed`. */
  tick: (wallMs: number) => Promise<void>;
  /** A user's action; with `record` false (a read-only console line) it is run, not recorded. */
  act: (action: Action, record?: boolean) => Promise<ActionOutcome | null>;
  /** "Show me": the next task's solution, run as the learner's actions and recorded as such. */
  showSolution: () => Promise<void>;
  sessionRecord: () => SessionRecord | null;
  dismissNotice: () => void;
}

export type AppState = SessionSlice & ConsoleSlice & SafetySlice & LessonSlice;

/** Runs `work` once the browser has painted what is on screen now (a timer where nothing paints). */
function afterPaint(work: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(work, 0));
  else setTimeout(work, 0);
}

/** What the narration shows of a lesson, before and after its sandbox is built. */
const lessonText = (scenario: Scenario) => ({
  scenarioTitle: scenario.title,
  steps: scenario.steps.map((s) => ({ title: s.title, say: s.say ?? '' })),
});

/** One for the app: every run (the live one, its standby) shares the main thread. */
const pause = mainThreadSlices();

/** The session slice, and the live run behind it (simulation state stays out of the store). */
function sessionSlice(): {
  slice: StateCreator<AppState, [], [], SessionSlice>;
  currentRun: () => ScenarioRun | null;
} {
  /** The live run behind the store; replaced on open, back and jump. */
  let run: ScenarioRun | null = null;
  /** Imported scenarios are not in the library: their text is kept to rebuild runs. */
  let imported: { scenario: Scenario } | null = null;
  let lastPlaySave = 0;
  // Every operation on the run goes through this chain: a step never overlaps a replay.
  let chain: Promise<unknown> = Promise.resolve();

  // True while an operation other than Play runs: it refreshes the view itself once done, so the
  // views its events ask for meanwhile are skipped (the run pauses between events now: each would
  // be a render of a state half-way through a step).
  let quiet = false;

  function serial<T>(fn: () => Promise<T>, opts: { quiet: boolean } = { quiet: true }): Promise<T> {
    const run = async () => {
      quiet = opts.quiet;
      try {
        return await fn();
      } finally {
        quiet = false;
      }
    };
    const next = chain.then(run, run);
    chain = next.catch(() => undefined);
    return next;
  }

  const slice: StateCreator<AppState, [], [], SessionSlice> = (set, get) => {
    let unsubscribe: (() => void) | null = null;

    /** Hands the current session record to the persistence subscriber. */
    const publish = () => set({ published: get().sessionRecord() });

    // Views are built asynchronously (the repo is promise-based): one at a time, and a request made
    // during a build gets the next one, so a view always follows even when builds are slow.
    // One view adapter per sandbox: it keeps what did not change between views (view.ts).
    let adapter: ViewAdapter | null = null;
    const refresh = coalesce(async () => {
      const target = run;
      if (!target) return;
      const views =
        adapter?.sandbox === target.sandbox ? adapter : (adapter = new ViewAdapter(target.sandbox));
      const view = await views.build();
      if (target === run) set({ view, results: [...target.results], ...lessonView(target) });
    });

    const adopt = async (next: ScenarioRun) => {
      unsubscribe?.();
      run = next;
      let pending = false;
      unsubscribe = next.sandbox.subscribe(() => {
        // Many changes land in one instant: rebuild the view once per burst. While playing, at most
        // every PLAY_REFRESH_MS: a view costs more than a frame of simulation, and the eye needs less.
        if (pending) return;
        pending = true;
        const rebuild = () => {
          pending = false;
          if (!quiet) void refresh();
        };
        if (get().playing) setTimeout(rebuild, PLAY_REFRESH_MS);
        else queueMicrotask(rebuild);
      });
      // A question answered before a reload is answered again in the new run.
      const asked = next.nextStep;
      const chosen = asked ? get().answers[asked.index] : undefined;
      if (asked?.kind === 'question' && chosen !== undefined) next.answer(chosen);
      await refresh();
      publish();
    };

    const build = async (
      id: string,
      opts: { seed?: number; step?: number; actions?: UserAction[] } = {},
    ) => {
      if (id === 'imported') imported ??= (await import('./restore')).importedLesson();
      const source =
        id === 'imported' && imported
          ? { scenario: imported.scenario }
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
      set(replaying ? loadAnswers(id, seed) : { answers: {}, hints: {} });
      // The first opening from the start (a lesson's link): its title and first narration paint
      // while the sandbox is built, not after (the first view's largest text, issue 14).
      if (!run && !replaying) set(lessonText(scenario));
      const next =
        opts.actions || steps > 0
          ? await ScenarioRun.replay(scenario, options, steps, opts.actions ?? [])
          : await ScenarioRun.start(scenario, options);
      stopIfPolluted();
      set({
        scenarioId: id,
        ...lessonText(scenario),
        seed: next.seed,
        status: 'ready',
        error: null,
      });
      await adopt(next);
    };

    return {
      status: 'idle',
      error: null,
      notice: null,
      scenarioId: FREE_PLAY,
      published: null,
      scenarioTitle: '',
      steps: [],
      results: [],
      seed: 1,
      view: null,
      playing: false,
      speed: 60,
      busy: false,

      open: (id, opts) =>
        serial(async () => {
          set({ status: 'loading', playing: false, busy: true });
          // Opened from elsewhere (a reload, a link, another tab): the lesson is the stored one.
          if (id === 'imported') imported = null;
          try {
            if (id !== 'imported' && !hasScenario(id)) {
              set({
                notice: `There is no scenario "${id}" in this build's library; free play opened instead.`,
              });
              await build(FREE_PLAY);
            } else await build(id, opts);
          } catch (e) {
            set({ status: 'error', error: errorText(e) });
          } finally {
            set({ busy: false });
          }
        }),

      importScenario: (text, fileName) =>
        serial(async () => {
          // The validating loader (zod) is only needed for files people bring: load it on demand.
          const { loadScenario, isScenarioError } = await import('./restore');
          try {
            imported = { scenario: loadScenario(text, fileName) };
            saveLesson(fileName, text);
          } catch (e) {
            // The current session stays as it was.
            set({
              notice: isScenarioError(e) ? e.message : `The file could not be read: ${String(e)}`,
            });
            return;
          }
          set({ busy: true, playing: false });
          try {
            await build('imported');
          } catch (e) {
            set({ status: 'error', error: `${fileName}: ${errorText(e)}` });
          } finally {
            set({ busy: false });
          }
        }),

      reset: () =>
        serial(async () => {
          clearSavedSession();
          set({ busy: true, playing: false, entries: [] });
          try {
            await build(get().scenarioId);
          } catch (e) {
            set({ status: 'error', error: errorText(e) });
          } finally {
            set({ busy: false });
          }
        }),

      step: () =>
        serial(async () => {
          if (!run || run.done || !mayStep(get())) return;
          await run.step();
          set({ results: [...run.results] });
          await refresh();
          publish();
        }),

      back: () => get().jumpTo(Math.max(0, (run?.stepsDone ?? 0) - 1)),

      jumpTo: (k) =>
        serial(async () => {
          if (!run) return;
          set({ busy: true, playing: false });
          try {
            const next = await run.jumpTo(k);
            if (next !== run) await adopt(next);
            else await refresh();
            publish();
          } finally {
            set({ busy: false });
          }
        }),

      // Play needs a sandbox: a press before the first one is ready would be undone by its opening
      // (which stops play), so it is refused until then (the button is disabled meanwhile).
      togglePlay: () => set((s) => (s.status === 'ready' ? { playing: !s.playing } : {})),
      setSpeed: (speed) => set({ speed }),

      tick: (wallMs) =>
        serial(
          async () => {
            if (!run || !get().playing) return;
            try {
              // Virtual time moves in slices, and a frame stops once its budget is spent: at top speed
              // a busy stretch then plays slower than asked rather than freezing the page (the
              // slices' promises resolve within one task, so only this check keeps it short).
              const started = performance.now();
              let left = Math.min(wallMs, 250) * get().speed;
              const guided = isGuided(get());
              while (left > 0 && performance.now() - started < FRAME_BUDGET_MS) {
                const slice = Math.min(left, PLAY_SLICE_MS);
                left -= slice;
                if (!guided) {
                  await run.advance(slice);
                  continue;
                }
                // Guided Play never runs time between steps: it plays the next step's own time and
                // pauses where the step ends, before a question, and once a task's goal holds.
                const outcome = await run.play(slice);
                if (outcome.kind === 'time' && !run.checkTask()?.goalMet) continue;
                if (outcome.kind === 'playing' || (outcome.kind === 'time' && !run.nextStep))
                  continue;
                set({ playing: false });
                await refresh();
                publish();
                return;
              }
            } catch (e) {
              // A failure is shown and stops play, instead of every later frame failing unseen.
              set({ playing: false, notice: `The simulation stopped: ${errorText(e)}` });
              return;
            }
            // Saved about once a second while playing, not every frame.
            const now = performance.now();
            if (now - lastPlaySave < 1_000) return;
            lastPlaySave = now;
            publish();
          },
          { quiet: false },
        ),

      act: (action, record = true) =>
        serial(async () => {
          if (!run) return null;
          const outcome = record ? await run.act(action) : await runAction(run.sandbox, action);
          try {
            stopIfPolluted();
          } catch (e) {
            set({ playing: false, notice: `The last action was stopped: ${errorText(e)}.` });
            return outcome;
          }
          await refresh();
          if (!record) return outcome;
          publish();
          return outcome;
        }),

      showSolution: () =>
        serial(async () => {
          if (!run) return;
          await run.showSolution();
          await refresh();
          publish();
        }),

      sessionRecord: () =>
        run
          ? {
              v: SESSION_FORMAT,
              scenario: get().scenarioId,
              seed: run.seed,
              step: run.stepsDone,
              actions: [...run.userActions],
            }
          : null,

      dismissNotice: () => set({ notice: null }),
    };
  };
  return { slice, currentRun: () => run };
}

/**
 * Throws when the last thing run changed a shared prototype (prototype-guard.ts repairs it): the
 * caller's catch turns it into a message and the session stops, instead of a blank page.
 */
function stopIfPolluted(): void {
  const keys = repairPrototypes();
  if (keys.length > 0)
    throw new Error(
      `it tried to change JavaScript's built-in objects (${keys.join(', ')}); it was undone and stopped`,
    );
}

/** The app's store: its state, the run behind it, and the queries that name its session. */
export interface AppStore extends StoreApi<AppState> {
  /** The live run behind the store (null before the first opening). */
  currentRun(): ScenarioRun | null;
  /** The address bar's query: scenario, seed, step, and the actions while the address stays short. */
  currentQuery(): string | null;
  /** The query a Share link carries: always with the actions. */
  shareQuery(): string | null;
}

/**
 * A store with a session of its own: nothing is shared between two stores but the browser's
 * storage, which each saves its published records to (one subscriber, persistence.ts).
 */
export function createAppStore(): AppStore {
  const session = sessionSlice();
  const store = createStore<AppState>()((...a) => ({
    ...session.slice(...a),
    ...consoleSlice(session.currentRun)(...a),
    ...safetyState,
    ...lessonSlice(session.currentRun)(...a),
  }));
  persistSessions(store);
  const record = () => store.getState().sessionRecord();
  return Object.assign(store, {
    currentRun: session.currentRun,
    currentQuery: () => {
      const r = record();
      return r ? addressQuery(r) : null;
    },
    shareQuery: () => {
      const r = record();
      return r ? sessionQuery(r) : null;
    },
  });
}
