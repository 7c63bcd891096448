// The actions a link or a saved session carries, checked by the same zod schema as a scenario's
// (src/sim/scenario/schema.ts) before anything replays them. A bad one is named by its place and
// in the scenario's words ("action 3: wait must be a duration such as 90s, 3m or 1h, found 5"),
// never by a JavaScript internal. Loaded on demand, with the validating loader.
import * as z from 'zod/mini';
import { parseDuration } from '../sim/clock';
import { describeValue } from '../sim/scenario/errors';
import { MAX_VIRTUAL_MS } from '../sim/scenario/load';
import type { UserAction } from '../sim/scenario/runner';
import {
  ACTION_NAMES,
  ACTIONS,
  devopsLaneSchema,
  gitopsLaneSchema,
  type Action,
  type ActionName,
} from '../sim/scenario/schema';

/** At most this many actions are replayed from a link or a saved session. */
export const MAX_LINK_ACTIONS = 5_000;
/** Keys that would reach a prototype if anything ever merged them into an object. */
const HOSTILE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Fields whose strings are durations: a number there is told as "must be a duration". */
const DURATIONS = new Set([
  'wait',
  'for',
  'checkout',
  'build',
  'test',
  'deploy',
  'pollInterval',
  'jitter',
  'applyInterval',
  'backoff',
  'maxDuration',
]);
const SET_SCHEMAS = { devops: z.partial(devopsLaneSchema), gitops: z.partial(gitopsLaneSchema) };

export type CheckedActions = { ok: true; actions: UserAction[] } | { ok: false; message: string };

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur = root;
  for (const p of path)
    cur =
      cur !== null && typeof cur === 'object' && Object.hasOwn(cur, p)
        ? (cur as Record<PropertyKey, unknown>)[p]
        : undefined;
  return cur;
}

function issueText(issue: z.core.$ZodIssue, name: string, value: unknown): string {
  const path = [name, ...issue.path.map(String)];
  const field = path.join('.');
  const last = path[path.length - 1]!;
  const found = describeValue(valueAt(value, issue.path));
  if (found === 'nothing' && issue.code !== 'unrecognized_keys') return `${field} is required`;
  switch (issue.code) {
    case 'unrecognized_keys':
      return `${field} has an unknown field "${issue.keys[0]}"`;
    case 'invalid_type':
      if (issue.expected === 'string' && DURATIONS.has(last))
        return `${field} must be a duration such as 90s, 3m or 1h, found ${found}`;
      return `${field} must be ${issue.expected === 'object' ? 'a map' : `a ${issue.expected}`}, found ${found}`;
    case 'invalid_format':
      return `${field} must be ${issue.message !== 'Invalid input' ? issue.message : `in the right format`}, found ${found}`;
    case 'invalid_value':
      return `${field} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, found ${found}`;
    case 'too_big':
      return `${field} must be at most ${String(issue.maximum)}${issue.origin === 'string' ? ' characters long' : issue.origin === 'array' ? ' items' : ''}, found ${issue.origin === 'number' ? found : 'more'}`;
    case 'too_small':
      return `${field} must be at least ${String(issue.minimum)}, found ${issue.origin === 'number' ? found : 'less'}`;
    default:
      return `${field} has a wrong value, found ${found}`;
  }
}

/** The first key, at any depth, that must never reach an object (`__proto__`...). */
function hostileKey(value: unknown, depth = 0): string | null {
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  for (const key of Object.keys(value)) {
    if (HOSTILE_KEYS.has(key)) return key;
    const inner = hostileKey((value as Record<string, unknown>)[key], depth + 1);
    if (inner) return inner;
  }
  return null;
}

/** One action (`{ wait: "5m" }`): the parsed action, or what is wrong with it. */
export function checkAction(raw: unknown): { action: Action } | { problem: string } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return { problem: `an action is a map with one key, found ${describeValue(raw)}` };
  const keys = Object.keys(raw);
  if (keys.length !== 1)
    return { problem: `an action has exactly one key, found ${keys.join(', ') || 'none'}` };
  const name = keys[0]!;
  if (!(ACTION_NAMES as string[]).includes(name))
    return { problem: `unknown action "${name}" (one of ${ACTION_NAMES.join(', ')})` };
  const value = (raw as Record<string, unknown>)[name];
  const bad = hostileKey(value);
  if (bad) return { problem: `${name} uses the key "${bad}", which is not allowed` };
  const result = ACTIONS[name as ActionName].safeParse(value);
  if (!result.success) return { problem: issueText(result.error.issues[0]!, name, value) };
  if (name === 'set') {
    const { lane, ...options } = result.data as { lane: 'devops' | 'gitops' };
    const check = SET_SCHEMAS[lane].safeParse(options);
    if (!check.success) return { problem: issueText(check.error.issues[0]!, name, options) };
  }
  if (name === 'pr') {
    const parts = Object.entries(result.data as object).filter(([, v]) => v !== undefined);
    if (parts.length !== 1)
      return { problem: 'a pr action does one thing: open, approve or merge' };
  }
  return { action: { [name]: result.data } as Action };
}

/** A session's actions as stored or linked: each one checked, waits within the scenario limit. */
export function checkUserActions(raw: unknown): CheckedActions {
  if (!Array.isArray(raw))
    return { ok: false, message: `the actions are not a list, found ${describeValue(raw)}` };
  if (raw.length > MAX_LINK_ACTIONS)
    return {
      ok: false,
      message: `${raw.length} actions is more than the ${MAX_LINK_ACTIONS} a session replays`,
    };
  const actions: UserAction[] = [];
  let waited = 0;
  for (const [i, entry] of raw.entries()) {
    const where = `action ${i + 1}`;
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry))
      return {
        ok: false,
        message: `${where}: expected {afterStep, action}, found ${describeValue(entry)}`,
      };
    const { afterStep, action } = entry as { afterStep?: unknown; action?: unknown };
    if (typeof afterStep !== 'number' || !Number.isSafeInteger(afterStep) || afterStep < 0)
      return {
        ok: false,
        message: `${where}: afterStep must be a whole number of steps, found ${describeValue(afterStep)}`,
      };
    const checked = checkAction(action);
    if ('problem' in checked) return { ok: false, message: `${where}: ${checked.problem}` };
    if ('wait' in checked.action) waited += parseDuration(checked.action.wait) ?? 0;
    if (waited > MAX_VIRTUAL_MS)
      return {
        ok: false,
        message: `${where}: the waits add up to more than the 30 days of virtual time a session may span`,
      };
    actions.push({ afterStep, action: checked.action });
  }
  return { ok: true, actions };
}
