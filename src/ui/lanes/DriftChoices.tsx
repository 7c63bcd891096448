// The "Inject drift" menu's choices: the lines a person on call would type against the lane's
// Deployment, or any line. Loaded when the menu first opens.
import { useState, type FormEvent } from 'react';
import type { Action } from '../../sim/scenario';
import type { ObjectView } from '../../store/view';
import { driftChoices, driftTargets } from './drift-lines';
import type { Lane } from './lane-types';

function kubectlAction(lane: Lane, line: string): Action {
  return { kubectl: { lane, actor: 'you', run: line.trim().replace(/^kubectl\s+/, '') } };
}

export default function DriftChoices({
  lane,
  objects,
  run,
  close,
}: {
  lane: Lane;
  objects: readonly ObjectView[];
  run: (action: Action) => void;
  close: () => void;
}) {
  const targets = driftTargets(objects);
  const [picked, setPicked] = useState(targets[0]?.name ?? '');
  const [typed, setTyped] = useState('');
  const target = targets.find((t) => t.name === picked) ?? targets[0];
  const go = (line: string) => {
    close();
    run(kubectlAction(lane, line));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (typed.trim() !== '') go(typed);
  };
  return (
    <div className="lp-drift-menu">
      {targets.length > 1 ? (
        <label className="lp-field">
          <span>Deployment</span>
          <select value={target?.name} onChange={(e) => setPicked(e.target.value)}>
            {targets.map((t) => (
              <option key={t.name} value={t.name}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {target ? (
        <ul className="lp-menu">
          {driftChoices(target).map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className="lp-menu-item"
                aria-label={c.label}
                aria-describedby={`lp-dr-${lane}-${c.id}`}
                onClick={() => go(c.line)}
              >
                <span className="lp-menu-title">{c.label}</span>
                <span id={`lp-dr-${lane}-${c.id}`} className="lp-menu-desc">
                  <code className="lp-line" title={`kubectl ${c.line}`}>
                    kubectl {c.line}
                  </code>
                  {c.hint}
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="lp-muted lp-small">No Deployment runs in this cluster yet.</p>
      )}
      <form className="lp-typed" onSubmit={submit}>
        <label className="lp-field lp-grow">
          <span>kubectl line</span>
          <input
            type="text"
            value={typed}
            spellCheck={false}
            autoComplete="off"
            placeholder={`annotate deployment ${target?.name ?? 'web'} team=night-shift`}
            onChange={(e) => setTyped(e.target.value)}
          />
        </label>
        <button type="submit" className="lp-btn" disabled={typed.trim() === ''}>
          Run
        </button>
      </form>
    </div>
  );
}
