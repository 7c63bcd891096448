import { EPOCH_MS } from '../clock';

/**
 * RFC 3339 text for virtual time, as Kubernetes writes timestamps (`2026-01-05T09:00:00Z`).
 * Written by hand because src/sim never constructs a `Date` (see STYLE.md, "Time and chance").
 */
export function isoTime(virtualMs: number): string {
  const total = Math.floor((EPOCH_MS + virtualMs) / 1000);
  const days = Math.floor(total / 86_400);
  const secs = total - days * 86_400;
  // days since 1970-01-01 -> civil date (Howard Hinnant's days_from_civil inverse)
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const p = (n: number) => String(n).padStart(2, '0');
  const hh = Math.floor(secs / 3600);
  const mm = Math.floor((secs % 3600) / 60);
  return `${year}-${p(month)}-${p(day)}T${p(hh)}:${p(mm)}:${p(secs % 60)}Z`;
}

export const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z$/;

/** Milliseconds since 1970 of RFC 3339 text, or null (Date.UTC only reads numbers). */
export function utcMsOf(iso: string): number | null {
  const m = ISO_TIME.exec(iso);
  return m
    ? Date.UTC(
        Number(m[1]),
        Number(m[2]) - 1,
        Number(m[3]),
        Number(m[4]),
        Number(m[5]),
        Number(m[6]),
      )
    : null;
}

/** Virtual milliseconds of an RFC 3339 timestamp (the inverse of cluster/time.ts isoTime), or null. */
export function virtualMsOf(iso: string): number | null {
  const ms = utcMsOf(iso);
  return ms === null ? null : ms - EPOCH_MS;
}
