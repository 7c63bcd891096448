// The one zustand store: view state in typed slices, plus the latest snapshot of the sandbox.
// The scenario run (simulation state) lives outside the store; the store only holds what React
// renders. Vanilla (no React import): React reads it through hooks.ts.
import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla';
import { runAction, type ActionOutcome } from '../sim/scenario/actions';
import type { ScenarioRun, StepResult } from '../sim/scenario/runner';
import type { Action } from '../sim/scenario/schema';
import { FREE_PLAY, hasScenario } from './library';
import { LiveRun, stopIfPolluted, type OpenOptions } from './live-run';
import { addressQuery, SESSION_FORMAT, sessionQuery, type SessionRecord } from './session-link';
import { clearSavedSession, persistSessions, saveLesson } from './persistence';
import { safetyState, type SafetySlice } from './safety';
import type { SandboxView } from './view';
import { consoleSlice, type ConsoleSlice } from './console';
import { isGuided, lessonSlice, mayStep, type LessonSlice } from './lesson-slice';
import { errorText } from './error-text';

export const SPEEDS = [1, 10, 60, 300, 1000] as const;
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
  open: (id: string, opts?: OpenOptions) => Promise<void>;
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

/** The session slice, and the live run behind it (simulation state stays out of the store). */
function sessionSlice(): {
  slice: StateCreator<AppState, [], [], SessionSlice>;
  currentRun: () => ScenarioRun | null;
} {
  let live: LiveRun | null = null;
  let lastPlaySave = 0;

  const slice: StateCreator<AppState, [], [], SessionSlice> = (set, get) => {
    const session = new LiveRun(set, get);
    live = session;
    const { serial, publish, refresh } = session;

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
          if (id === 'imported') session.imported = null;
          try {
            if (id !== 'imported' && !hasScenario(id)) {
              set({
                notice: `There is no scenario "${id}" in this build's library; free play opened instead.`,
              });
              await session.build(FREE_PLAY);
            } else await session.build(id, opts);
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
            session.imported = { scenario: loadScenario(text, fileName) };
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
            await session.build('imported');
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
            await session.build(get().scenarioId);
          } catch (e) {
            set({ status: 'error', error: errorText(e) });
          } finally {
            set({ busy: false });
          }
        }),

      step: () =>
        serial(async () => {
          if (!session.run || session.run.done || !mayStep(get())) return;
          await session.run.step();
          set({ results: [...session.run.results] });
          await refresh();
          publish();
        }),

      back: () => get().jumpTo(Math.max(0, (session.run?.stepsDone ?? 0) - 1)),

      jumpTo: (k) =>
        serial(async () => {
          if (!session.run) return;
          set({ busy: true, playing: false });
          try {
            const next = await session.run.jumpTo(k);
            if (next !== session.run) await session.adopt(next);
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
            if (!session.run || !get().playing) return;
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
                  await session.run.advance(slice);
                  continue;
                }
                // Guided Play never runs time between steps: it plays the next step's own time and
                // pauses where the step ends, before a question, and once a task's goal holds.
                const outcome = await session.run.play(slice);
                if (outcome.kind === 'time' && !session.run.checkTask()?.goalMet) continue;
                if (
                  outcome.kind === 'playing' ||
                  (outcome.kind === 'time' && !session.run.nextStep)
                )
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
          if (!session.run) return null;
          const outcome = record
            ? await session.run.act(action)
            : await runAction(session.run.sandbox, action);
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
          if (!session.run) return;
          await session.run.showSolution();
          await refresh();
          publish();
        }),

      sessionRecord: () =>
        session.run
          ? {
              v: SESSION_FORMAT,
              scenario: get().scenarioId,
              seed: session.run.seed,
              step: session.run.stepsDone,
              actions: [...session.run.userActions],
            }
          : null,

      dismissNotice: () => set({ notice: null }),
    };
  };
  return { slice, currentRun: () => live?.run ?? null };
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
