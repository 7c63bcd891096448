// zod issues as people read them ("wait is too large (expected at most 30d, found "3650d")"), with
// the path of the value at fault but no position: the loader adds file:line:col (load.ts), a share
// link or a console line names the action instead (action-check.ts).
import type * as z from 'zod/mini';
import { describeValue, type ScenarioErrorCode } from './errors';
export { withDetail as issueText } from './errors';

export type Path = (string | number)[];

/** A problem with a value, located by its path in the scenario (or in an action). */
export interface Issue {
  code: ScenarioErrorCode;
  path: Path;
  message: string;
  expected?: string;
  found?: string;
  /** Points at the map key of the last path segment (an unknown field), not at its value. */
  onKey?: boolean;
}

export function where(path: Path): string {
  return (
    path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
      .join('')
      .replace(/^\./, '') || 'the scenario'
  );
}

function valueAt(root: unknown, path: Path): unknown {
  let cur = root;
  for (const p of path)
    cur =
      cur !== null && typeof cur === 'object' && Object.hasOwn(cur, p)
        ? (cur as Record<string | number, unknown>)[p]
        : undefined;
  return cur;
}

function bound(issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall): string {
  const big = issue.code === 'too_big';
  const unit = issue.origin === 'array' ? ' items' : issue.origin === 'string' ? ' characters' : '';
  return `${big ? 'at most' : 'at least'} ${String(big ? issue.maximum : issue.minimum)}${unit}`;
}

/** The zod `issues` of `value`, which sits at `base` (in a scenario, or in a list of actions). */
export function issuesOf(
  value: unknown,
  issues: z.core.$ZodIssue[],
  base: Path,
  code: ScenarioErrorCode,
): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    const path = [...base, ...(issue.path as Path)];
    const found = describeValue(valueAt(value, issue.path as Path));
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys)
          out.push({
            code,
            path: [...path, key],
            message: `unknown field "${key}" in ${where(path)}`,
            onKey: true,
          });
        break;
      case 'invalid_type':
        out.push({
          code,
          path,
          message:
            found === 'nothing' ? `${where(path)} is required` : `wrong type for ${where(path)}`,
          expected: issue.expected,
          found,
        });
        break;
      case 'invalid_value':
        out.push({
          code,
          path,
          message: `wrong value for ${where(path)}`,
          expected: `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
          found,
        });
        break;
      case 'invalid_format':
        out.push({
          code,
          path,
          message: `wrong format for ${where(path)}`,
          expected:
            issue.message !== 'Invalid input'
              ? issue.message
              : `text matching ${'pattern' in issue ? String(issue.pattern) : issue.format}`,
          found,
        });
        break;
      case 'too_big':
      case 'too_small':
        out.push({
          code,
          path,
          message: `${where(path)} is too ${issue.code === 'too_big' ? 'large' : 'small'}`,
          expected: bound(issue),
          found,
        });
        break;
      case 'custom':
        // The value checks of schema.ts (a duration's floor and ceiling) word `expected`.
        out.push({
          code,
          path,
          message: `${where(path)} is out of range`,
          expected: issue.message,
          found,
        });
        break;
      case 'invalid_union':
        out.push({ code, path, message: `wrong value for ${where(path)}`, found });
        break;
      default:
        out.push({ code, path, message: `${where(path)}: ${issue.message}`, found });
    }
  }
  return out;
}
