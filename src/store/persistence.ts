// What survives a reload, in localStorage: the session record, the imported lesson's text, and a
// session that failed to restore (kept aside until the learner exports or discards it; set-aside.ts,
// loaded on demand, handles that one and the other tabs).
//
// Nothing is lost silently: a write that fails (storage full, storage off) is reported to the
// learner through `onStorageProblem`.
// WARNING: every read here is of untrusted text (another tab, an older build, a hand edit);
// restore.ts validates a record before anything replays it.
import type { StoreApi } from 'zustand/vanilla';
import type { SessionRecord } from './session-link';

export const SESSION_KEY = 'driftlab.session';
export const LESSON_KEY = 'driftlab.lesson';
export const BROKEN_KEY = 'driftlab.broken';

/** An imported lesson: its YAML and the file it came from. */
export interface SavedLesson {
  name: string;
  text: string;
}

/** A session that could not be restored, as it was stored, with the reason. */
export interface BrokenSession {
  text: string;
  reason: string;
}

const listeners = new Set<(message: string) => void>();
let lastProblem: string | null = null;

/** Where write failures are told (each store shows them as a notice); returns the unsubscribe. */
export function onStorageProblem(listener: (message: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** What the persistence subscriber reads and writes of a store's state. */
interface PersistedState {
  published: SessionRecord | null;
  notice: string | null;
}

/**
 * A store's one persistence subscriber: saves each session record the store publishes, and shows
 * a write that failed as the store's notice. Returns the unsubscribe.
 */
export function persistSessions(store: StoreApi<PersistedState>): () => void {
  const unheard = onStorageProblem((notice) => store.setState({ notice }));
  const unsubscribe = store.subscribe((state, before) => {
    if (state.published && state.published !== before.published) saveSession(state.published);
  });
  return () => {
    unheard();
    unsubscribe();
  };
}

function quotaExceeded(e: unknown): boolean {
  return e instanceof DOMException && (e.name === 'QuotaExceededError' || e.code === 22);
}

/** Writes `value` under `key`; false, after telling the learner once per kind of problem, if it failed. */
export function write(key: string, value: string, what: string): boolean {
  try {
    localStorage.setItem(key, value);
    lastProblem = null;
    return true;
  } catch (e) {
    const message = `This browser's storage for DriftLab is ${quotaExceeded(e) ? 'full' : 'off (private mode, or site data blocked)'}: ${what} was not saved and will not survive a reload. Share keeps a link.`;
    if (message !== lastProblem) for (const told of listeners) told(message);
    lastProblem = message;
    return false;
  }
}

export function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function remove(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // nothing stored, nothing to remove
  }
}

export function saveSession(record: SessionRecord): boolean {
  return write(SESSION_KEY, JSON.stringify(record), `your last action`);
}

/** The saved session record as stored (validated by restore.ts before use). */
export function savedSessionText(): string | null {
  return read(SESSION_KEY);
}

export function clearSavedSession(): void {
  remove(SESSION_KEY);
}

export function saveLesson(name: string, text: string): boolean {
  const lesson: SavedLesson = { name, text };
  return write(LESSON_KEY, JSON.stringify(lesson), `the imported lesson "${name}"`);
}

/**
 * Where the saved session stands, for the lessons page's Continue card: its scenario and step, or
 * null when nothing readable is saved. Only a glance: restore.ts validates the record before use.
 */
export function savedSessionPlace(): { scenario: string; step: number } | null {
  try {
    const s = JSON.parse(savedSessionText() ?? 'null') as Partial<SessionRecord> | null;
    return s && typeof s.scenario === 'string' && Number.isInteger(s.step)
      ? { scenario: s.scenario, step: s.step! }
      : null;
  } catch {
    return null;
  }
}
