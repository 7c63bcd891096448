// The reconciler's loop as a state machine, modelled on Argo CD's application controller:
//   idle -> fetching -> comparing -> syncing -> idle
// It wakes on the poll timer (the interval + seeded jitter, counted from the last reconciliation,
// so a manual refresh restarts the wait), on a webhook or a manual refresh, and, in the argo
// flavour, on a change to a live object it tracks (the watch). While the controller is down
// (a fault) it sleeps in `down` and ignores everything but its recovery.
//
// A request that comes while the controller is busy waits in its queue (`pending`), as Argo CD's
// work queue holds an app key until a worker is free. The queue holds one request, the strongest:
// a sync needs a fetch and a sync, a refresh needs a fetch, a watch or a retry only a comparison.
// Back in idle, the controller hands it out (`due`) and takes it up in the next turn of its loop
// (TAKE_QUEUED after 0 ms: whatever was already due at that instant runs first). It comes back
// as itself: idle takes it, a busy controller queues it again, a controller that is down drops it.
//
// What each state *does* (resolve Git HEAD, diff, run sync waves) is injected by the lane
// (lane.ts) through `machine.provide`: this file holds only the flow. `fetch` and `compare` are
// promise actors whose work the sandbox clock waits for; a sync spans virtual time (2 s between
// waves), so the lane reports its end with SYNC_DONE.
import { assign, fromPromise, raise, setup } from 'xstate';

export type WakeReason =
  'poll' | 'refresh' | 'webhook' | 'watch' | 'sync' | 'recovered' | 'retry' | 'applied';

/** The events that ask the controller to reconcile (the others are its own flow). */
export type WakeEvent = 'REFRESH' | 'WEBHOOK' | 'WATCH' | 'SYNC' | 'RETRY' | 'APPLIED';

/** Which queued request wins: a stronger one replaces a weaker one, an equal one waits behind. */
export const QUEUE_PRIORITY: Readonly<Record<WakeEvent, number>> = {
  WATCH: 0,
  APPLIED: 0,
  RETRY: 1,
  REFRESH: 2,
  WEBHOOK: 2,
  SYNC: 3,
};

export interface ReconcilerContext {
  /** Why the current reconciliation started (shown in the UI, written in the trail). */
  reason: WakeReason;
  /** A manual sync in progress: compare, then sync whatever the policy says. */
  manual: boolean;
  /** The request that came while the controller was busy, handed out once it is idle. */
  pending: WakeEvent | null;
  /** Requests handed out, each taken up by its TAKE_QUEUED (in order). */
  due: WakeEvent[];
}

export type ReconcilerEvent =
  | { type: 'REFRESH' }
  | { type: 'WEBHOOK' }
  | { type: 'WATCH' }
  | { type: 'SYNC' }
  | { type: 'RETRY' }
  | { type: 'APPLIED' }
  | { type: 'SYNC_DONE' }
  | { type: 'TAKE_QUEUED' }
  | { type: 'GO_DOWN' }
  | { type: 'RECOVER' };

/** While busy, every request waits in the queue (lane.ts sends them whatever the state). */
const QUEUE = Object.fromEntries(
  (Object.keys(QUEUE_PRIORITY) as WakeEvent[]).map((request) => [
    request,
    { actions: { type: 'queue', params: { request } } },
  ]),
) as { [E in WakeEvent]: { actions: { type: 'queue'; params: { request: E } } } };

export const reconcilerMachine = setup({
  types: {
    context: {} as ReconcilerContext,
    events: {} as ReconcilerEvent,
  },
  delays: {
    // Injected: time left until the next poll (interval + jitter from the last reconciliation).
    pollDelay: 180_000,
  },
  actors: {
    // Injected: resolve the watched branch's HEAD (fails while Git is unreachable).
    fetch: fromPromise<void, { manual: boolean }>(() => Promise.resolve()),
    // Injected: diff desired against live for every app; resolves to true when a sync should run.
    compare: fromPromise<boolean, { manual: boolean; reason: WakeReason }>(() =>
      Promise.resolve(false),
    ),
  },
  guards: {
    webhookEnabled: () => false,
    watchEnabled: () => true,
    shouldSync: (_, params: { output: boolean }) => params.output,
    queued: ({ context }) => context.pending !== null,
    handedOut: ({ context }) => context.due.length > 0,
  },
  actions: {
    wake: assign((_, params: { reason: WakeReason; manual?: boolean }) => ({
      reason: params.reason,
      manual: params.manual ?? false,
    })),
    queue: assign(({ context }, params: { request: WakeEvent }) => ({
      pending:
        context.pending === null || QUEUE_PRIORITY[params.request] > QUEUE_PRIORITY[context.pending]
          ? params.request
          : context.pending,
    })),
    handOut: assign(({ context }) => ({
      due: [...context.due, context.pending!],
      pending: null,
    })),
    takeUpLater: raise({ type: 'TAKE_QUEUED' }, { delay: 0 }),
    takeUp: raise(({ context }) => ({ type: context.due[0]! })),
    dropTaken: assign(({ context }) => ({ due: context.due.slice(1) })),
    startSync: () => {},
    fetchFailed: (_, _params: { error: unknown }) => {},
    reconciled: () => {},
    wentDown: () => {},
  },
}).createMachine({
  id: 'reconciler',
  context: { reason: 'poll', manual: false, pending: null, due: [] },
  initial: 'fetching',
  on: {
    GO_DOWN: { target: '.down', actions: 'wentDown' },
    TAKE_QUEUED: { guard: 'handedOut', actions: ['takeUp', 'dropTaken'] },
  },
  states: {
    idle: {
      entry: 'reconciled',
      always: { guard: 'queued', actions: ['handOut', 'takeUpLater'] },
      after: {
        pollDelay: { target: 'fetching', actions: { type: 'wake', params: { reason: 'poll' } } },
      },
      on: {
        REFRESH: { target: 'fetching', actions: { type: 'wake', params: { reason: 'refresh' } } },
        WEBHOOK: {
          guard: 'webhookEnabled',
          target: 'fetching',
          actions: { type: 'wake', params: { reason: 'webhook' } },
        },
        // A live change needs no fetch: Git has not moved, the cluster has.
        WATCH: {
          guard: 'watchEnabled',
          target: 'comparing',
          actions: { type: 'wake', params: { reason: 'watch' } },
        },
        RETRY: { target: 'comparing', actions: { type: 'wake', params: { reason: 'retry' } } },
        // Flux's own apply ends its reconciliation: it reports what it applied (no watch needed).
        APPLIED: { target: 'comparing', actions: { type: 'wake', params: { reason: 'applied' } } },
        // A manual sync without a revision resolves Git's current HEAD first.
        SYNC: {
          target: 'fetching',
          actions: { type: 'wake', params: { reason: 'sync', manual: true } },
        },
      },
    },
    fetching: {
      on: QUEUE,
      invoke: {
        src: 'fetch',
        input: ({ context }) => ({ manual: context.manual }),
        onDone: { target: 'comparing' },
        onError: {
          target: 'idle',
          actions: { type: 'fetchFailed', params: ({ event }) => ({ error: event.error }) },
        },
      },
    },
    comparing: {
      on: QUEUE,
      invoke: {
        src: 'compare',
        input: ({ context }) => ({ manual: context.manual, reason: context.reason }),
        onDone: [
          {
            guard: { type: 'shouldSync', params: ({ event }) => ({ output: event.output }) },
            target: 'syncing',
          },
          { target: 'idle' },
        ],
        // A comparison that cannot finish (the repository could not be read) is a ComparisonError,
        // shown as Unknown, never a stuck controller.
        onError: {
          target: 'idle',
          actions: { type: 'fetchFailed', params: ({ event }) => ({ error: event.error }) },
        },
      },
    },
    syncing: {
      entry: 'startSync',
      on: { ...QUEUE, SYNC_DONE: 'idle' },
    },
    down: {
      on: {
        RECOVER: { target: 'fetching', actions: { type: 'wake', params: { reason: 'recovered' } } },
      },
    },
  },
});
