// `sim validate`'s check of `output:` expectations: each names a line its own step runs. A plain
// step's `of: <id>` needs a `run` with that id in the step's `do`, and `of: last` some console line
// there (`run` or `kubectl`); a task's goal reads the learner's lines, which carry no id, so it
// may only say `of: last`. Ids are unique within a step.
import type { ScenarioProblem } from './errors';
import type { Locator } from './load';
import type { Scenario } from './schema';

export function outputProblems(scenario: Scenario, loc: Locator): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  scenario.steps.forEach((step, i) => {
    const ids = new Set<string>();
    let lines = 0;
    (step.do ?? []).forEach((action, j) => {
      if ('kubectl' in action) lines++;
      if (!('run' in action)) return;
      lines++;
      const id = action.run.id;
      if (id === undefined) return;
      if (ids.has(id))
        problems.push(
          loc.problem('E_OUTPUT', ['steps', i, 'do', j, 'run', 'id'], `a second run "${id}"`, {
            expected: 'ids unique within a step',
            found: JSON.stringify(id),
          }),
        );
      ids.add(id);
    });
    (step.expect ?? []).forEach((e, k) => {
      const of = e.output?.of;
      if (of === undefined) return;
      const at = ['steps', i, 'expect', k, 'output', 'of'];
      if (of === 'last' && lines === 0)
        problems.push(
          loc.problem('E_OUTPUT', at, 'output of last, but this step runs no console line', {
            expected: 'a run or kubectl action in this step',
            found: 'none',
          }),
        );
      else if (of !== 'last' && !ids.has(of))
        problems.push(
          loc.problem('E_OUTPUT', at, `output of "${of}", which no run of this step has as id`, {
            expected: ids.size > 0 ? `last or one of ${[...ids].join(', ')}` : 'last',
            found: JSON.stringify(of),
          }),
        );
    });
    (step.task?.expect ?? []).forEach((e, k) => {
      const of = e.output?.of;
      if (of === undefined || of === 'last') return;
      problems.push(
        loc.problem(
          'E_OUTPUT',
          ['steps', i, 'task', 'expect', k, 'output', 'of'],
          "a task's goal reads the learner's lines, which have no id",
          { expected: 'last', found: JSON.stringify(of) },
        ),
      );
    });
  });
  return problems;
}
