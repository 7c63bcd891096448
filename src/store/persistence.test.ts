// @vitest-environment jsdom
// What survives a reload, and what the learner is told when it cannot: storage full, a session set
// aside after a failed restore (exported or discarded, never lost silently), another tab's change.
import { afterEach, describe, expect, it } from 'vitest';
import {
  clearSavedSession,
  onStorageProblem,
  saveLesson,
  saveSession,
  savedSessionText,
  SESSION_KEY,
} from './persistence';
import {
  brokenSession,
  discardBrokenSession,
  savedLesson,
  sessionExport,
  setAside,
  watchOtherTabs,
} from './set-aside';
import type { SessionRecord } from './session-link';

const record: SessionRecord = {
  v: 2,
  scenario: 'free-play',
  seed: 1,
  step: 0,
  actions: [{ afterStep: 0, action: { wait: '1m' } }],
};

afterEach(() => localStorage.clear());

/** Fills the origin's storage (jsdom keeps the browsers' 5 MB quota) to within 1,000 characters. */
function fillStorage(): void {
  let n = 0;
  for (let size = 1_000_000; size >= 1_000; size = Math.floor(size / 2)) {
    for (;;) {
      try {
        localStorage.setItem(`filler-${n++}`, 'x'.repeat(size));
      } catch {
        break;
      }
    }
  }
}

describe('saving the session', () => {
  it('saves and reads back the record', () => {
    expect(saveSession(record)).toBe(true);
    expect(JSON.parse(savedSessionText()!)).toEqual(record);
    clearSavedSession();
    expect(savedSessionText()).toBeNull();
  });

  it('tells the learner, once, when storage is full, and again after it worked', () => {
    const told: string[] = [];
    onStorageProblem((m) => told.push(m));
    fillStorage();
    const big = { ...record, actions: Array.from({ length: 2_000 }, () => record.actions[0]!) };
    expect(saveSession(big)).toBe(false);
    expect(saveSession(big)).toBe(false);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(/storage for DriftLab is full: your last action was not saved/);
    localStorage.removeItem('filler-0'); // a 1,000,000-character filler
    expect(saveSession(big)).toBe(true);
    fillStorage();
    expect(saveLesson('big.yaml', 'y'.repeat(1_000_000))).toBe(false);
    expect(told).toHaveLength(2);
    expect(told[1]).toContain('the imported lesson "big.yaml" was not saved');
  });
});

describe('the imported lesson', () => {
  it('is stored with its file name', () => {
    saveLesson('mine.yaml', 'id: mine\n');
    expect(savedLesson()).toEqual({ name: 'mine.yaml', text: 'id: mine\n' });
  });

  it('is ignored when what is stored is not one', () => {
    localStorage.setItem('driftlab.lesson', '{"name": 3}');
    expect(savedLesson()).toBeNull();
  });
});

describe('a session set aside', () => {
  it('leaves the session key, stays until discarded, and is in the export', () => {
    saveSession(record);
    const text = savedSessionText()!;
    setAside(text, 'it could not be replayed');
    expect(savedSessionText()).toBeNull();
    expect(brokenSession()).toEqual({ text, reason: 'it could not be replayed' });
    saveLesson('mine.yaml', 'id: mine\n');
    const exported = JSON.parse(sessionExport()) as Record<string, unknown>;
    expect(exported).toEqual({
      session: null,
      lesson: { name: 'mine.yaml', text: 'id: mine\n' },
      setAside: { text, reason: 'it could not be replayed' },
    });
    discardBrokenSession();
    expect(brokenSession()).toBeNull();
  });
});

describe('another tab', () => {
  it('is heard when it saves or clears the session, and not for other keys', () => {
    const heard: (string | null)[] = [];
    const stop = watchOtherTabs((text) => heard.push(text));
    const event = (key: string, newValue: string | null) =>
      window.dispatchEvent(new StorageEvent('storage', { key, newValue, oldValue: 'before' }));
    event(SESSION_KEY, '{"v":2}');
    event('driftlab.lesson', 'x');
    event(SESSION_KEY, null);
    stop();
    event(SESSION_KEY, '{"v":3}');
    expect(heard).toEqual(['{"v":2}', null]);
  });
});
