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
