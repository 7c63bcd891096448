// Time as kubectl shows it: AGE columns (`45s`, `3m12s`, `5h`, `12d`), and describe's timestamps
// (`Mon, 05 Jan 2026 09:00:00 +0000`). Objects carry RFC 3339 text made from virtual time
// (cluster/time.ts); it is read back with Date.UTC, since src/sim never constructs a Date.
import { ISO_TIME, utcMsOf, virtualMsOf } from '../cluster/time';

export { virtualMsOf };

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * apimachinery's HumanDuration, which kubectl uses for AGE: exact up to two minutes, then coarser
 * as time goes by. (clock/duration.ts formatDuration is exact at every size, which a table of
 * ages is not.)
 */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8)
    return hours % 24 === 0
      ? `${Math.floor(hours / 24)}d`
      : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const years = Math.floor(hours / 24 / 365);
  const days = Math.floor(hours / 24) % 365;
  if (hours < 24 * 365 * 8) return days === 0 ? `${years}y` : `${years}y${days}d`;
  return `${years}y`;
}

/** The AGE of an object at virtual time `now`; `<unknown>` without a creation time. */
export function ageOf(creationTimestamp: string | undefined, now: number): string {
  const created = creationTimestamp === undefined ? null : virtualMsOf(creationTimestamp);
  return created === null ? '<unknown>' : humanDuration(now - created);
}

/** RFC 1123 with a numeric zone, as `kubectl describe` prints timestamps. */
export function describeTime(iso: string | undefined): string {
  const ms = iso === undefined ? null : utcMsOf(iso);
  if (ms === null) return '<unknown>';
  const m = ISO_TIME.exec(iso!)!;
  const days = Math.floor(ms / 86_400_000);
  return `${DAYS[(((days + 4) % 7) + 7) % 7]}, ${m[3]} ${MONTHS[Number(m[2]) - 1]} ${m[1]} ${m[4]}:${m[5]}:${m[6]} +0000`;
}
