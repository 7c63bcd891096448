// Reading a session back: a link's query or a saved record, both untrusted. Every value is checked
// and a bad one is named with the parameter it came from; out-of-range seeds and steps get a
// message, not a silent clamp. Loaded on demand (restore.ts), with the schema that checks actions.
import { MAX_SEED, MAX_STEPS } from '../sim/scenario/limits';
import type { UserAction } from '../sim/scenario/runner';
import { checkUserActions } from './check-actions';
import { READABLE_FORMATS, SESSION_FORMAT, unpack } from './session-link';

/** A session to open: scenario, and what to replay; `n` = actions the address bar left out. */
export interface SessionRequest {
  scenario: string;
  seed?: number;
  step?: number;
  actions?: UserAction[];
  n?: number;
}

export type Parsed<T> = { ok: true; value: T; warnings: string[] } | { ok: false; message: string };

/** A whole number in range, or a message naming the parameter. */
function whole(name: string, text: string, max: number): number | string {
  if (!/^\d+$/.test(text) || Number(text) > max)
    return `${name} must be a whole number from 0 to ${max}, found ${JSON.stringify(text.slice(0, 20))}`;
  return Number(text);
}

/** Null when the address names no scenario (a plain visit). */
export function parseSessionQuery(search: string): Parsed<SessionRequest> | null {
  const q = new URLSearchParams(search);
  const scenario = q.get('scenario');
  if (!scenario) return null;
  const v = q.get('v') ?? '1';
  const format = Number(v);
  if (!READABLE_FORMATS.includes(format)) {
    return {
      ok: false,
      message: `This link was made by another version of DriftLab (session format ${v}; this build reads format ${SESSION_FORMAT}). It was not replayed.`,
    };
  }
  const request: SessionRequest = { scenario };
  const warnings: string[] = [];
  for (const [name, max] of [
    ['seed', MAX_SEED],
    ['step', MAX_STEPS],
    ['n', 5_000],
  ] as const) {
    const text = q.get(name);
    if (text === null) continue;
    const value = whole(name, text, max);
    if (typeof value === 'number') request[name] = value;
    else
      warnings.push(
        `${value}; ${name === 'seed' ? "the lesson's own seed is used" : name === 'step' ? 'the lesson opens at its start' : 'it was ignored'}.`,
      );
  }
  const packed = q.get('actions');
  if (packed) {
    let raw: unknown;
    try {
      raw = JSON.parse(unpack(packed, format));
    } catch {
      return {
        ok: false,
        message:
          'This link carries actions that cannot be read (cut short when it was copied?); it was not replayed.',
      };
    }
    const checked = checkUserActions(raw);
    if (!checked.ok)
      return { ok: false, message: `This link was not replayed: ${checked.message}.` };
    request.actions = checked.actions;
  }
  return { ok: true, value: request, warnings };
}

/** A saved record (JSON text from storage): checked like a link. */
export function parseSavedSession(text: string): Parsed<SessionRequest> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, message: 'its record is not valid JSON' };
  }
  if (raw === null || typeof raw !== 'object')
    return { ok: false, message: 'its record is not a session' };
  const r = raw as Record<string, unknown>;
  if (typeof r.v !== 'number' || !READABLE_FORMATS.includes(r.v))
    return { ok: false, message: `it was saved by another version (format ${String(r.v)})` };
  if (typeof r.scenario !== 'string' || r.scenario === '')
    return { ok: false, message: 'it names no scenario' };
  for (const [name, max] of [
    ['seed', MAX_SEED],
    ['step', MAX_STEPS],
  ] as const) {
    const value = r[name];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > max)
      return { ok: false, message: `its ${name} must be a whole number from 0 to ${max}` };
  }
  const checked = checkUserActions(r.actions ?? []);
  if (!checked.ok) return { ok: false, message: checked.message };
  return {
    ok: true,
    value: {
      scenario: r.scenario,
      seed: r.seed as number,
      step: r.step as number,
      actions: checked.actions,
    },
    warnings: [],
  };
}
