// "Roll back": the lane's methods (RollbackChoices.tsx, loaded when the menu first opens).
import { lazy, Suspense } from 'react';
import type { Action } from '../../sim/scenario';
import { Disclosure } from './Disclosure';
import type { Lane } from './lane-types';

const RollbackChoices = lazy(() => import('./RollbackChoices'));

export function RollbackMenu({ lane, run }: { lane: Lane; run: (action: Action) => void }) {
  return (
    <Disclosure label="Roll back" title="Undo the latest release, one of several ways">
      {(close) => (
        <Suspense fallback={<p className="lp-muted lp-small">Loading…</p>}>
          <RollbackChoices lane={lane} run={run} close={close} />
        </Suspense>
      )}
    </Disclosure>
  );
}
