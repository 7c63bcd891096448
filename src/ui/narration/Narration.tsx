import { lazy, Suspense } from 'react';
import type { ReactNode } from 'react';
import { useApp } from '../../store/hooks';
import { isGuided } from '../../store/lesson-slice';
import { ErrorBoundary } from '../layout/ErrorBoundary';

// react-markdown renders CommonMark without raw HTML: scenario text is data, never markup.
const Markdown = lazy(() => import('./Markdown'));

export function Narration() {
  const steps = useApp((s) => s.steps);
  const results = useApp((s) => s.results);
  const title = useApp((s) => s.scenarioTitle);
  // While a task is open its card is what the learner reads: the step that ran folds to its title,
  // so the card (its goal and its buttons) stays in the window at 1280x800 (issue 14).
  const taskOpen = useApp((s) => isGuided(s) && s.next?.task !== undefined);
  // The narration shows the step that ran last (or the first one before any ran).
  const index = Math.max(0, results.length - 1);
  const step = steps[results.length === 0 ? 0 : index];
  const result = results.length === 0 ? null : results[index];
  if (!step) return null;
  const heading = (
    <h2>
      {results.length === 0 ? 'Next: ' : `${index + 1}. `}
      {step.title}
    </h2>
  );
  return (
    <section className={`panel narration${taskOpen ? ' folded' : ''}`} aria-label="Narration">
      <p className="muted scenario-title">{title}</p>
      <Fold folded={taskOpen} summary={heading}>
        <div className="say">
          {/* A narration that cannot be rendered is shown as text, never taking the app down. */}
          <ErrorBoundary key={step.say} fallback={() => <p className="say-plain">{step.say}</p>}>
            <Suspense fallback={<p className="say-plain">{step.say}</p>}>
              <Markdown text={step.say} />
            </Suspense>
          </ErrorBoundary>
        </div>
        {result && result.expectations.length > 0 ? (
          <ul className="expectations" aria-label="Expectations">
            {result.expectations.map((e, i) => (
              <li key={i} className={e.ok ? 'ok' : 'failed'}>
                <span aria-hidden="true">{e.ok ? '✓' : '✗'}</span>
                <span className="visually-hidden">{e.ok ? 'held:' : 'did not hold:'}</span>{' '}
                {e.sentence ?? e.text}
                {e.causedBy ? (
                  <span className="caused-by">Your action caused this: {e.causedBy}</span>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
        {result?.actions.some((a) => !a.ok) ? (
          <ul className="action-notes" aria-label="What the actions answered">
            {result.actions
              .filter((a) => !a.ok)
              .map((a, i) => (
                <li key={i}>
                  <pre>{a.text}</pre>
                </li>
              ))}
          </ul>
        ) : null}
      </Fold>
    </section>
  );
}

/** The narration's body under its heading, or folded under it (a disclosure the learner opens). */
function Fold({
  folded,
  summary,
  children,
}: {
  folded: boolean;
  summary: ReactNode;
  children: ReactNode;
}) {
  if (!folded)
    return (
      <>
        {summary}
        {children}
      </>
    );
  return (
    <details className="narration-fold">
      <summary>{summary}</summary>
      {children}
    </details>
  );
}
