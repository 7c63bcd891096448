// The reconciler machine's model: paths from `xstate/graph` replayed on real actors.
import { describe, expect, it } from 'vitest';
import { getShortestPaths, toDirectedGraph, type DirectedGraphNode } from 'xstate/graph';
import { reconcilerMachine, type ReconcilerEvent, type WakeEvent } from './machine';
import {
  ARGO,
  COMPARED,
  FETCHED,
  FETCH_FAILED,
  POLL_MS,
  reconciler,
  worldOf,
  type ModelEvent,
  type Snapshot,
} from './testing/reconciler-actor';

/** Every event the model may send, with the guard and actor outcomes worth exploring on it. */
const MODEL_EVENTS: ModelEvent[] = [
  { type: 'REFRESH' },
  { type: 'SYNC' },
  { type: 'RETRY' },
  { type: 'APPLIED' },
  { type: 'WATCH' },
  { type: 'WATCH', world: { watchEnabled: false } },
  { type: 'WEBHOOK' },
  { type: 'WEBHOOK', world: { webhookEnabled: true } },
  { type: 'SYNC_DONE' },
  { type: 'TAKE_QUEUED' },
  { type: 'GO_DOWN' },
  { type: 'RECOVER' },
  { type: 'xstate.after.pollDelay.reconciler.idle' },
  { type: FETCHED },
  { type: FETCH_FAILED, error: new Error('repository not accessible') },
  { type: COMPARED, output: true },
  { type: COMPARED, output: false },
];

function modelPaths() {
  return getShortestPaths(reconciler().machine, {
    // xstate types `events` as the machine's own; the model's extras ride along under a cast.
    events: MODEL_EVENTS as ReconcilerEvent[],
    // Only what the state handles: a real actor never sees another state's done events. A request
    // handed out is taken up in the next turn, before anything else the model could do.
    filterEvents: (snapshot, event) =>
      snapshot.can(event) && (snapshot.context.due.length === 0 || event.type === 'TAKE_QUEUED'),
  });
}

const view = ({ value, context }: Pick<Snapshot, 'value' | 'context'>) => ({ value, context });

/**
 * Replays a path on a fresh actor: a promise actor's done or error event is caused by settling
 * the promise the provided actor returned; the poll delay by the SimulatedClock, moved to 1 ms
 * before it is due (the state must not have moved), then 1 ms more, which checks the delay too.
 */
async function replay(
  path: ReturnType<typeof modelPaths>[number],
): Promise<ReturnType<typeof reconciler>> {
  const r = reconciler();
  for (const { event, state } of path.steps.slice(1)) {
    const model = event as ModelEvent;
    const before = r.state();
    Object.assign(r.world, worldOf(model, ARGO));
    if (model.type === FETCHED) await r.fetched();
    else if (model.type === FETCH_FAILED) await r.fetched(model.error);
    else if (model.type === COMPARED) await r.compared(model.output);
    else if (model.type === 'TAKE_QUEUED') r.clock.increment(0);
    else if (model.type.startsWith('xstate.after.')) {
      r.clock.increment(POLL_MS - 1);
      expect(r.state()).toEqual(before);
      r.clock.increment(1);
    } else r.send(model);
    expect(view(r.actor.getSnapshot()), model.type).toEqual(view(state));
  }
  expect(view(r.actor.getSnapshot())).toEqual(view(path.state));
  expect(r.errors).toEqual([]);
  return r;
}

const flatten = (node: DirectedGraphNode): string[] => [node.id, ...node.children.flatMap(flatten)];
/** Every state node id of the machine, from the graph xstate would draw. */
const ALL = flatten(toDirectedGraph(reconcilerMachine)).filter((id) => id !== 'reconciler');

/** The transitions that keep their state (no target), by state key, from the machine itself. */
const STAYING = [reconcilerMachine.root, ...Object.values(reconcilerMachine.root.states)].flatMap(
  (node) =>
    [...node.transitions.values()]
      .flat()
      .filter((t) => !t.target?.length)
      .map((t) => ({ state: node.key, event: t.eventType })),
);

describe('reconcilerMachine model (xstate/graph shortest paths)', () => {
  const paths = modelPaths();

  it('has a path resting in every state node', () => {
    expect(ALL).toEqual([
      'reconciler.idle',
      'reconciler.fetching',
      'reconciler.comparing',
      'reconciler.syncing',
      'reconciler.down',
    ]);
    const reached = paths.map((path) => `reconciler.${String(path.state.value)}`);
    expect([...new Set(reached)].sort()).toEqual([...ALL].sort());
  });

  it('reaches every wake reason, manual only for a sync', () => {
    const contexts = new Set(
      paths.map(({ state: { context } }) =>
        JSON.stringify({ reason: context.reason, manual: context.manual }),
      ),
    );
    expect([...contexts].sort()).toEqual(
      (['poll', 'refresh', 'webhook', 'watch', 'sync', 'recovered', 'retry', 'applied'] as const)
        .map((reason) => JSON.stringify({ reason, manual: reason === 'sync' }))
        .sort(),
    );
  });

  it('queues in every busy state, keeps the queue while down, and hands it out in idle', () => {
    const queuedIn = paths
      .filter(({ state }) => state.context.pending !== null)
      .map(({ state }) => String(state.value));
    expect([...new Set(queuedIn)].sort()).toEqual(['comparing', 'down', 'fetching', 'syncing']);
    const handedOut = paths.filter(({ state }) => state.context.due.length > 0);
    expect(new Set(handedOut.map(({ state }) => String(state.value)))).toEqual(new Set(['idle']));
  });

  // The queue's transitions keep the state (no target) and only change `pending`. Shortest paths
  // end at a new state, and a busy state with a request queued is often reached more briefly
  // another way: so each queueing transition the machine declares is taken here after the path to
  // its state with an empty queue, on an actor.
  it('takes every queueing transition the machine declares, from an empty queue', async () => {
    const declared = STAYING.filter(({ state }) => state !== 'reconciler');
    expect(new Set(declared.map(({ state }) => state))).toEqual(
      new Set(['fetching', 'comparing', 'syncing']),
    );
    expect(declared).toHaveLength(18);
    for (const { state, event } of declared) {
      const empty = paths.find(
        (path) => path.state.value === state && path.state.context.pending === null,
      );
      const r = await replay(empty!);
      r.send({ type: event as WakeEvent });
      expect(view(r.actor.getSnapshot()), `${state} ${event}`).toEqual({
        value: state,
        context: { ...empty!.state.context, pending: event },
      });
    }
  });

  it('replays every path on an actor', async () => {
    for (const path of paths) await replay(path);
  });
});
