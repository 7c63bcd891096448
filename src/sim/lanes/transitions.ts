// The last change of a lane machine's state and the event behind it: the UI marks it on the
// diagram. Both lanes watch their actor the same way, through XState's inspection API (the event
// that caused a snapshot is only visible there).
import type { AnyActorLogic, Actor, SnapshotFrom } from 'xstate';

export interface Transition<S extends string> {
  from: S;
  to: S;
  event: string;
}

export interface Transitions<S extends string> {
  /** The latest change of state, or null while the machine has not left its first state. */
  readonly last: Transition<S> | null;
}

/**
 * Watches `actor` from now on; `stateOf` names a snapshot's state as the lane shows it (changes
 * that keep that name, such as moves between child states, are not transitions). Call it before
 * `actor.start()`, so the first move is seen.
 */
export function observeTransitions<TLogic extends AnyActorLogic, S extends string>(
  actor: Actor<TLogic>,
  stateOf: (snapshot: SnapshotFrom<TLogic>) => S,
): Transitions<S> {
  let previous = stateOf(actor.getSnapshot());
  let last: Transition<S> | null = null;
  actor.system.inspect((ev) => {
    if (ev.type !== '@xstate.snapshot' || ev.actorRef !== actor) return;
    const now = stateOf(ev.snapshot as SnapshotFrom<TLogic>);
    if (now !== previous) last = { from: previous, to: now, event: ev.event.type };
    previous = now;
  });
  return {
    get last() {
      return last;
    },
  };
}
