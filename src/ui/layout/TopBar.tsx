import { useId, useRef, useState, type ChangeEvent } from 'react';
import { formatClock } from '../../sim/clock';
import { useApp } from '../../store/hooks';
import { FREE_PLAY, libraryEntries } from '../../store/library';
import { mayStep } from '../../store/lesson-slice';
import { routeStore } from '../../store/route';
import type { AppStore } from '../../store/store';
import { useAppStore } from '../../store/store-context';
import { SPEEDS } from '../../store/store';
import { ShareButton } from './ShareButton';
import { shortcutsSheet } from './shortcuts-sheet';
import { runStep, useStepRunning } from './step-runner';

const ENTRIES = libraryEntries();

/** Pauses the session (it stays open, to be continued) and shows the lessons page. */
function backToLessons(appStore: AppStore): void {
  appStore.setState({ playing: false });
  routeStore.getState().showLessons();
}
const IMPORT = '__import__';

export function TopBar() {
  const appStore = useAppStore();
  const t = useApp((s) => s.view?.t ?? 0);
  const scenarioId = useApp((s) => s.scenarioId);
  const steps = useApp((s) => s.steps.length);
  const done = useApp((s) => s.results.length);
  const playing = useApp((s) => s.playing);
  const speed = useApp((s) => s.speed);
  const busy = useApp((s) => s.busy);
  const stepAllowed = useApp(mayStep);
  const nextKind = useApp((s) => s.next?.kind);
  const inStep = useApp((s) => s.playingStep);
  const ready = useApp((s) => s.status === 'ready');
  const stepping = useStepRunning();
  const { open, reset, back, togglePlay, setSpeed, importScenario } = useApp((s) => s);
  const fileInput = useRef<HTMLInputElement>(null);
  // On a phone the controls a learner uses less often sit behind "More" (issue 14: a bar of one
  // row); on a wider screen they are all in the bar and the toggle is not shown.
  const [more, setMore] = useState(false);
  const moreId = useId();

  const choose = (e: ChangeEvent<HTMLSelectElement>) => {
    if (e.target.value === IMPORT) fileInput.current?.click();
    else void open(e.target.value);
  };
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) await importScenario(await file.text(), file.name);
  };

  return (
    <header className="topbar">
      <div className="brand">
        <button type="button" className="to-lessons" onClick={() => backToLessons(appStore)}>
          <span aria-hidden="true">←</span> <span className="to-lessons-label">Lessons</span>
        </button>
        <h1>DriftLab</h1>
        <span className="muted tagline">push vs pull, side by side</span>
      </div>
      <div className="controls" role="toolbar" aria-label="Session">
        <button
          type="button"
          onClick={() => void back()}
          disabled={busy || done === 0}
          aria-keyshortcuts="ArrowLeft"
        >
          Step back
        </button>
        <button
          type="button"
          className="primary"
          // The second click of a double click (detail 2) is not a second step, however fast the
          // first one was.
          onClick={(e) => {
            if (e.detail <= 1) void runStep(appStore);
          }}
          disabled={stepping || done >= steps || !stepAllowed}
          aria-busy={stepping}
          title={
            stepping
              ? 'A step is running'
              : stepAllowed
                ? undefined
                : nextKind === 'question'
                  ? 'Answer the question first: predict, then see'
                  : 'The task is not done yet: its goal does not hold'
          }
          aria-keyshortcuts="ArrowRight"
        >
          Step
        </button>
        <button
          type="button"
          onClick={togglePlay}
          aria-pressed={playing}
          aria-keyshortcuts="Space"
          disabled={!ready}
        >
          {playing ? 'Pause' : 'Play'}
        </button>
        <span
          className="clock"
          role="timer"
          aria-label="Virtual clock"
          title="virtual time since the sandbox started"
        >
          {formatClock(t)}
        </span>
        <span className="step-count" aria-live="polite">
          Step {done} of {steps}
          {inStep ? ` · playing step ${inStep.index + 1}` : ''}
        </span>
        <button
          type="button"
          className="more-toggle"
          aria-expanded={more}
          aria-controls={moreId}
          onClick={() => setMore(!more)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setMore(false);
          }}
        >
          <span aria-hidden="true">⋯</span> <span className="more-label">More</span>
        </button>
        <div id={moreId} className={`more-controls${more ? ' open' : ''}`}>
          <label className="scenario-pick">
            <span className="visually-hidden">Scenario</span>
            <select
              aria-label="Scenario"
              value={scenarioId === 'imported' ? 'imported' : scenarioId}
              onChange={choose}
              disabled={busy}
            >
              {ENTRIES.map((e) => (
                <option key={e.id} value={e.id} title={e.summary}>
                  {e.id === FREE_PLAY ? 'Free play' : e.title}
                </option>
              ))}
              {scenarioId === 'imported' ? (
                <option value="imported">Imported scenario</option>
              ) : null}
              <option value={IMPORT}>Import…</option>
            </select>
          </label>
          <input
            ref={fileInput}
            type="file"
            accept=".yaml,.yml"
            hidden
            onChange={(e) => void onFile(e)}
            aria-label="Import a scenario file"
          />
          <button type="button" className="reset" onClick={() => void reset()} disabled={busy}>
            Reset
          </button>
          <label className="speed">
            <span className="visually-hidden">Speed</span>
            <select
              aria-label="Speed"
              value={speed}
              onChange={(e) => setSpeed(Number(e.target.value))}
            >
              {SPEEDS.map((s) => (
                <option key={s} value={s}>
                  {s}x
                </option>
              ))}
            </select>
          </label>
          <ShareButton />
          <span className="keys-hint">
            <kbd>←</kbd> <kbd>→</kbd> step · <kbd>Space</kbd> play
          </span>
          <button
            type="button"
            className="keys-button"
            aria-haspopup="dialog"
            aria-keyshortcuts="?"
            title="Keyboard shortcuts (?)"
            onClick={() => shortcutsSheet.set(true)}
          >
            <kbd>?</kbd> Keys
          </button>
        </div>
      </div>
    </header>
  );
}
