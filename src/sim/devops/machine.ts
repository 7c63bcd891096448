// The push pipeline as a state machine, modelled on a GitHub Actions / Jenkins deploy job:
//   idle -> queued -> checkout -> build -> test -> [waiting-approval] -> deploy -> verify
//        -> succeeded | failed
// The machine lives for the whole sandbox: `succeeded` and `failed` describe the latest run while
// the lane keeps listening for pushes. A push during a run queues behind it (or, with
// cancelInProgress, cancels it). With several apps the run loops deploy -> verify per app, with an
// approval gate before an app that asks for one.
//
// What a stage *does* (read Git, apply manifests, look at rollout status, draw a flaky test) is
// injected by the lane (lane.ts) through `machine.provide`, so this file holds only the flow.
import { and, assign, setup } from 'xstate';

export interface StageDurations {
  checkout: number;
  build: number;
  test: number;
  deploy: number;
}

/** Binding defaults (see the lanes issue): scenarios written by anyone time out the same way. */
export const DEFAULT_STAGES: StageDurations = {
  checkout: 10_000,
  build: 90_000,
  test: 60_000,
  deploy: 20_000,
};
export const VERIFY_POLL_MS = 2_000;

export type RunTrigger = 'push' | 'rerun';

export interface RunRequest {
  revision: string;
  trigger: RunTrigger;
  /** Who asked: the pusher (webhook) or the person who re-ran it. */
  by: string;
}

export interface PipelineContext {
  stages: StageDurations;
  approval: boolean;
  cancelInProgress: boolean;
  queue: RunRequest[];
  /** The run in progress, or the latest one. */
  run: (RunRequest & { id: number; appIndex: number }) | null;
  runs: number;
  appCount: number;
  /** Which apps ask for an approval before their deploy (index -> true). */
  gates: boolean[];
}

export type PipelineEvent =
  { type: 'PUSH'; request: RunRequest } | { type: 'APPROVE'; by: string } | { type: 'CI_RESTORED' };

export interface PipelineInput {
  stages: StageDurations;
  approval: boolean;
  cancelInProgress: boolean;
  gates: boolean[];
}

export const pipelineMachine = setup({
  types: {
    context: {} as PipelineContext,
    events: {} as PipelineEvent,
    input: {} as PipelineInput,
  },
  delays: {
    checkout: ({ context }) => context.stages.checkout,
    build: ({ context }) => context.stages.build,
    test: ({ context }) => context.stages.test,
    deploy: ({ context }) => context.stages.deploy,
    verifyPoll: VERIFY_POLL_MS,
    // Injected by the lane: the longest progressDeadlineSeconds of the app's Deployments.
    verifyTimeout: 600_000,
  },
  guards: {
    // Injected by the lane: they look at the CI system, the tests and the cluster.
    ciAvailable: () => true,
    testsPass: () => true,
    deployFailed: () => false,
    rolloutComplete: () => true,
    rolloutFailed: () => false,
    hasQueued: ({ context }) => context.queue.length > 0,
    cancelInProgress: ({ context }) => context.cancelInProgress,
    moreApps: ({ context }) => (context.run?.appIndex ?? 0) + 1 < context.appCount,
    nextAppGated: ({ context }) => context.gates[(context.run?.appIndex ?? 0) + 1] === true,
    firstAppGated: ({ context }) => context.approval || context.gates[0] === true,
  },
  actions: {
    enqueue: assign({
      queue: ({ context, event }) =>
        event.type === 'PUSH' ? [...context.queue, event.request] : context.queue,
    }),
    replaceQueue: assign({
      queue: ({ event }) => (event.type === 'PUSH' ? [event.request] : []),
    }),
    startRun: assign(({ context }) => {
      const [next, ...rest] = context.queue;
      return {
        queue: rest,
        runs: context.runs + 1,
        run: next ? { ...next, id: context.runs + 1, appIndex: 0 } : null,
      };
    }),
    nextApp: assign({
      run: ({ context }) =>
        context.run ? { ...context.run, appIndex: context.run.appIndex + 1 } : null,
    }),
    // Injected by the lane: stage side effects and the run log.
    stageStarted: (_, _params: { stage: string }) => {},
    stageFinished: (_, _params: { stage: string; ok: boolean; reason?: string }) => {},
    applyApp: () => {},
    runCancelled: () => {},
    approved: () => {},
  },
}).createMachine({
  id: 'pipeline',
  context: ({ input }) => ({
    stages: input.stages,
    approval: input.approval,
    cancelInProgress: input.cancelInProgress,
    gates: input.gates,
    appCount: Math.max(1, input.gates.length),
    queue: [],
    run: null,
    runs: 0,
  }),
  initial: 'idle',
  on: {
    PUSH: [
      { guard: 'cancelInProgress', target: '.queued', actions: ['runCancelled', 'enqueue'] },
      { actions: 'enqueue' },
    ],
  },
  states: {
    idle: {
      on: { PUSH: { target: 'queued', actions: 'enqueue' } },
    },
    queued: {
      // Waits for a runner: while CI is down, runs stay here. No run has started, so a push with
      // cancelInProgress replaces what waits (nothing to cancel) instead of adding to it.
      on: {
        PUSH: [{ guard: 'cancelInProgress', actions: 'replaceQueue' }, { actions: 'enqueue' }],
        CI_RESTORED: { guard: 'ciAvailable', target: 'checkout', actions: 'startRun' },
      },
      always: { guard: 'ciAvailable', target: 'checkout', actions: 'startRun' },
    },
    checkout: {
      entry: { type: 'stageStarted', params: { stage: 'checkout' } },
      after: {
        checkout: {
          target: 'build',
          actions: { type: 'stageFinished', params: { stage: 'checkout', ok: true } },
        },
      },
    },
    build: {
      entry: { type: 'stageStarted', params: { stage: 'build' } },
      after: {
        build: {
          target: 'test',
          actions: { type: 'stageFinished', params: { stage: 'build', ok: true } },
        },
      },
    },
    test: {
      entry: { type: 'stageStarted', params: { stage: 'test' } },
      after: {
        test: [
          {
            guard: 'testsPass',
            target: 'gate',
            actions: { type: 'stageFinished', params: { stage: 'test', ok: true } },
          },
          {
            target: 'failed',
            actions: {
              type: 'stageFinished',
              params: { stage: 'test', ok: false, reason: 'tests failed' },
            },
          },
        ],
      },
    },
    // A transient choice: approval gate before the first app, or straight to deploy.
    gate: {
      always: [{ guard: 'firstAppGated', target: 'waiting-approval' }, { target: 'deploy' }],
    },
    'waiting-approval': {
      entry: { type: 'stageStarted', params: { stage: 'approval' } },
      on: {
        APPROVE: {
          target: 'deploy',
          actions: ['approved', { type: 'stageFinished', params: { stage: 'approval', ok: true } }],
        },
      },
    },
    // kubectl apply runs as the step starts; the step's duration covers the rest of the job.
    deploy: {
      entry: [{ type: 'stageStarted', params: { stage: 'deploy' } }, 'applyApp'],
      after: {
        deploy: [
          {
            guard: 'deployFailed',
            target: 'failed',
            actions: {
              type: 'stageFinished',
              params: { stage: 'deploy', ok: false, reason: 'kubectl apply failed' },
            },
          },
          {
            target: 'verify',
            actions: { type: 'stageFinished', params: { stage: 'deploy', ok: true } },
          },
        ],
      },
    },
    // `kubectl rollout status` with a timeout: polls until every Deployment is rolled out.
    verify: {
      entry: { type: 'stageStarted', params: { stage: 'verify' } },
      always: [
        {
          guard: 'rolloutFailed',
          target: 'failed',
          actions: {
            type: 'stageFinished',
            params: {
              stage: 'verify',
              ok: false,
              reason: 'rollout failed: progress deadline exceeded',
            },
          },
        },
        {
          guard: 'rolloutComplete',
          target: 'next-app',
          actions: { type: 'stageFinished', params: { stage: 'verify', ok: true } },
        },
      ],
      after: {
        verifyTimeout: {
          target: 'failed',
          actions: {
            type: 'stageFinished',
            params: { stage: 'verify', ok: false, reason: 'timed out waiting for the rollout' },
          },
        },
      },
      initial: 'polling',
      states: {
        polling: { after: { verifyPoll: { target: 'polling', reenter: true } } },
      },
    },
    'next-app': {
      always: [
        {
          guard: and(['moreApps', 'nextAppGated']),
          target: 'waiting-approval',
          actions: 'nextApp',
        },
        { guard: 'moreApps', target: 'deploy', actions: 'nextApp' },
        { target: 'succeeded' },
      ],
    },
    succeeded: {
      always: { guard: 'hasQueued', target: 'queued' },
      on: { PUSH: { target: 'queued', actions: 'enqueue' } },
    },
    failed: {
      always: { guard: 'hasQueued', target: 'queued' },
      on: { PUSH: { target: 'queued', actions: 'enqueue' } },
    },
  },
});
