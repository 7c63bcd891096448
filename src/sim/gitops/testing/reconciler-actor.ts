// A reconciler machine on xstate's SimulatedClock for the machine's tests (machine.test.ts, its
// clock; machine.model.test.ts, its xstate/graph paths): fetch and compare wait for the test to
// settle them, guards read a world the test sets, and actions write a timed log.
import { createActor, fromPromise, SimulatedClock, type SnapshotFrom } from 'xstate';
import { reconcilerMachine, type ReconcilerEvent, type WakeReason } from '../machine';

/** What the lane's injected guards look at: its options. */
export interface World {
  webhookEnabled: boolean;
  watchEnabled: boolean;
}
export const ARGO: World = { webhookEnabled: false, watchEnabled: true };
/** Nothing queued, nothing handed out. */
export const EMPTY = { pending: null, due: [] };
/** What the lane injects as pollDelay: the time left until the next poll. */
export const POLL_MS = 60_000;

// xstate names an invoke without an id `<index>.<state id>`; these are its done and error events.
export const FETCHED = 'xstate.done.actor.0.reconciler.fetching';
export const FETCH_FAILED = 'xstate.error.actor.0.reconciler.fetching';
export const COMPARED = 'xstate.done.actor.0.reconciler.comparing';

export type Snapshot = SnapshotFrom<typeof reconcilerMachine>;
/**
 * An event as the model sees it. It may carry the world it happens in: the graph traversal only
 * sees events, so putting a guard's outcome on the event lets it explore both branches from one
 * snapshot. The promise actors' results are the `xstate.done/error.actor...` events they cause.
 */
export type ModelEvent = (
  | ReconcilerEvent
  | { type: `xstate.after.${string}` | typeof FETCHED }
  | { type: typeof FETCH_FAILED; error: Error }
  | { type: typeof COMPARED; output: boolean }
) & { world?: Partial<World> };

export function worldOf(event: object, fallback: World): World {
  return 'world' in event ? { ...fallback, ...(event.world as Partial<World>) } : fallback;
}

/** A call to a promise actor, settled by the test. */
interface Call<TOutput, TInput> {
  input: TInput;
  resolve: (output: TOutput) => void;
  reject: (error: Error) => void;
}

/** fromPromise settles in microtasks: let a few pass, never a timer. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise<void>((resolve) => queueMicrotask(resolve));
}

/**
 * A reconciler actor on a SimulatedClock whose fetch and compare wait for the test to settle
 * them, whose guards read `world` (or the event's world) and whose actions write a timed log.
 */
export function reconciler(pollDelay: number | null = POLL_MS) {
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
