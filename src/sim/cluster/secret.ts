// Secrets: Git may carry `stringData` (plain text); the API server stores `data` (base64). Both
// describe the same value, so a comparison of one against the other must see them as equal.
// Values are masked in every view, log and report; the audit keeps only a short hash.
import { safeKey } from '../safe-keys';
import { stableStringify } from './equal';
import { LAST_APPLIED } from './last-applied';
import { isRecord, type KObject } from './object';

export const MASK = '******';

export function toBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** FNV-1a (32 bit): not cryptographic; it only lets the audit tell two values apart. */
export function valueHash(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `hash:${h.toString(16).padStart(8, '0')}`;
}

/** Folds `stringData` into base64 `data`, as the API server does on write. */
export function normalizeSecret<T extends Record<string, unknown>>(obj: T): T {
  if (obj.kind !== 'Secret' || !isRecord(obj.stringData)) return obj;
  const data: Record<string, unknown> = isRecord(obj.data) ? { ...obj.data } : {};
  for (const [k, v] of Object.entries(obj.stringData)) data[safeKey(k)] = toBase64(String(v));
  const { stringData: _dropped, ...rest } = obj;
  return { ...rest, data } as unknown as T;
}

export function isSecretValuePath(kind: string, path: string): boolean {
  return (
    kind === 'Secret' &&
    (path.startsWith('data.') ||
      path.startsWith('stringData.') ||
      path.startsWith("data['") ||
      path.startsWith("stringData['"))
  );
}

function maskValues(obj: Record<string, unknown>): Record<string, unknown> {
  const out = { ...obj };
  for (const field of ['data', 'stringData'] as const) {
    const values = out[field];
    if (isRecord(values))
      out[field] = Object.fromEntries(Object.keys(values).map((k) => [k, MASK]));
  }
  return out;
}

/**
 * A copy safe to show: every Secret value replaced by the mask, in the last-applied annotation
 * too (it holds the manifest's plain `stringData`, as gitops-engine's HideSecretData knows).
 */
export function maskObject<T extends KObject>(obj: T): T {
  if (obj.kind !== 'Secret') return obj;
  const out = maskValues(obj);
  const recorded = obj.metadata.annotations?.[LAST_APPLIED];
  if (typeof recorded === 'string') {
    let shown = MASK;
    try {
      const parsed: unknown = JSON.parse(recorded);
      if (isRecord(parsed)) shown = `${stableStringify(maskValues(parsed))}\n`;
    } catch {
      // Not JSON: nothing in it can be shown safely.
    }
    const annotations = { ...obj.metadata.annotations, [LAST_APPLIED]: shown };
    out.metadata = { ...obj.metadata, annotations };
  }
  return out as T;
}
