// The lesson's cards: beside the narration, what comes next (a question to answer before it runs,
// a task to solve) and the answer to the question of the step that just ran; across the stage,
// once every step ran, the lesson's summary.
import { useApp } from '../../store/hooks';
import { chosenAnswer } from '../../store/lesson-score';
import { isGuided } from '../../store/lesson-slice';
import { LessonSummary } from './LessonSummary';
import { QuestionCard, RevealCard } from './QuestionCard';
import { TaskCard } from './TaskCard';
import './lesson-cards.css';

/** What comes next (a question, a task): above the narration, where the eye starts. */
export function LessonAhead() {
  const next = useApp((s) => s.next);
  const guided = useApp(isGuided);
  if (!guided) return null;
  return (
    <>
      {next?.question ? (
        <QuestionCard key={next.index} next={{ ...next, question: next.question }} />
      ) : null}
      {next?.task ? (
        <>
          <TaskCard next={{ ...next, task: next.task }} />
          <LessonReveal belowTask />
        </>
      ) : null}
    </>
  );
}

/** Once every step ran: the lesson's summary, across the top of the stage. */
export function LessonDone() {
  const guided = useApp(isGuided);
  const done = useApp((s) => s.steps.length > 0 && s.results.length >= s.steps.length);
  return guided && done ? <LessonSummary /> : null;
}

/**
 * The answer to the question of the step that just ran, under its narration; while a task is open,
 * under the task's card instead (`belowTask`), so the card stays in the window (issue 14).
 */
export function LessonReveal({ belowTask = false }: { belowTask?: boolean }) {
  const last = useApp((s) => s.results.at(-1));
  const answers = useApp((s) => s.answers);
  const taskOpen = useApp((s) => isGuided(s) && s.next?.task !== undefined);
  if (!last?.question || taskOpen !== belowTask) return null;
  return <RevealCard title={last.title} q={last.question} chosen={chosenAnswer(last, answers)} />;
}
