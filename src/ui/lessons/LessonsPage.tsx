// The first view when no session is open: the path through the library, track by track, each
// lesson with what it teaches, its length and a solved mark; Free play and Import one click away,
// and the session left open (or saved before a reload) one click from being continued.
import { useRef, useState, type ChangeEvent } from 'react';
import { useStore } from 'zustand';
import SCENARIOS from 'virtual:scenario-index';
import { LESSONS_IN_ORDER, TRACKS, type Lesson } from '../../store/lessons';
import { continueSession, importScenarioFile, openScenario } from './open-session';
import { progressStore } from '../../store/progress';
import { savedSessionPlace } from '../../store/persistence';
import './lessons.css';

export function LessonsPage() {
  const solved = useStore(progressStore, (s) => s.solved);
  const chosen = useStore(progressStore, (s) => s.selected);
  const select = useStore(progressStore, (s) => s.select);
  const fileInput = useRef<HTMLInputElement>(null);
  const [saved] = useState(savedSessionPlace);
  // Selected: the learner's last choice, else the first lesson not solved yet.
  const selected =
    chosen ?? LESSONS_IN_ORDER.find((l) => !solved[l.id])?.id ?? LESSONS_IN_ORDER[0]?.id;
  const solvedCount = LESSONS_IN_ORDER.filter((l) => solved[l.id]).length;

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) void importScenarioFile(file);
  };

  return (
    <div className="lessons-page">
      <header className="lessons-head">
        <div className="brand">
          <h1>DriftLab</h1>
          <span className="muted tagline">push vs pull, side by side</span>
        </div>
        <nav className="lessons-actions" aria-label="Other ways in">
          <button type="button" onClick={() => void openScenario('free-play')}>
            Free play
          </button>
          <button type="button" onClick={() => fileInput.current?.click()}>
            Import a scenario…
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".yaml,.yml"
            hidden
            onChange={onFile}
            aria-label="Import a scenario file"
          />
        </nav>
      </header>
      <main className="lessons-main">
        <section className="lessons-intro" aria-labelledby="lessons-title">
          <h2 id="lessons-title">Lessons</h2>
          <p>
            Each lesson runs a story in two lanes: a <strong className="lane-devops">DevOps</strong>{' '}
            pipeline that pushes to its cluster and a{' '}
            <strong className="lane-gitops">GitOps</strong> reconciler that pulls from Git. You step
            through it, answer questions before you see what happens, and solve tasks with the
            console and the Git panel.
          </p>
          <p className="lessons-progress">
            <span>
              {solvedCount} of {LESSONS_IN_ORDER.length} lessons solved
            </span>
            <progress
              max={LESSONS_IN_ORDER.length}
              value={solvedCount}
              aria-label="Lessons solved"
            />
          </p>
          {saved ? <ContinueCard scenario={saved.scenario} step={saved.step} /> : null}
        </section>
        {TRACKS.map((track, ti) => (
          <section key={track.id} className="track" aria-labelledby={`track-${track.id}`}>
            <h3 id={`track-${track.id}`}>
              <span className="track-number">{ti + 1}</span> {track.title}
            </h3>
            <ol className="lesson-list">
              {track.lessons.map((lesson) => (
                <LessonItem
                  key={lesson.id}
                  lesson={lesson}
                  number={LESSONS_IN_ORDER.indexOf(lesson) + 1}
                  solved={Boolean(solved[lesson.id])}
                  selected={lesson.id === selected}
                  onSelect={() => select(lesson.id)}
                />
              ))}
            </ol>
          </section>
        ))}
      </main>
    </div>
  );
}

interface ItemProps {
  lesson: Lesson;
  number: number;
  solved: boolean;
  selected: boolean;
  onSelect: () => void;
}

function LessonItem({ lesson, number, solved, selected, onSelect }: ItemProps) {
  const parts = [`${lesson.minutes} min`];
  if (lesson.tasks > 0) parts.push(`${lesson.tasks} ${lesson.tasks === 1 ? 'task' : 'tasks'}`);
  if (lesson.questions > 0)
    parts.push(`${lesson.questions} ${lesson.questions === 1 ? 'question' : 'questions'}`);
  return (
    <li className={`lesson${selected ? ' selected' : ''}${solved ? ' solved' : ''}`}>
      <button
        type="button"
        className="lesson-pick"
        aria-current={selected ? 'true' : undefined}
        onClick={onSelect}
        onDoubleClick={() => void openScenario(lesson.id)}
      >
        <span className="lesson-number" aria-hidden="true">
          {solved ? '✓' : number}
        </span>
        <span className="lesson-text">
          <span className="lesson-title">
            {lesson.title}
            {solved ? <span className="visually-hidden"> (solved)</span> : null}
          </span>
          <span className="lesson-learn">You will learn: {lesson.learn}</span>
          <span className="lesson-meta">{parts.join(' · ')}</span>
        </span>
      </button>
      {selected ? (
        <button
          type="button"
          className="primary lesson-start"
          aria-label={`${solved ? 'Play again' : 'Start'}: ${lesson.title}`}
          onClick={() => void openScenario(lesson.id)}
        >
          {solved ? 'Play again' : 'Start'}
        </button>
      ) : null}
    </li>
  );
}

function ContinueCard({ scenario, step }: { scenario: string; step: number }) {
  const entry = SCENARIOS.find((s) => s.id === scenario);
  const title = scenario === 'free-play' ? 'Free play' : (entry?.title ?? 'your imported scenario');
  return (
    <p className="continue-card">
      <span>
        You left <strong>{title}</strong>
        {entry && entry.steps > 0 ? ` at step ${step} of ${entry.steps}` : ''}.
      </span>
      <button type="button" className="primary" onClick={continueSession}>
        Continue
      </button>
    </p>
  );
}
