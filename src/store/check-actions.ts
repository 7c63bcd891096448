// The actions a link or a saved session carries, checked before anything replays them: each
// `{ afterStep, action }` entry's shape here, each action by the scenario's own rules (the sim's
// action-check.ts: the zod schema with its floors and ceilings), and their waits together within
// the limit of one scenario. A bad one is named by its place ("action 3: ..."), never by a
// JavaScript internal. Loaded on demand, with the validating loader.
import { describeValue } from '../sim/scenario/errors';
import { checkActionList } from '../sim/scenario/action-check';
import type { UserAction } from '../sim/scenario/runner';

/** At most this many actions are replayed from a link or a saved session. */
export const MAX_LINK_ACTIONS = 5_000;

export type CheckedActions = { ok: true; actions: UserAction[] } | { ok: false; message: string };

/** A session's actions as stored or linked: each one checked, waits within the scenario limit. */
export function checkUserActions(raw: unknown): CheckedActions {
  if (!Array.isArray(raw))
    return { ok: false, message: `the actions are not a list, found ${describeValue(raw)}` };
  if (raw.length > MAX_LINK_ACTIONS)
    return {
      ok: false,
      message: `${raw.length} actions is more than the ${MAX_LINK_ACTIONS} a session replays`,
    };
  const steps: number[] = [];
  for (const [i, entry] of raw.entries()) {
    const where = `action ${i + 1}`;
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry))
      return {
        ok: false,
        message: `${where}: expected {afterStep, action}, found ${describeValue(entry)}`,
      };
    const { afterStep } = entry as { afterStep?: unknown };
    if (typeof afterStep !== 'number' || !Number.isSafeInteger(afterStep) || afterStep < 0)
      return {
        ok: false,
        message: `${where}: afterStep must be a whole number of steps, found ${describeValue(afterStep)}`,
      };
    steps.push(afterStep);
  }
  const checked = checkActionList(raw.map((entry) => (entry as { action?: unknown }).action));
  if (!checked.ok) return checked;
  return {
    ok: true,
    actions: checked.actions.map((action, i) => ({ afterStep: steps[i]!, action })),
  };
}
