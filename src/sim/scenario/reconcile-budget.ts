// How many times the reconciler wakes over a span of virtual time: the span over its poll interval,
// plus the span over its apply interval for Flux. A run's wall time grows with it, so
// the waits of a scenario, and a session's own waits, are held to MAX_RECONCILES (limits.ts): a
// 1s poll is fine for an hour, not for 30 days.
import { formatDuration, parseDuration } from '../clock';
import { gitopsOptions, type GitopsOptions } from '../gitops/options';
import { MAX_RECONCILES } from './limits';
import type { Scenario } from './schema';

type Intervals = Pick<GitopsOptions, 'flavour' | 'pollInterval' | 'applyInterval'>;
interface RawIntervals {
  flavour?: GitopsOptions['flavour'];
  pollInterval?: string;
  applyInterval?: string;
}

/** The intervals of `base` with those `raw` (as a scenario writes them) sets. */
function withRaw(base: Intervals, raw: RawIntervals): Intervals {
  const ms = (d: string | undefined, fallback: number) =>
    d === undefined ? fallback : (parseDuration(d) ?? fallback);
  return {
    flavour: raw.flavour ?? base.flavour,
    pollInterval: ms(raw.pollInterval, base.pollInterval),
    applyInterval: ms(raw.applyInterval, base.applyInterval),
  };
}

/** Polls (and, for Flux, applies) per ms of virtual time with these options. */
export function wakeRate(o: Intervals): number {
  const intervals = [o.pollInterval, ...(o.flavour === 'flux' ? [o.applyInterval] : [])];
  return intervals.reduce((rate, ms) => rate + 1 / Math.max(1, ms), 0);
}

/** The refusal for `count` wake-ups over `ms` of waits; null within the budget. */
export function reconcileMessage(count: number, ms: number): string | null {
  if (count <= MAX_RECONCILES) return null;
  return `${formatDuration(ms)} of waits at these poll and apply intervals is ${Math.ceil(count)} polls and applies; at most ${MAX_RECONCILES} (longer intervals or shorter waits)`;
}

/**
 * A scenario's waits at the highest rate its gitops lane ever wakes at (its `lanes.gitops`, or
 * any `set` action): the refusal, or null within the budget.
 */
export function scenarioReconciles(scenario: Scenario, waitsMs: number): string | null {
  const lane = scenario.lanes?.gitops ?? {};
  let options = withRaw(
    gitopsOptions({ ...(lane.flavour ? { flavour: lane.flavour } : {}) }),
    lane,
  );
  let rate = wakeRate(options);
  for (const step of scenario.steps)
    for (const action of step.do ?? [])
      if ('set' in action && action.set.lane === 'gitops') {
        options = withRaw(options, action.set);
        rate = Math.max(rate, wakeRate(options));
      }
  return reconcileMessage(waitsMs * rate, waitsMs);
}
