// A session as a link or a saved record: scenario, seed, step and the user's own actions, with a
// format version. A link from an incompatible build is refused with a message rather than
// silently replaying something else (link-parse.ts reads links; it is loaded on demand).
//
// Format 2 carries the actions deflated (zlib, fflate's, already in the first download for git
// objects) and base64url-encoded; format 1 carried them as plain base64url JSON and is still read.
import { unzlibSync, zlibSync } from 'fflate';
import type { UserAction } from '../sim/scenario';

export const SESSION_FORMAT = 2;
/** Formats this build reads. */
export const READABLE_FORMATS = [1, 2];
/** Past this many characters a link risks "HTTP ERROR 431" (headers are limited to 8-16 KB). */
export const SAFE_LINK_CHARS = 8_000;

export interface SessionRecord {
  v: number;
  scenario: string;
  seed: number;
  step: number;
  actions: UserAction[];
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** Text, deflated and base64url-encoded: what a link carries. */
export function pack(text: string): string {
  return toBase64Url(zlibSync(new TextEncoder().encode(text), { level: 9 }));
}

/** The inverse of `pack`; format 1 stored the text without deflating it. */
export function unpack(text: string, format = SESSION_FORMAT): string {
  const bytes = fromBase64Url(text);
  return new TextDecoder().decode(format === 1 ? bytes : unzlibSync(bytes));
}

/**
 * `?v=&scenario=<id>&seed=<n>&step=<k>`, plus the actions when there are any. With `withActions`
 * false, `n=<count>` stands in for them: the address bar of a long session, which a reload matches
 * to the session saved in this browser.
 */
export function sessionQuery(s: SessionRecord, withActions = true): string {
  const q = new URLSearchParams({
    v: String(SESSION_FORMAT),
    scenario: s.scenario,
    seed: String(s.seed),
    step: String(s.step),
  });
  if (s.actions.length > 0) {
    if (withActions) q.set('actions', pack(JSON.stringify(s.actions)));
    else q.set('n', String(s.actions.length));
  }
  return `?${q.toString()}`;
}

/** The address bar's query: with the actions while that stays short, else scenario, seed, step. */
export function addressQuery(s: SessionRecord): string {
  const full = sessionQuery(s);
  return full.length <= SAFE_LINK_CHARS ? full : sessionQuery(s, false);
}
