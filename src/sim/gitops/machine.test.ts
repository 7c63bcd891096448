// The reconciler machine on its own: its loop, wake-ups and outage on xstate's SimulatedClock,
// then model-based paths from `xstate/graph` replayed on real actors.
import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, SimulatedClock, type SnapshotFrom } from 'xstate';
import { getShortestPaths, toDirectedGraph, type DirectedGraphNode } from 'xstate/graph';
import { reconcilerMachine, type ReconcilerEvent, type WakeReason } from './machine';

/** What the lane's injected guards look at: its options. */
interface World {
  webhookEnabled: boolean;
  watchEnabled: boolean;
}
const ARGO: World = { webhookEnabled: false, watchEnabled: true };
/** Nothing queued, nothing handed out. */
const EMPTY = { pending: null, due: [] };
/** What the lane injects as pollDelay: the time left until the next poll. */
const POLL_MS = 60_000;

// xstate names an invoke without an id `<index>.<state id>`; these are its done and error events.
const FETCHED = 'xstate.done.actor.0.reconciler.fetching';
const FETCH_FAILED = 'xstate.error.actor.0.reconciler.fetching';
const COMPARED = 'xstate.done.actor.0.reconciler.comparing';

type Snapshot = SnapshotFrom<typeof reconcilerMachine>;
/**
 * An event as the model sees it. It may carry the world it happens in: the graph traversal only
 * sees events, so putting a guard's outcome on the event lets it explore both branches from one
 * snapshot. The promise actors' results are the `xstate.done/error.actor...` events they cause.
 */
type ModelEvent = (
  | ReconcilerEvent
  | { type: `xstate.after.${string}` | typeof FETCHED }
  | { type: typeof FETCH_FAILED; error: Error }
  | { type: typeof COMPARED; output: boolean }
) & { world?: Partial<World> };

function worldOf(event: object, fallback: World): World {
  return 'world' in event ? { ...fallback, ...(event.world as Partial<World>) } : fallback;
}

/** A call to a promise actor, settled by the test. */
interface Call<TOutput, TInput> {
  input: TInput;
  resolve: (output: TOutput) => void;
  reject: (error: Error) => void;
}

/** fromPromise settles in microtasks: let a few pass, never a timer. */
async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise<void>((resolve) => queueMicrotask(resolve));
}

/**
 * A reconciler actor on a SimulatedClock whose fetch and compare wait for the test to settle
 * them, whose guards read `world` (or the event's world) and whose actions write a timed log.
 */
function reconciler(pollDelay: number | null = POLL_MS) {
  const clock = new SimulatedClock();
  const at = () => `${clock.now() / 1000}s`;
  const h = {
    world: { ...ARGO },
    log: [] as string[],
    fetches: [] as Call<void, { manual: boolean }>[],
    compares: [] as Call<boolean, { manual: boolean; reason: WakeReason }>[],
    errors: [] as unknown[],
  };
  const world = (event: object) => worldOf(event, h.world);
  const machine = reconcilerMachine.provide({
    delays: pollDelay === null ? {} : { pollDelay },
    actors: {
      fetch: fromPromise<void, { manual: boolean }>(
        ({ input }) => new Promise((resolve, reject) => h.fetches.push({ input, resolve, reject })),
      ),
      compare: fromPromise<boolean, { manual: boolean; reason: WakeReason }>(
        ({ input }) =>
          new Promise((resolve, reject) => h.compares.push({ input, resolve, reject })),
      ),
    },
    guards: {
      webhookEnabled: ({ event }) => world(event).webhookEnabled,
      watchEnabled: ({ event }) => world(event).watchEnabled,
    },
    actions: {
      startSync: () => h.log.push(`${at()} start sync`),
      fetchFailed: (_, { error }) =>
        h.log.push(`${at()} fetch failed: ${(error as Error).message}`),
      reconciled: () => h.log.push(`${at()} reconciled`),
      wentDown: () => h.log.push(`${at()} went down`),
    },
  });
  const actor = createActor(machine, { clock });
  // An erroring actor with no error observer rethrows on a real timer: keep it here instead.
  actor.subscribe({ error: (error) => h.errors.push(error) });
  actor.start();
  const state = () => actor.getSnapshot().value;
  const send = (event: ModelEvent) => actor.send(event as ReconcilerEvent);
  /** Settles the latest fetch (resolves it, or rejects it with `error`). */
  const fetched = async (error?: Error) => {
    const call = h.fetches.at(-1)!;
    if (error) call.reject(error);
    else call.resolve();
    await flush();
  };
  const compared = async (outOfSync: boolean) => {
    h.compares.at(-1)!.resolve(outOfSync);
    await flush();
  };
  return { ...h, machine, actor, clock, state, send, fetched, compared };
}

describe('reconcilerMachine on a simulated clock', () => {
  it('starts fetching, compares, syncs what differs and goes idle on SYNC_DONE', async () => {
    const r = reconciler();
    expect(r.state()).toBe('fetching');
    expect(r.fetches.map((c) => c.input)).toEqual([{ manual: false }]);
    await r.fetched();
    expect(r.state()).toBe('comparing');
    expect(r.compares.map((c) => c.input)).toEqual([{ manual: false, reason: 'poll' }]);
    await r.compared(true);
    expect(r.state()).toBe('syncing');
    r.clock.increment(3_600_000);
    expect(r.state()).toBe('syncing');
    r.send({ type: 'SYNC_DONE' });
    expect(r.state()).toBe('idle');
    expect(r.log).toEqual(['0s start sync', '3600s reconciled']);
    expect(r.errors).toEqual([]);
  });

  it('goes idle when the comparison finds nothing to sync', async () => {
    const r = reconciler();
    await r.fetched();
    await r.compared(false);
    expect(r.state()).toBe('idle');
    expect(r.log).toEqual(['0s reconciled']);
  });

  it('goes idle with fetchFailed when the fetch rejects, without comparing', async () => {
    const r = reconciler();
    await r.fetched(new Error('repository not accessible'));
    expect(r.state()).toBe('idle');
    expect(r.log).toEqual(['0s fetch failed: repository not accessible', '0s reconciled']);
    expect(r.compares).toEqual([]);
  });

  // A compare that rejects (the repo read throws) is reported like a failed fetch; the loop goes on.
  it('goes idle when the comparison rejects', async () => {
    const r = reconciler();
    await r.fetched();
    r.compares.at(-1)!.reject(new Error('cannot read manifests'));
    await flush();
    expect(r.actor.getSnapshot().status).toBe('active');
    expect(r.state()).toBe('idle');
  });

  it.each([
    ['the injected pollDelay', POLL_MS],
    ['the 3 min default', null],
  ])('polls again after %s idle', async (_, injected) => {
    const delay = injected ?? 180_000;
    const r = reconciler(injected);
    await r.fetched();
    await r.compared(false);
    r.clock.increment(delay - 1);
    expect(r.state()).toBe('idle');
    r.clock.increment(1);
    expect(r.state()).toBe('fetching');
    expect(r.actor.getSnapshot().context).toEqual({ reason: 'poll', manual: false, ...EMPTY });
  });

  it.each([
    [{ type: 'REFRESH' }, 'fetching', { reason: 'refresh', manual: false }],
    [{ type: 'SYNC' }, 'fetching', { reason: 'sync', manual: true }],
    [{ type: 'RETRY' }, 'comparing', { reason: 'retry', manual: false }],
    [{ type: 'APPLIED' }, 'comparing', { reason: 'applied', manual: false }],
    [{ type: 'WATCH' }, 'comparing', { reason: 'watch', manual: false }],
    [
      { type: 'WEBHOOK', world: { webhookEnabled: true } },
      'fetching',
      { reason: 'webhook', manual: false },
    ],
    [{ type: 'WEBHOOK' }, 'idle', { reason: 'poll', manual: false }],
    [{ type: 'WATCH', world: { watchEnabled: false } }, 'idle', { reason: 'poll', manual: false }],
  ] as const)('wakes from idle on %o into %s', async (event, next, context) => {
    const r = reconciler();
    await r.fetched();
    await r.compared(false);
    r.clock.increment(POLL_MS / 2);
    r.send(event);
    expect(r.state()).toBe(next);
    expect(r.actor.getSnapshot().context).toEqual({ ...context, ...EMPTY });
  });

  it('passes a manual sync to fetch and compare, and restarts the poll wait', async () => {
    const r = reconciler();
    await r.fetched();
    await r.compared(false);
    r.clock.increment(POLL_MS - 1_000);
    r.send({ type: 'SYNC' });
    expect(r.fetches.at(-1)!.input).toEqual({ manual: true });
    await r.fetched();
    expect(r.compares.at(-1)!.input).toEqual({ manual: true, reason: 'sync' });
    await r.compared(false);
    r.clock.increment(POLL_MS - 1);
    expect(r.state()).toBe('idle');
    r.clock.increment(1);
    expect(r.state()).toBe('fetching');
  });

  // Argo CD's work queue holds an app's key while a worker reconciles it; a request that comes
  // meanwhile is processed after (REFERENCE.md, the application controller).
  it('queues a request while busy, hands it out once idle and takes it up in the next turn', async () => {
    const r = reconciler();
    r.send({ type: 'RETRY' });
    r.send({ type: 'RECOVER' });
    expect(r.state()).toBe('fetching');
    expect(r.actor.getSnapshot().context.pending).toBe('RETRY');
    await r.fetched();
    await r.compared(true);
    r.send({ type: 'WATCH' });
    expect(r.actor.getSnapshot().context.pending).toBe('RETRY');
    r.send({ type: 'SYNC_DONE' });
    expect(r.state()).toBe('idle');
    expect(r.actor.getSnapshot().context).toMatchObject({ pending: null, due: ['RETRY'] });
    expect(r.fetches).toHaveLength(1);
    r.clock.increment(0);
    expect(r.state()).toBe('comparing');
    expect(r.actor.getSnapshot().context).toEqual({ reason: 'retry', manual: false, ...EMPTY });
  });

  it.each([
    [['WATCH', 'RETRY'], 'RETRY'],
    [['RETRY', 'WATCH'], 'RETRY'],
    [['WATCH', 'APPLIED'], 'WATCH'],
    [['RETRY', 'REFRESH'], 'REFRESH'],
    [['REFRESH', 'WEBHOOK'], 'REFRESH'],
    [['WEBHOOK', 'REFRESH'], 'WEBHOOK'],
    [['REFRESH', 'SYNC', 'WEBHOOK'], 'SYNC'],
  ] as const)(
    'keeps the strongest of %o queued (an equal one waits behind): %s',
    (events, kept) => {
      const r = reconciler();
      for (const type of events) r.send({ type });
      expect(r.state()).toBe('fetching');
      expect(r.actor.getSnapshot().context.pending).toBe(kept);
    },
  );

  it.each([
    // The webhook guard is asked when the request is taken up, not when it is queued.
    ['a webhook with none set up', 'WEBHOOK', () => {}, 'idle'],
    [
      'a sync while the controller is down',
      'SYNC',
      (r: ReturnType<typeof reconciler>) => r.send({ type: 'GO_DOWN' }),
      'down',
    ],
  ] as const)('takes up %s to no effect', async (_, request, meanwhile, state) => {
    const r = reconciler();
    r.send({ type: request });
    await r.fetched();
    await r.compared(false);
    expect(r.actor.getSnapshot().context.due).toEqual([request]);
    meanwhile(r);
    r.clock.increment(0);
    expect(r.state()).toBe(state);
    expect(r.actor.getSnapshot().context).toMatchObject(EMPTY);
  });

  it.each([
    ['fetching', async () => {}],
    ['comparing', async (r: ReturnType<typeof reconciler>) => r.fetched()],
    [
      'syncing',
      async (r: ReturnType<typeof reconciler>) => {
        await r.fetched();
        await r.compared(true);
      },
    ],
    [
      'idle',
      async (r: ReturnType<typeof reconciler>) => {
        await r.fetched();
        await r.compared(false);
      },
    ],
  ])('goes down from %s and sleeps until RECOVER', async (from, reach) => {
    const r = reconciler();
    await reach(r);
    expect(r.state()).toBe(from);
    r.send({ type: 'GO_DOWN' });
    expect(r.state()).toBe('down');
    for (const type of ['REFRESH', 'SYNC', 'SYNC_DONE', 'RETRY', 'WATCH', 'APPLIED'] as const)
      r.send({ type });
    expect(r.actor.getSnapshot().context.pending).toBeNull();
    // A fetch or compare that was running settles into nothing: its actor was stopped.
    for (const call of r.fetches) call.resolve();
    for (const call of r.compares) call.resolve(true);
    await flush();
    r.clock.increment(3_600_000);
    expect(r.state()).toBe('down');
    r.send({ type: 'RECOVER' });
    expect(r.state()).toBe('fetching');
    expect(r.actor.getSnapshot().context).toEqual({ reason: 'recovered', manual: false, ...EMPTY });
    expect(r.log.filter((line) => line.includes('down'))).toEqual(['0s went down']);
    expect(r.errors).toEqual([]);
  });
});

// ---- model-based: xstate/graph paths replayed on actors --------------------------------------

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
async function replay(path: ReturnType<typeof modelPaths>[number]): Promise<void> {
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
}

const flatten = (node: DirectedGraphNode): string[] => [node.id, ...node.children.flatMap(flatten)];
/** Every state node id of the machine, from the graph xstate would draw. */
const ALL = flatten(toDirectedGraph(reconcilerMachine)).filter((id) => id !== 'reconciler');

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

  it('replays every path on an actor', async () => {
    for (const path of paths) await replay(path);
  });
});
