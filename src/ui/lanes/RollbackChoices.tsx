// The "Roll back" menu's choices: the lane's methods, each with the one sentence that says what it
// really does. Loaded when the menu first opens.
import type { Action } from '../../sim/scenario';
import type { Lane } from './lane-types';
import { ROLLBACK_METHODS, rollbackAction } from './rollback-methods';

export default function RollbackChoices({
  lane,
  run,
  close,
}: {
  lane: Lane;
  run: (action: Action) => void;
  close: () => void;
}) {
  return (
    <ul className="lp-menu">
      {ROLLBACK_METHODS[lane].map((m) => {
        const id = `lp-rb-${lane}-${m.method}`;
        return (
          <li key={m.method}>
            <button
              type="button"
              className="lp-menu-item"
              aria-label={m.label}
              aria-describedby={id}
              onClick={() => {
                close();
                run(rollbackAction(lane, m.method));
              }}
            >
              <span className="lp-menu-title">{m.label}</span>
              <span id={id} className="lp-menu-desc">
                {m.sentence}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
