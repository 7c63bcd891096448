// The end of a lesson: the figures that carry it (from the lesson index and the metrics), the
// learner's task and question results, and the way on: Next lesson, back to the lessons, again.
// Showing it marks the lesson solved in the learner's progress.
import { useEffect } from 'react';
import { METRICS, type LaneMetrics } from '../../sim/metrics';
import { useApp } from '../../store/hooks';
import { lessonById, nextLesson } from '../../store/lessons';
import { chosenAnswer, lessonResult } from '../../store/lesson-score';
import { openScenario } from './open-session';
import { progressStore, type LessonResult } from '../../store/progress';
import { routeStore } from '../../store/route';
import { readMetric } from '../compare/metric-reading';
import type { MetricKey } from '../compare/metric-format';
import { LaneStory } from './WhatHappened';

const LANE_NAME = { devops: 'DevOps (push)', gitops: 'GitOps (pull)' } as const;

export function LessonSummary() {
  const id = useApp((s) => s.scenarioId);
  const title = useApp((s) => s.scenarioTitle);
  const results = useApp((s) => s.results);
  const answers = useApp((s) => s.answers);
  const view = useApp((s) => s.view);
  const reset = useApp((s) => s.reset);
  const lesson = lessonById(id);
  const next = nextLesson(id);
  const score = lessonResult(results, answers);

  // The score as text: the effect runs again only when a result changes, not on every render.
  const scored = JSON.stringify(score);
  useEffect(() => {
    if (lesson) progressStore.getState().markSolved(lesson.id, JSON.parse(scored) as LessonResult);
  }, [lesson, scored]);

  const metrics = (lane: 'devops' | 'gitops'): LaneMetrics | null => view?.metrics[lane] ?? null;
  return (
    <section className="panel lesson-summary" aria-labelledby="summary-title">
      <p className="card-kind">Lesson complete{lesson ? ` · ${lesson.track}` : ''}</p>
      <h2 id="summary-title">{title}</h2>
      {lesson ? <p className="summary-learn">You learned: {lesson.learn}</p> : null}
      <div className="summary-lanes">
        {(['devops', 'gitops'] as const).map((lane) => (
          <div key={lane} className={`summary-lane lane-${lane}`}>
            <LaneStory lane={lane} title={LANE_NAME[lane]} whole />
            <dl className="summary-figures" aria-label={`${LANE_NAME[lane]} figures`}>
              {(lesson?.figures ?? [])
                .filter((f) => f.lane === lane && f.metric in METRICS)
                .map((f) => {
                  const m = metrics(lane);
                  const key = f.metric as MetricKey;
                  return (
                    <div key={f.metric}>
                      <dt>{METRICS[key].label}</dt>
                      <dd>{m ? readMetric(key, m, view!.t).text : '…'}</dd>
                    </div>
                  );
                })}
            </dl>
          </div>
        ))}
      </div>
      {score.tasks.total + score.quiz.total > 0 ? (
        <div className="summary-results">
          <h3>Your results</h3>
          <ul aria-label="Your results">
            {results.map((r) =>
              r.task ? (
                <li
                  key={r.index}
                  className={r.task.solved && !r.task.usedSolution ? 'ok' : 'failed'}
                >
                  {`Task “${r.task.goal}”: `}
                  {r.task.usedSolution
                    ? 'shown by “Show me”'
                    : r.task.solved
                      ? 'solved by you'
                      : `not solved (${r.task.constraints
                          .filter((c) => !c.ok)
                          .map((c) => `rule broken: ${c.text}`)
                          .join('; ')})`}
                </li>
              ) : r.question ? (
                <li
                  key={r.index}
                  className={chosenAnswer(r, answers) === r.question.answer ? 'ok' : 'failed'}
                >
                  {`Question “${r.question.ask}”: `}
                  {chosenAnswer(r, answers) === r.question.answer
                    ? 'right'
                    : `the answer was “${r.question.choices[r.question.answer]}”`}
                </li>
              ) : null,
            )}
          </ul>
          <p className="summary-score">
            {score.tasks.total > 0
              ? `Tasks solved: ${score.tasks.solved} of ${score.tasks.total}`
              : ''}
            {score.tasks.total > 0 && score.quiz.total > 0 ? ' · ' : ''}
            {score.quiz.total > 0
              ? `Questions right: ${score.quiz.right} of ${score.quiz.total}`
              : ''}
          </p>
        </div>
      ) : null}
      <div className="card-actions">
        {next ? (
          <button type="button" className="primary" onClick={() => void openScenario(next.id)}>
            Next lesson: {next.title}
          </button>
        ) : null}
        <button type="button" onClick={() => routeStore.getState().showLessons()}>
          All lessons
        </button>
        <button type="button" onClick={() => void reset()}>
          Play again
        </button>
      </div>
    </section>
  );
}
