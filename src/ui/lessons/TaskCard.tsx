// A task the learner solves with the app's own controls: the goal in words, each goal line and
// each rule checked live (a broken rule says what broke it), hints one at a time, "Show me", and
// the button that completes the step once the goal holds.
import { lazy, Suspense } from 'react';
import { useApp } from '../../store/hooks';
import type { NextStepView } from '../../store/lesson-slice';

const Markdown = lazy(() => import('../narration/Markdown'));

export function TaskCard({
  next,
}: {
  next: NextStepView & { task: NonNullable<NextStepView['task']> };
}) {
  const state = useApp((s) => s.task);
  const shown = useApp((s) => s.hints[next.index] ?? 0);
  const busy = useApp((s) => s.busy);
  const { showHint, showSolution, step } = useApp((s) => s);
  const { hints } = next.task;
  const goalMet = state?.goalMet === true;
  const rulesKept = state?.constraints.every((c) => c.ok) ?? true;
  return (
    <section className="panel lesson-card task-card" aria-label="Your task">
      <p className="card-kind">Your task · step {next.index + 1}</p>
      <h2>{next.title}</h2>
      {next.say ? (
        <div className="say">
          <Suspense fallback={<p className="say-plain">{next.say}</p>}>
            <Markdown text={next.say} />
          </Suspense>
        </div>
      ) : null}
      <p className="task-goal">
        <strong>Goal:</strong> {next.task.goal}
      </p>
      {state ? (
        <>
          <CheckList
            label="Goal"
            // A goal line that does not hold yet is the task's normal state, not a failure: it
            // names no cause (causedBy is for expectations that held before the learner acted).
            items={state.goal.map((g) => ({ ok: g.ok, text: g.sentence ?? g.text }))}
          />
          {state.constraints.length > 0 ? (
            <CheckList
              label="Rules"
              items={state.constraints.map((c) => ({
                ok: c.ok,
                text: c.text,
                note: c.ok ? undefined : c.found,
              }))}
            />
          ) : null}
        </>
      ) : null}
      <div className="card-actions">
        {shown < hints.length ? (
          <button type="button" onClick={showHint}>
            {`Show a hint (${shown + 1} of ${hints.length})`}
          </button>
        ) : null}
        {next.task.hasSolution ? (
          <button type="button" onClick={() => void showSolution()} disabled={busy || goalMet}>
            Show me
          </button>
        ) : null}
        <button
          type="button"
          className="primary"
          onClick={() => void step()}
          disabled={!goalMet || busy}
          title={goalMet ? undefined : 'The goal does not hold yet'}
        >
          Check and continue
        </button>
      </div>
      {/* Under the buttons: a hint opened does not move them (the card stays in the window). */}
      {shown > 0 ? (
        <ol className="task-hints" aria-label="Hints">
          {hints.slice(0, shown).map((h, i) => (
            <li key={i}>{h}</li>
          ))}
        </ol>
      ) : null}
      <p className="task-status" role="status">
        {goalMet
          ? rulesKept
            ? 'The goal holds. Check and continue.'
            : 'The goal holds, but a rule was broken: the task will count as not solved. Step back to try again, or continue.'
          : 'Use the Git panel, the console and the lane buttons; press Play to let time run. Each line turns ✓ when it holds.'}
      </p>
    </section>
  );
}

interface Item {
  ok: boolean;
  text: string;
  note?: string | undefined;
}

export function CheckList({ label, items }: { label: string; items: Item[] }) {
  return (
    <div className="checklist">
      <p className="checklist-label">{label}</p>
      <ul aria-label={label}>
        {items.map((item, i) => (
          <li key={i} className={item.ok ? 'ok' : 'failed'}>
            <span aria-hidden="true">{item.ok ? '✓' : '✗'}</span>
            <span className="visually-hidden">{item.ok ? 'holds:' : 'does not hold:'}</span>{' '}
            {item.text}
            {item.note ? <span className="check-note">{item.note}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
