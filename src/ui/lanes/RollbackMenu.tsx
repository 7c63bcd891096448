// "Roll back": the lane's methods, each with the one sentence that says what it really does.
import type { Action } from '../../sim/scenario';
import { Disclosure } from './Disclosure';
import type { Lane } from './lane-types';
import { ROLLBACK_METHODS, rollbackAction } from './rollback-methods';

export function RollbackMenu({ lane, run }: { lane: Lane; run: (action: Action) => void }) {
  return (
    <Disclosure label="Roll back" title="Undo the latest release, one of several ways">
      {(close) => (
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
      )}
    </Disclosure>
  );
}
