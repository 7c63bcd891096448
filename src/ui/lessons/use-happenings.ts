// What happened on a lane during the last step that ran and since (the learner's actions, played
// time), from the view's audit trail: whatHappened (src/sim/scenario/narrate.ts) over the records
// from the end of the step before the last one.
import { useDeferredValue, useMemo } from 'react';
import type { AuditRecord, ClusterName } from '../../sim/audit';
import { whatHappened, type Happening } from '../../sim/scenario/narrate';
import { useApp } from '../../store/hooks';

const TOUCHING = new Set<Happening['kind']>(['change', 'heal', 'deploy', 'refused']);
/**
 * At most this many records are told: "what just happened" is the recent past, and a step of a
 * stress scenario writes tens of thousands of records (pods coming and going).
 */
export const TOLD_RECORDS = 2_000;

// One telling per trail snapshot and lane, shared by the panel and both lanes' tables: the key is
// the trail (a live array), the lane, the window.
// WARNING: the trail is append-only, so a window's telling never changes; a new run brings a new
// trail, and the cache is emptied.
let lastTrail: readonly AuditRecord[] | null = null;
const tellings = new Map<string, Happening[]>();

function tell(trail: readonly AuditRecord[], lane: ClusterName, from: number, to: number) {
  const start = Math.max(Math.min(from, to), to - TOLD_RECORDS);
  const key = `${lane}:${start}:${to}`;
  if (lastTrail !== trail) tellings.clear();
  lastTrail = trail;
  const cached = tellings.get(key);
  if (cached) return cached;
  const told = whatHappened(trail, lane, start, to);
  if (tellings.size > 8) tellings.clear();
  tellings.set(key, told);
  return told;
}

/** `whole`: since the start of the lesson instead (the summary). */
export function useHappenings(lane: ClusterName, whole = false): Happening[] {
  // WARNING: view.audit is the live trail; auditSize is the length this snapshot stands for.
  // Deferred: a step writes records in many bursts, and telling each would hold up the step; the
  // telling follows once the page is idle.
  const audit = useDeferredValue(useApp((s) => s.view?.audit));
  const size = useDeferredValue(useApp((s) => s.view?.auditSize ?? 0));
  const from = useDeferredValue(useApp((s) => (whole ? 0 : (s.results.at(-2)?.auditEnd ?? 0))));
  return useMemo(() => (audit ? tell(audit, lane, from, size) : []), [audit, lane, from, size]);
}

/** The objects on `lane` that a change, a deploy or a self-heal touched since the last step. */
export function useChangedObjects(lane: ClusterName): ReadonlySet<string> {
  const happenings = useHappenings(lane);
  return useMemo(
    () => new Set(happenings.filter((h) => TOUCHING.has(h.kind)).flatMap((h) => h.keys)),
    [happenings],
  );
}
