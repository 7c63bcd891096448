// A finished lesson's results, from its step results: tasks solved by the learner or shown by
// "Show me", questions answered right. Counted for the summary and kept as progress.
import type { StepResult } from '../sim/scenario/runner';
import type { LessonResult } from './progress';

export function lessonResult(
  results: readonly StepResult[],
  answers: Record<number, number>,
): LessonResult {
  const tasks = results.filter((r) => r.task);
  const questions = results.filter((r) => r.question);
  return {
    tasks: {
      solved: tasks.filter((r) => r.task!.solved && !r.task!.usedSolution).length,
      shown: tasks.filter((r) => r.task!.usedSolution).length,
      total: tasks.length,
    },
    quiz: {
      right: questions.filter((r) => chosenAnswer(r, answers) === r.question!.answer).length,
      total: questions.length,
    },
  };
}

/** The learner's answer to a question step: the run's, else the one kept across a reload. */
export function chosenAnswer(r: StepResult, answers: Record<number, number>): number | null {
  return r.question?.chosen ?? answers[r.index] ?? null;
}
