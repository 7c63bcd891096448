// "Inject drift": change the live cluster behind Git's back with kubectl, as the person on call
// would. Each choice shows the line it runs; any other line can be typed. The choices are loaded
// when the menu first opens (DriftChoices.tsx).
import { lazy, Suspense } from 'react';
import type { Action } from '../../sim/scenario';
import type { ObjectView } from '../../store/view';
import { Disclosure } from './Disclosure';
import type { Lane } from './lane-types';

const DriftChoices = lazy(() => import('./DriftChoices'));

export function InjectDriftMenu({
  lane,
  objects,
  run,
}: {
  lane: Lane;
  objects: readonly ObjectView[];
  run: (action: Action) => void;
}) {
  return (
    <Disclosure
      label="Inject drift"
      title="Change the live cluster with kubectl, behind Git's back"
    >
      {(close) => (
        <Suspense fallback={<p className="lp-muted lp-small">Loading…</p>}>
          <DriftChoices lane={lane} objects={objects} run={run} close={close} />
        </Suspense>
      )}
    </Disclosure>
  );
}
