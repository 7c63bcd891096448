// observeTransitions on a small machine with a child state and an invoked child actor: only the
// root actor's changes of (named) state count, each with the event that caused it.
import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, setup, type SnapshotFrom } from 'xstate';
import { observeTransitions } from './transitions';

const door = setup({
  actors: { unlock: fromPromise(() => Promise.resolve()) },
}).createMachine({
  id: 'door',
  initial: 'closed',
  states: {
    closed: { on: { OPEN: 'open', LOCK: 'locked' } },
    open: {
      initial: 'ajar',
      states: { ajar: { on: { PUSH: 'wide' } }, wide: {} },
      on: { CLOSE: 'closed' },
    },
    locked: { invoke: { src: 'unlock', onDone: 'closed' } },
  },
});

type DoorState = 'closed' | 'open' | 'locked';
const stateOf = (snap: SnapshotFrom<typeof door>): DoorState =>
  (typeof snap.value === 'string' ? snap.value : Object.keys(snap.value)[0]!) as DoorState;

function watched() {
  const actor = createActor(door);
  const transitions = observeTransitions(actor, stateOf);
  actor.start();
  return { actor, transitions };
}

describe('observeTransitions', () => {
  it('has no transition before the machine leaves its first state', () => {
    const { transitions } = watched();
    expect(transitions.last).toBeNull();
  });

  it.each([
    [['OPEN'], { from: 'closed', to: 'open', event: 'OPEN' }],
    [['OPEN', 'CLOSE'], { from: 'open', to: 'closed', event: 'CLOSE' }],
    // A move between child states keeps the name: the last transition stays OPEN's.
    [['OPEN', 'PUSH'], { from: 'closed', to: 'open', event: 'OPEN' }],
    // An event the state does not handle changes nothing.
    [['OPEN', 'LOCK'], { from: 'closed', to: 'open', event: 'OPEN' }],
  ] as const)('after %o the last transition is %o', (events, last) => {
    const { actor, transitions } = watched();
    for (const type of events) actor.send({ type });
    expect(transitions.last).toEqual(last);
  });

  it("names the invoked actor's done event, and ignores that actor's own snapshots", async () => {
    const { actor, transitions } = watched();
    actor.send({ type: 'LOCK' });
    expect(transitions.last).toEqual({ from: 'closed', to: 'locked', event: 'LOCK' });
    // fromPromise settles in microtasks: let a few pass, never a timer.
    for (let i = 0; i < 10; i++) await new Promise<void>((resolve) => queueMicrotask(resolve));
    expect(stateOf(actor.getSnapshot())).toBe('closed');
    expect(transitions.last).toEqual({
      from: 'locked',
      to: 'closed',
      event: 'xstate.done.actor.0.door.locked',
    });
  });
});
