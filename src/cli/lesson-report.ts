// The text report's lines for a lesson's guided steps: a task's goal and how it was reached, a
// question with its answer, the headless proof of each task (task-proof.ts), and, on request,
// what happened on each lane during each step (narrate.ts).
import type { AuditRecord } from '../sim/audit';
import { whatHappened } from '../sim/scenario/narrate';
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

/** `sim run --narrate`: after each step, what happened on each lane during it (narrate.ts). */
export function narrationLines(
  results: readonly { title: string; auditEnd: number }[],
  trail: readonly AuditRecord[],
): string[] {
  const out: string[] = [];
  results.forEach((r, i) => {
    out.push(`${i + 1}. ${r.title}`);
    const from = results[i - 1]?.auditEnd ?? 0;
    for (const lane of ['devops', 'gitops'] as const)
      for (const h of whatHappened(trail, lane, from, r.auditEnd))
        out.push(`   ${lane}: ${h.text}`);
  });
  return out;
}
