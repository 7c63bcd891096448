// The state machine block of a lane: the current state and the last transition in words (always
// there), and the diagram (lazy: its chunk carries @xyflow/react, dagre and their CSS).
import { lazy, Suspense, useId } from 'react';
import { useRememberedOpen } from '../layout/remembered';
import { eventLabel } from './event-label';
import type { Lane } from './lane-types';

const MachineDiagram = lazy(() => import('./MachineDiagram'));

export interface MachineViewProps {
  lane: Lane;
  state: string;
  lastTransition: { from: string; to: string; event: string } | null;
}

export function MachineView({ lane, state, lastTransition }: MachineViewProps) {
  // Shown or hidden, with labels or without: remembered per lane across reloads.
  const [shown, setShown] = useRememberedOpen(`${lane}.diagram`, false);
  const [large, setLarge] = useRememberedOpen(`${lane}.diagram-labels`, false);
  const id = useId();
  const machine = lane === 'devops' ? 'pipelineMachine' : 'reconcilerMachine';
  return (
    <div className="lp-machine">
      <div className="lp-machine-head">
        <h3 className="lp-h3" title={`Drawn from ${machine}, the machine the lane runs`}>
          State machine
        </h3>
        <span>
          <span className="lp-muted">now </span>
          <strong className="lp-state" data-testid="machine-state">
            {state}
          </strong>
        </span>
        <span
          className="lp-muted lp-last"
          title={
            lastTransition
              ? `last transition: ${lastTransition.from} → ${lastTransition.to} on ${eventLabel(lastTransition.event)}`
              : undefined
          }
        >
          {lastTransition ? (
            <>
              last: {lastTransition.from} → {lastTransition.to} (
              <code>{eventLabel(lastTransition.event)}</code>)
            </>
          ) : null}
        </span>
        {shown ? (
          <button
            type="button"
            className="lp-btn lp-btn-small"
            aria-pressed={large}
            onClick={() => setLarge(!large)}
            title="Every transition labelled in words; its event and guard names on hover"
          >
            Labels
          </button>
        ) : null}
        <button
          type="button"
          className="lp-btn lp-btn-small"
          aria-expanded={shown}
          aria-controls={id}
          onClick={() => setShown(!shown)}
        >
          {shown ? 'Hide diagram' : 'Show diagram'}
        </button>
      </div>
      <div id={id} hidden={!shown}>
        {shown ? (
          <Suspense
            fallback={
              <p className="lp-muted lp-flow-fallback">Loading the state machine diagram…</p>
            }
          >
            <MachineDiagram
              lane={lane}
              state={state}
              lastTransition={lastTransition}
              large={large}
            />
          </Suspense>
        ) : null}
      </div>
    </div>
  );
}
