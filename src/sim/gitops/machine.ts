// The reconciler's loop as a state machine, modelled on Argo CD's application controller:
//   idle -> fetching -> comparing -> syncing -> idle
// It wakes on the poll timer (the interval + seeded jitter, counted from the last reconciliation,
// so a manual refresh restarts the wait), on a webhook or a manual refresh, and, in the argo
// flavour, on a change to a live object it tracks (the watch). While the controller is down
// (a fault) it sleeps in `down` and ignores everything but its recovery.
//
// What each state *does* (resolve Git HEAD, diff, run sync waves) is injected by the lane
// (lane.ts) through `machine.provide`: this file holds only the flow. `fetch` and `compare` are
// promise actors whose work the sandbox clock waits for; a sync spans virtual time (2 s between
// waves), so the lane reports its end with SYNC_DONE.
import { assign, fromPromise, setup } from 'xstate';

export type WakeReason =
  'poll' | 'refresh' | 'webhook' | 'watch' | 'sync' | 'recovered' | 'retry' | 'applied';

export interface ReconcilerContext {
  /** Why the current reconciliation started (shown in the UI, written in the trail). */
  reason: WakeReason;
  /** A manual sync in progress: compare, then sync whatever the policy says. */
  manual: boolean;
}

export type ReconcilerEvent =
  | { type: 'REFRESH' }
  | { type: 'WEBHOOK' }
  | { type: 'WATCH' }
  | { type: 'SYNC' }
  | { type: 'RETRY' }
  | { type: 'APPLIED' }
  | { type: 'SYNC_DONE' }
  | { type: 'GO_DOWN' }
  | { type: 'RECOVER' };

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
  },
  actions: {
    wake: assign((_, params: { reason: WakeReason; manual?: boolean }) => ({
      reason: params.reason,
      manual: params.manual ?? false,
    })),
    startSync: () => {},
    fetchFailed: (_, _params: { error: unknown }) => {},
    reconciled: () => {},
    wentDown: () => {},
  },
}).createMachine({
  id: 'reconciler',
  context: { reason: 'poll', manual: false },
  initial: 'fetching',
  on: {
    GO_DOWN: { target: '.down', actions: 'wentDown' },
  },
  states: {
    idle: {
      entry: 'reconciled',
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
      on: { SYNC_DONE: 'idle' },
    },
    down: {
      on: {
        RECOVER: { target: 'fetching', actions: { type: 'wake', params: { reason: 'recovered' } } },
      },
    },
  },
});
