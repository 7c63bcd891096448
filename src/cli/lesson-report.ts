// The text report's lines for a lesson's guided steps: a task's goal and how it was reached, a
// question with its answer, and the headless proof of each task (task-proof.ts).
import type { QuestionResult } from '../sim/scenario/question';
import type { TaskResult } from '../sim/scenario/task';
import type { TaskProof } from '../sim/scenario/task-proof';

export function taskLines(task: TaskResult): string[] {
  const how = task.usedSolution ? ' with the solution ("Show me")' : '';
  return [`   task: ${task.goal} ${task.solved ? `solved${how}` : 'NOT solved'}`];
}

export function questionLines(q: QuestionResult): string[] {
  const chosen =
    q.chosen === null
      ? 'not answered'
      : `answered "${q.choices[q.chosen] ?? q.chosen}", ${q.correct ? 'right' : 'wrong'}`;
  return [`   question: ${q.ask}`, `     answer: ${q.choices[q.answer]} (${chosen})`];
}

export function proofLines(p: TaskProof): string[] {
  const mark = (ok: boolean) => (ok ? '✓' : '✗');
  return [
    `task proof, step ${p.index + 1} "${p.title}":`,
    `   ${mark(!p.heldBefore)} the goal does not hold before the learner acts`,
    `   ${mark(p.hasSolution && p.reached)} the solution reaches the goal`,
    `   ${mark(p.broken.length === 0)} the solution keeps every constraint${p.broken.length ? ` (${p.broken.join('; ')})` : ''}`,
  ];
}
