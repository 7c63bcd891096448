// A session as a link or a saved record: scenario, seed, step and the user's own actions, with a
// format version. A link from an incompatible build is refused with a message rather than
// silently replaying something else.
import type { UserAction } from '../sim/scenario';

export const SESSION_FORMAT = 1;
const STORAGE_KEY = 'driftlab.session';

export interface SessionRecord {
  v: number;
  scenario: string;
  seed: number;
  step: number;
  actions: UserAction[];
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/** `?scenario=<id>&seed=<n>&step=<k>` plus `v` and, when there are any, the actions. */
export function sessionQuery(s: SessionRecord): string {
  const q = new URLSearchParams({
    v: String(s.v),
    scenario: s.scenario,
    seed: String(s.seed),
    step: String(s.step),
  });
  if (s.actions.length > 0) q.set('actions', toBase64Url(JSON.stringify(s.actions)));
  return `?${q.toString()}`;
}

export type ParsedLink =
  | { ok: true; session: Partial<SessionRecord> & { scenario: string } }
  | { ok: false; message: string }
  | null;

/** Null when the address names no scenario (a plain visit). */
export function parseSessionQuery(search: string): ParsedLink {
  const q = new URLSearchParams(search);
  const scenario = q.get('scenario');
  if (!scenario) return null;
  const v = q.get('v');
  if (v !== null && Number(v) !== SESSION_FORMAT) {
    return {
      ok: false,
      message: `This link was made by another version of DriftLab (session format ${v}; this build reads format ${SESSION_FORMAT}). It was not replayed.`,
    };
  }
  const num = (name: string) => {
    const text = q.get(name);
    return text !== null && /^\d+$/.test(text) ? Number(text) : undefined;
  };
  let actions: UserAction[] | undefined;
  const packed = q.get('actions');
  if (packed) {
    try {
      const parsed = JSON.parse(fromBase64Url(packed)) as unknown;
      if (!Array.isArray(parsed)) throw new Error('not a list');
      actions = parsed as UserAction[];
    } catch {
      return {
        ok: false,
        message: 'This link carries actions that cannot be read; it was not replayed.',
      };
    }
  }
  const seed = num('seed');
  const step = num('step');
  return {
    ok: true,
    session: {
      scenario,
      ...(seed !== undefined ? { seed } : {}),
      ...(step !== undefined ? { step } : {}),
      ...(actions ? { actions } : {}),
    },
  };
}

export function saveSession(s: SessionRecord): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(s));
  } catch {
    // Storage full or disabled (private mode): the session simply does not survive a reload.
  }
}

export function loadSavedSession(): SessionRecord | null {
  try {
    const text = localStorage.getItem(STORAGE_KEY);
    if (!text) return null;
    const s = JSON.parse(text) as SessionRecord;
    return s.v === SESSION_FORMAT && typeof s.scenario === 'string' ? s : null;
  } catch {
    return null;
  }
}

export function clearSavedSession(): void {
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing to clear
  }
}
