// Predict, then reveal. Before the step runs: the question and its choices; the learner locks in
// an answer, then Step or Play runs the step. After it ran: the right answer, whether the learner
// was right, and why, beside the step's expectations (what actually happened).
import { useState } from 'react';
import { useApp } from '../../store/hooks';
import type { NextStepView } from '../../store/lesson-slice';
import type { QuestionResult } from '../../sim/scenario/question';

type Asked = NextStepView & { question: NonNullable<NextStepView['question']> };

export function QuestionCard({ next }: { next: Asked }) {
  const answered = useApp((s) => s.answers[next.index]);
  const answer = useApp((s) => s.answer);
  const [choice, setChoice] = useState<number | null>(null);
  const name = `question-${next.index}`;
  const locked = answered !== undefined;
  return (
    <section className="panel lesson-card question-card" aria-label="Predict">
      <p className="card-kind">Predict · before step {next.index + 1}</p>
      <h2>{next.title}</h2>
      <fieldset disabled={locked}>
        <legend>{next.question.ask}</legend>
        {next.question.choices.map((c, i) => (
          <label key={i} className="choice">
            <input
              type="radio"
              name={name}
              checked={(locked ? answered : choice) === i}
              onChange={() => setChoice(i)}
            />
            {c}
          </label>
        ))}
      </fieldset>
      {locked ? (
        <p className="question-next" role="status">
          Your prediction is in. Press <strong>Step</strong> or <strong>Play</strong> to see what
          happens.
        </p>
      ) : (
        <div className="card-actions">
          <button
            type="button"
            className="primary"
            disabled={choice === null}
            onClick={() => choice !== null && answer(choice)}
          >
            Lock in my answer
          </button>
        </div>
      )}
    </section>
  );
}

/** The question of a step that ran, revealed: `chosen` is the learner's answer (or none). */
export function RevealCard({
  title,
  q,
  chosen,
}: {
  title: string;
  q: QuestionResult;
  chosen: number | null;
}) {
  const right = chosen === q.answer;
  return (
    <section className="panel lesson-card reveal-card" aria-label="Answer">
      <p className="card-kind">Answer · {title}</p>
      <p className="reveal-ask">{q.ask}</p>
      <p className={`reveal-verdict ${chosen === null ? 'none' : right ? 'right' : 'wrong'}`}>
        {chosen === null
          ? 'You did not answer.'
          : right
            ? `✓ Right: ${q.choices[q.answer]}`
            : `✗ You said: ${q.choices[chosen]}`}
      </p>
      {!right ? (
        <p className="reveal-answer">
          <strong>The answer:</strong> {q.choices[q.answer]}
        </p>
      ) : null}
      <p className="reveal-why">
        <strong>Why:</strong> {q.why}
      </p>
      <p className="muted reveal-see">
        What actually happened: “What just happened” above the lanes, and the step below.
      </p>
    </section>
  );
}
