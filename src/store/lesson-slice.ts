// The lesson's slice of the store: the step Step would run next (a plain step, a task or a
// question), the task's live state, the learner's answers and the hints they asked for, and how
// far guided Play is into the next step. The run (src/sim/scenario/runner.ts) decides; this slice
// holds what React shows. Answers and hints are kept in the browser with the session's scenario
// and seed, so a reload keeps them (the session link carries only actions).
import type { StateCreator } from 'zustand/vanilla';
import type { ScenarioRun } from '../sim/scenario/runner';
import type { StepKind } from '../sim/scenario/runner';
import type { TaskState } from '../sim/scenario/task';
import type { AppState } from './store';

const STORAGE_KEY = 'driftlab.lesson-answers';

/** The next step as the lesson cards show it; a question's answer stays hidden until it ran. */
export interface NextStepView {
  index: number;
  kind: StepKind;
  title: string;
  say: string;
  task?: { goal: string; hints: string[]; hasSolution: boolean };
  question?: { ask: string; choices: string[] };
}

export interface LessonSlice {
  next: NextStepView | null;
  task: TaskState | null;
  /** Guided Play inside the next step: how much of its time has run. */
  playingStep: { index: number; elapsedMs: number; totalMs: number } | null;
  /** The learner's choice per question step (by step index). */
  answers: Record<number, number>;
  /** How many hints the learner revealed, per task step. */
  hints: Record<number, number>;
  answer: (choice: number) => void;
  showHint: () => void;
}

/** What the slice shows of `run` now: called with every refreshed view. */
export function lessonView(run: ScenarioRun): Pick<LessonSlice, 'next' | 'task' | 'playingStep'> {
  const next = run.nextStep;
  let view: NextStepView | null = null;
  if (next) {
    const { step } = next;
    view = { index: next.index, kind: next.kind, title: step.title, say: step.say ?? '' };
    if (step.task)
      view.task = {
        goal: step.task.goal,
        hints: step.task.hints ?? [],
        hasSolution: (step.task.solution ?? []).length > 0,
      };
    if (step.question) view.question = { ask: step.question.ask, choices: step.question.choices };
  }
  return { next: view, task: run.checkTask(), playingStep: run.playing };
}

/** A guided lesson: a scenario with steps (free play's time runs freely). */
export function isGuided(s: Pick<AppState, 'scenarioId' | 'steps'>): boolean {
  return s.scenarioId !== 'free-play' && s.steps.length > 0;
}

/**
 * Whether Step may run the next step: a question waits for the learner's answer (predict, then
 * see), a task for its goal to hold.
 */
export function mayStep(s: Pick<AppState, 'next' | 'answers' | 'task'>): boolean {
  const { next } = s;
  if (next?.kind === 'question') return s.answers[next.index] !== undefined;
  if (next?.kind === 'task') return s.task?.goalMet === true;
  return true;
}

interface Saved {
  scenario: string;
  seed: number;
  answers: Record<number, number>;
  hints: Record<number, number>;
}

/** The answers and hints saved for this scenario and seed, or none. */
export function loadAnswers(scenario: string, seed: number): Pick<Saved, 'answers' | 'hints'> {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Saved | null;
    if (saved && saved.scenario === scenario && saved.seed === seed)
      return { answers: saved.answers ?? {}, hints: saved.hints ?? {} };
  } catch {
    // Unreadable or unavailable storage: start without answers.
  }
  return { answers: {}, hints: {} };
}

function saveAnswers(s: Saved): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(s));
  } catch {
    // Full or disabled storage: the answers last as long as the page.
  }
}

export function lessonSlice(
  currentRun: () => ScenarioRun | null,
): StateCreator<AppState, [], [], LessonSlice> {
  return (set, get) => {
    const persist = () => {
      const { scenarioId, seed, answers, hints } = get();
      saveAnswers({ scenario: scenarioId, seed, answers, hints });
    };
    return {
      next: null,
      task: null,
      playingStep: null,
      answers: {},
      hints: {},
      answer: (choice) => {
        const next = get().next;
        if (!next?.question) return;
        currentRun()?.answer(choice);
        set((s) => ({ answers: { ...s.answers, [next.index]: choice } }));
        persist();
      },
      showHint: () => {
        const next = get().next;
        if (!next?.task) return;
        const shown = get().hints[next.index] ?? 0;
        if (shown >= next.task.hints.length) return;
        set((s) => ({ hints: { ...s.hints, [next.index]: shown + 1 } }));
        persist();
      },
    };
  };
}
