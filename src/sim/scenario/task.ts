// A task's state: does its goal hold now, and has the learner's way there kept its constraints?
// A pure read of the sandbox and of the audit trail since the task began (the end of the step
// before it), so the app can ask after every learner action and every slice of played time.
//
// Constraints are checked the way a reviewer would check a change: from the trail, not from what
// the app's controls allowed. `forbid` fails on the first matching record and names it; `require`
// fails until one exists; `maxCommits` counts the learner's commits and reverts (a pull request's
// merge is the platform's commit, not the learner's).
import type { AuditRecord } from '../audit';
import type { ConsoleOutput } from '../console-line';
import { formatClock } from '../clock';
import type { Sandbox } from '../sandbox';
import { explainResult } from './describe';
import { checkExpectation, type ExpectationResult } from './expect';
import type { StepResult } from './run-types';
import type { AuditMatch, Constraint, Task } from './schema';

import { LEARNER } from './actions';

export { LEARNER };

export interface ConstraintResult {
  text: string;
  ok: boolean;
  /** What broke it, or what is still missing ("no pull request was merged"). */
  found?: string;
}

export interface TaskState {
  goalMet: boolean;
  goal: ExpectationResult[];
  constraints: ConstraintResult[];
}

/** The task's result once its step completed (or the state at the end of a headless run). */
export interface TaskResult {
  goal: string;
  solved: boolean;
  usedSolution: boolean;
  constraints: ConstraintResult[];
}

export function matchesAudit(r: AuditRecord, m: AuditMatch): boolean {
  return (
    (!m.lane || r.cluster === m.lane) &&
    (!m.actor || r.actor === m.actor) &&
    (!m.channel || r.channel === m.channel) &&
    (!m.verb || r.verb === m.verb) &&
    (!m.object || r.object === m.object)
  );
}

/** "00:05:10 you kubectl update Deployment/default/web on gitops" */
export function describeRecord(r: AuditRecord): string {
  const where = r.cluster === 'repo' ? 'in Git' : `on ${r.cluster}`;
  return `${formatClock(r.t)} ${r.actor} ${r.channel} ${r.verb} ${r.object} ${where}`;
}

function describeMatch(m: AuditMatch): string {
  return [
    m.actor && `by ${m.actor}`,
    m.channel && `via ${m.channel}`,
    m.verb && `${m.verb}`,
    m.object && `on ${m.object}`,
    m.lane && (m.lane === 'repo' ? 'in Git' : `on ${m.lane}`),
  ]
    .filter(Boolean)
    .join(' ');
}

const COMMIT_VERBS = new Set(['commit', 'revert']);

export function checkConstraint(c: Constraint, since: readonly AuditRecord[]): ConstraintResult {
  if (c.forbid) {
    const hit = since.find((r) => matchesAudit(r, c.forbid!));
    if (hit) return { text: c.text, ok: false, found: describeRecord(hit) };
  }
  if (c.require && !since.some((r) => matchesAudit(r, c.require!)))
    return { text: c.text, ok: false, found: `nothing ${describeMatch(c.require)} yet` };
  if (c.maxCommits !== undefined) {
    const commits = since.filter(
      (r) => r.cluster === 'repo' && r.actor === LEARNER && COMMIT_VERBS.has(r.verb),
    );
    if (commits.length > c.maxCommits)
      return {
        text: c.text,
        ok: false,
        found: `${commits.length} commits (${commits.map(describeRecord).join('; ')})`,
      };
  }
  return { text: c.text, ok: true };
}

/**
 * The task's state now, from the trail's records at positions >= `sinceSeq` and what the learner's
 * console lines since the task began printed.
 */
export function taskState(
  sandbox: Sandbox,
  task: Task,
  sinceSeq: number,
  printed: readonly ConsoleOutput[] = [],
): TaskState {
  const since = sandbox.audit.records().slice(sinceSeq);
  const goal = task.expect.map((e) =>
    explainResult(e, checkExpectation(sandbox, e, printed), since),
  );
  return {
    goalMet: goal.every((g) => g.ok),
    goal,
    constraints: (task.constraints ?? []).map((c) => checkConstraint(c, since)),
  };
}

/**
 * The result of Step on a task: complete when its goal holds (solved only if every constraint was
 * kept too), otherwise `refused`, and the run does not advance. Its lines are the goal's and one
 * per constraint.
 */
export function taskStepResult(
  at: Pick<StepResult, 'index' | 'title' | 't' | 'auditEnd'>,
  task: Task,
  state: TaskState,
  usedSolution: boolean,
): StepResult {
  const constraintsOk = state.constraints.every((c) => c.ok);
  const expectations = [
    ...state.goal,
    ...state.constraints.map((c) => ({
      ok: c.ok,
      text: `constraint: ${c.text}${c.ok ? '' : ` (broken: ${c.found})`}`,
    })),
  ];
  const solved = state.goalMet && constraintsOk;
  return {
    ...at,
    actions: [],
    expectations,
    ok: solved,
    kind: 'task',
    task: { goal: task.goal, solved, usedSolution, constraints: state.constraints },
    ...(state.goalMet ? {} : { refused: true as const }),
  };
}
