// The stored things a learner rarely needs, loaded on demand: the imported lesson as read back, a
// session set aside because it failed to restore (export or discard), everything stored as one
// file to download, and other tabs' changes to the session, heard through the `storage` event
// (which fires only in the *other* tabs of the origin) so the learner can choose.
import {
  BROKEN_KEY,
  LESSON_KEY,
  read,
  remove,
  SESSION_KEY,
  write,
  type BrokenSession,
  type SavedLesson,
} from './persistence';

export function savedLesson(): SavedLesson | null {
  const text = read(LESSON_KEY);
  if (!text) return null;
  try {
    const lesson = JSON.parse(text) as Partial<SavedLesson> | null;
    return lesson && typeof lesson.text === 'string' && typeof lesson.name === 'string'
      ? { name: lesson.name, text: lesson.text }
      : null;
  } catch {
    return null;
  }
}

/**
 * Sets the session aside (it failed to restore): it is not replayed again, and stays until the
 * learner exports or discards it. The session key is cleared so the next start is clean.
 */
export function setAside(text: string, reason: string): void {
  const broken: BrokenSession = { text, reason };
  if (write(BROKEN_KEY, JSON.stringify(broken), 'the session that could not be restored'))
    remove(SESSION_KEY);
}

export function brokenSession(): BrokenSession | null {
  const text = read(BROKEN_KEY);
  if (!text) return null;
  try {
    const b = JSON.parse(text) as Partial<BrokenSession> | null;
    return b && typeof b.text === 'string'
      ? { text: b.text, reason: String(b.reason ?? '') }
      : null;
  } catch {
    return { text, reason: 'its record could not be read' };
  }
}

export function discardBrokenSession(): void {
  remove(BROKEN_KEY);
}

/**
 * Calls `changed` with the stored text when another tab of this origin saves or clears the session.
 * Returns the unsubscribe function.
 */
export function watchOtherTabs(changed: (text: string | null) => void): () => void {
  const listener = (e: StorageEvent) => {
    if (e.key === SESSION_KEY && e.newValue !== e.oldValue) changed(e.newValue);
  };
  window.addEventListener('storage', listener);
  return () => window.removeEventListener('storage', listener);
}

/**
 * Everything stored, as one JSON file for the learner to keep: the session, the imported lesson
 * and a session set aside. What the Export buttons download.
 */
export function sessionExport(): string {
  const parse = (text: string | null): unknown => {
    if (text === null) return null;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  };
  return `${JSON.stringify(
    {
      session: parse(read(SESSION_KEY)),
      lesson: parse(read(LESSON_KEY)),
      setAside: parse(read(BROKEN_KEY)),
    },
    null,
    2,
  )}\n`;
}
