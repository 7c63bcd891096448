// The headless proof of a lesson's tasks: play the scenario, and at each task check that its goal
// does NOT already hold (no task is solved by doing nothing), then run its solution as "Show me"
// would and check that the goal holds and every constraint was kept. `sim run`, `sim validate`
// and the library test use it, so a task whose solution rots fails CI with file:line.
import type { ScenarioProblem } from './errors';
import { locatorFor } from './load';
import type { ScenarioRun } from './runner';

export interface TaskProof {
  index: number;
  title: string;
  /** The goal held before the learner acted: the task teaches nothing. */
  heldBefore: boolean;
  hasSolution: boolean;
  /** The solution reached the goal (the step completed). */
  reached: boolean;
  /** Constraints the solution broke, with what broke them. */
  broken: string[];
}

export const proofOk = (p: TaskProof): boolean =>
  !p.heldBefore && p.hasSolution && p.reached && p.broken.length === 0;

/** Plays `run` until `until` steps have run, solving each task with its solution. */
export async function playWithSolutions(run: ScenarioRun, until: number): Promise<TaskProof[]> {
  const proofs: TaskProof[] = [];
  while (run.stepsDone < Math.min(until, run.scenario.steps.length)) {
    const next = run.nextStep!;
    if (next.kind !== 'task') {
      await run.step();
      continue;
    }
    const heldBefore = run.checkTask()!.goalMet;
    await run.showSolution();
    const result = (await run.step())!;
    proofs.push({
      index: next.index,
      title: next.step.title,
      heldBefore,
      hasSolution: (next.step.task?.solution ?? []).length > 0,
      reached: !result.refused,
      broken: (result.task?.constraints ?? [])
        .filter((c) => !c.ok)
        .map((c) => `${c.text}: ${c.found ?? 'broken'}`),
    });
    if (result.refused) break;
  }
  return proofs;
}

/** The proof's failures as located problems (E_TASK), for `sim validate`. */
export function proofProblems(proofs: TaskProof[], text: string, file: string): ScenarioProblem[] {
  const loc = locatorFor(text, file);
  const out: ScenarioProblem[] = [];
  for (const p of proofs) {
    const at = ['steps', p.index, 'task'];
    if (p.heldBefore)
      out.push(
        loc.problem(
          'E_TASK',
          [...at, 'expect'],
          `task "${p.title}": its goal already holds before the learner acts`,
        ),
      );
    if (!p.hasSolution)
      out.push(
        loc.problem('E_TASK', at, `task "${p.title}" has no solution to prove it can be solved`),
      );
    else if (!p.reached)
      out.push(
        loc.problem(
          'E_TASK',
          [...at, 'solution'],
          `task "${p.title}": its solution does not reach the goal`,
        ),
      );
    for (const b of p.broken)
      out.push(
        loc.problem(
          'E_TASK',
          [...at, 'solution'],
          `task "${p.title}": its solution breaks a constraint`,
          {
            found: b,
          },
        ),
      );
  }
  return out;
}
