// Loading the guided parts of a step: a task (a goal the learner reaches) and a question (predict,
// then reveal). The rules zod cannot say, each located at file:line:col with a stable code:
// a task has a goal (>= 1 expectation) and no scripted `do`; a question's answer is one of its
// choices; a step is a task or asks a question, not both. Whether a solution keeps its task's
// constraints needs a run: see task-proof.ts.
import { checkAction } from './action-check';
import type { ScenarioProblem } from './errors';
import type { Path } from './issues';
import type { Locator } from './load';
import type { Action, RawScenario, Task } from './schema';

/** The step's task with its solution's actions validated; problems are appended to `problems`. */
export function loadGuidedStep(
  loc: Locator,
  step: RawScenario['steps'][number],
  i: number,
  problems: ScenarioProblem[],
): { task?: Task } {
  const at: Path = ['steps', i];
  if (step.question) {
    const q = step.question;
    if (q.answer >= q.choices.length)
      problems.push(
        loc.problem(
          'E_QUESTION',
          [...at, 'question', 'answer'],
          'the answer is not one of the choices',
          {
            expected: `0 to ${q.choices.length - 1} (the index of a choice, from 0)`,
            found: String(q.answer),
          },
        ),
      );
    if (step.task)
      problems.push(
        loc.problem(
          'E_QUESTION',
          [...at, 'question'],
          'a step is a task or asks a question, not both',
          {
            expected: 'the question on the step before the task',
          },
          true,
        ),
      );
  }
  if (!step.task) return {};
  const raw = step.task;
  if (step.do)
    problems.push(
      loc.problem(
        'E_TASK',
        [...at, 'do'],
        'a task has no scripted actions: the learner acts',
        {
          expected: 'the actions under task.solution',
          found: `do with ${step.do.length} actions`,
        },
        true,
      ),
    );
  if (!raw.expect || raw.expect.length === 0)
    problems.push(
      loc.problem(
        'E_TASK',
        [...at, 'task'],
        'a task needs a goal that can be checked',
        {
          expected: 'task.expect with at least one expectation',
          found: raw.expect ? 'an empty list' : 'nothing',
        },
        true,
      ),
    );
  const solution: Action[] = [];
  (raw.solution ?? []).forEach((a, j) => {
    const checked = checkAction(a, [...at, 'task', 'solution', j]);
    problems.push(...checked.issues.map((issue) => loc.locate(issue)));
    if (checked.action) solution.push(checked.action);
  });
  (raw.constraints ?? []).forEach((c, j) => {
    if (!c.require && !c.forbid && c.maxCommits === undefined)
      problems.push(
        loc.problem('E_TASK', [...at, 'task', 'constraints', j], 'a constraint checks nothing', {
          expected: 'require, forbid or maxCommits',
        }),
      );
  });
  const { solution: _raw, expect, ...rest } = raw;
  return { task: { ...rest, expect: expect ?? [], ...(raw.solution ? { solution } : {}) } };
}
