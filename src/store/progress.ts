// The learner's progress through the lessons, kept in the browser (localStorage) so that it
// survives a reload: which lessons are solved, and the task and quiz results of the last finish.
// A small store of its own (no simulation import): the lessons page, the first view, reads it.
import { createStore } from 'zustand/vanilla';

const STORAGE_KEY = 'driftlab.progress';
const FORMAT = 1;

export interface LessonResult {
  /** Tasks solved by the learner (not by "Show me") of all tasks. */
  tasks: { solved: number; shown: number; total: number };
  /** Questions answered right of all questions. */
  quiz: { right: number; total: number };
}

export interface Progress {
  solved: Record<string, LessonResult>;
  /** The lesson chosen last on the lessons page. */
  selected: string | null;
}

const EMPTY: Progress = { solved: {}, selected: null };

function isProgress(value: unknown): value is Progress & { v: number } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.v === FORMAT && typeof v.solved === 'object' && v.solved !== null;
}

/** What was saved, or nothing: storage may be off (private mode) or hold another build's format. */
export function loadProgress(storage: Storage | undefined = globalThis.localStorage): Progress {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null');
    if (!isProgress(parsed)) return EMPTY;
    return { solved: parsed.solved, selected: parsed.selected ?? null };
  } catch {
    return EMPTY;
  }
}

function save(p: Progress, storage: Storage | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify({ v: FORMAT, ...p }));
  } catch {
    // Full or disabled storage: progress then lasts as long as the page.
  }
}

export interface ProgressStore extends Progress {
  markSolved: (id: string, result: LessonResult) => void;
  select: (id: string) => void;
  forget: () => void;
}

export const progressStore = createStore<ProgressStore>()((set, get) => {
  const persist = () => save({ solved: get().solved, selected: get().selected });
  return {
    ...loadProgress(),
    markSolved: (id, result) => {
      set((s) => ({ solved: { ...s.solved, [id]: result } }));
      persist();
    },
    select: (id) => {
      set({ selected: id });
      persist();
    },
    forget: () => {
      set({ ...EMPTY });
      persist();
    },
  };
});
