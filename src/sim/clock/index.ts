// Virtual time and seeded chance: the only source of "now" and of randomness in src/sim.
export {
  VirtualClock,
  ClockError,
  type HostPause,
  type TimerId,
  type PendingTimer,
} from './clock';
export { ObjectTimers } from './object-timers';
export { Rng } from './rng';
export { parseDuration, formatDuration, formatClock } from './duration';

/**
 * Virtual time 0 is this instant (Monday 2026-01-05 09:00:00 UTC). Commit timestamps are
 * `EPOCH_MS + clock.now()`, so SHAs depend on virtual time only, never on when a run happens.
 */
export const EPOCH_MS = 1_767_603_600_000;
