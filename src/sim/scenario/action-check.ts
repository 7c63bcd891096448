// Whether a value is a valid action, by the same rules wherever it comes from: a scenario's steps
// (the loader adds file:line), a share link or a saved session (the link parser names "action 3"),
// a console line or the runner itself. Actions are objects with exactly one key; the value is
// checked against that action's schema (schema.ts, with its floors and ceilings, limits.ts), and a
// `set` against the lane's options.
import * as z from 'zod/mini';
import { parseDuration } from '../clock';
import { actionWaitMs } from './action-wait';
import { describeValue } from './errors';
import { issuesOf, issueText, type Issue, type Path } from './issues';
import { MAX_VIRTUAL_MS } from './limits';
import {
  ACTION_NAMES,
  ACTIONS,
  devopsLaneSchema,
  gitopsLaneSchema,
  type Action,
  type ActionName,
} from './schema';

export { issueText };

const SET_SCHEMAS = { devops: z.partial(devopsLaneSchema), gitops: z.partial(gitopsLaneSchema) };
const ONE_OF = `one of ${ACTION_NAMES.join(', ')}`;

interface GitopsIntervals {
  flavour?: string;
  applyInterval?: string;
}

/**
 * An apply interval of 0 (Argo CD's "none") set where Flux would apply every 0 ms: in `lanes.gitops`
 * (no flavour means argo) or a `set` (no flavour means whatever runs then, so only `flavour: argo`
 * in the same set allows it). Switching flavour brings that tool's own intervals (gitops/lane.ts).
 */
export function noApplyInterval(
  lane: GitopsIntervals,
  defaultFlavour: 'argo' | undefined,
): Omit<Issue, 'path'> | null {
  if (lane.applyInterval === undefined || parseDuration(lane.applyInterval) !== 0) return null;
  if ((lane.flavour ?? defaultFlavour) === 'argo') return null;
  return {
    code: 'E_OPTION',
    message:
      'an applyInterval of 0 (none) is for flavour argo only: Flux would apply without pause',
    expected: 'between 1s and 30d, or flavour: argo in the same place',
    found: JSON.stringify(lane.applyInterval),
  };
}

export type ActionCheck = { action: Action; issues: [] } | { action?: undefined; issues: Issue[] };

/** Checks one action found at `path`; `issues` is empty exactly when `action` is given. */
export function checkAction(raw: unknown, path: Path = []): ActionCheck {
  const fail = (issue: Omit<Issue, 'code'>): ActionCheck => ({
    issues: [{ code: 'E_ACTION', ...issue }],
  });
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return fail({
      path,
      message: 'an action is a map with one key',
      expected: ONE_OF,
      found: describeValue(raw),
    });
  const keys = Object.keys(raw);
  if (keys.length !== 1)
    return fail({
      path,
      message:
        keys.length === 0
          ? 'an empty action'
          : `an action has exactly one key, this one has ${keys.length}`,
      expected: ONE_OF,
      found: keys.join(', ') || 'nothing',
    });
  const name = keys[0]!;
  if (!(ACTION_NAMES as string[]).includes(name))
    return fail({
      path: [...path, name],
      message: `unknown action "${name}"`,
      expected: ONE_OF,
      found: name,
      onKey: true,
    });
  const value = (raw as Record<string, unknown>)[name];
  const at = [...path, name];
  const result = ACTIONS[name as ActionName].safeParse(value);
  if (!result.success) return { issues: issuesOf(value, result.error.issues, at, 'E_ACTION') };
  if (name === 'set') {
    const { lane, ...options } = result.data as { lane: 'devops' | 'gitops' };
    const check = SET_SCHEMAS[lane].safeParse(options);
    if (!check.success) return { issues: issuesOf(value, check.error.issues, at, 'E_OPTION') };
    const zeroApply = noApplyInterval(options, undefined);
    if (zeroApply) return { issues: [{ ...zeroApply, path: [...at, 'applyInterval'] }] };
  }
  if (name === 'pr') {
    const pr = result.data as Record<string, unknown>;
    const parts = Object.keys(pr).filter((k) => pr[k] !== undefined);
    if (parts.length !== 1)
      return fail({
        path: at,
        message: 'a pr action does one thing',
        expected: 'one of open, approve, merge',
        found: parts.join(', ') || 'nothing',
      });
  }
  return { action: { [name]: result.data } as Action, issues: [] };
}

/**
 * A list of actions from outside a scenario file (a share link, a saved session): each checked as
 * above, and their waits together held to the limit of one scenario's. The message names the
 * action by its place in the list, counted from 1: `action 3: wait is out of range (...)`.
 */
export function checkActionList(
  raws: readonly unknown[],
): { ok: true; actions: Action[] } | { ok: false; message: string } {
  const actions: Action[] = [];
  let waited = 0;
  for (const [i, raw] of raws.entries()) {
    const checked = checkAction(raw);
    if (!checked.action)
      return { ok: false, message: `action ${i + 1}: ${issueText(checked.issues[0]!)}` };
    waited += actionWaitMs(checked.action);
    if (waited > MAX_VIRTUAL_MS)
      return {
        ok: false,
        message: `action ${i + 1}: the waits add up to more than 30d, the limit of a scenario`,
      };
    actions.push(checked.action);
  }
  return { ok: true, actions };
}
