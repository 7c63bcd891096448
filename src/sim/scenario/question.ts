// Predict, then reveal: a question asked before a step's actions run, answered against what
// actually happened once they ran. The answer counts toward the lesson's summary.
import type { Question } from './schema';

export interface QuestionResult {
  ask: string;
  choices: string[];
  answer: number;
  why: string;
  /** The learner's choice; null when the step ran unanswered (Step without answering, headless). */
  chosen: number | null;
  correct: boolean | null;
}

export function questionResult(q: Question, chosen: number | undefined): QuestionResult {
  return {
    ask: q.ask,
    choices: q.choices,
    answer: q.answer,
    why: q.why,
    chosen: chosen ?? null,
    correct: chosen === undefined ? null : chosen === q.answer,
  };
}
