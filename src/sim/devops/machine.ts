// The push pipeline as a state machine, modelled on a GitHub Actions / Jenkins deploy job:
//   idle -> queued -> checkout -> build -> test -> [waiting-approval] -> deploy -> verify
//        -> succeeded | failed
// The machine lives for the whole sandbox: `succeeded` and `failed` describe the latest run while
// the lane keeps listening for pushes. What a push during a run does is the lane's CI concurrency
// model (concurrency.ts): queue behind it, replace the one pending run (GitHub Actions' concurrency
// group, the default), or cancel the run in progress. With several apps the run loops deploy -> verify per app, with an
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

/**
 * How runs of the workflow share the deploy (REFERENCE.md, push lane: "Runs of the same workflow
 * at once"): `queue` runs every request in turn (GitLab's resource_group); the
 * `github-concurrency-group` keeps one running and one pending run, a newer request replacing the
 * pending one; `cancel-in-progress` cancels the running one; `parallel` (no group) runs them at
 * once, each in its own pipeline (the lane holds one machine per run).
 */
export type CiConcurrency =
  'queue' | 'github-concurrency-group' | 'cancel-in-progress' | 'parallel';

export interface RunRequest {
  revision: string;
  trigger: RunTrigger;
  /** Who asked: the pusher (webhook) or the person who re-ran it. */
  by: string;
}

/** A request as the lane numbers it when it arrives (GitHub's run number), before it starts. */
export type NumberedRequest = RunRequest & { id: number };

export interface PipelineContext {
  stages: StageDurations;
  approval: boolean;
  concurrency: CiConcurrency;
  queue: NumberedRequest[];
  /** The run in progress, or the latest one. */
  run: (NumberedRequest & { appIndex: number }) | null;
  /** Runs started. */
  runs: number;
  /** The requests the latest `supersede` dropped before they started. */
  superseded: NumberedRequest[];
  appCount: number;
  /** Which apps ask for an approval before their deploy (index -> true). */
  gates: boolean[];
}

export type PipelineEvent =
  | { type: 'PUSH'; request: NumberedRequest }
  | { type: 'APPROVE'; by: string }
  | { type: 'CI_RESTORED' };

export interface PipelineInput {
  stages: StageDurations;
  approval: boolean;
  concurrency: CiConcurrency;
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
    cancelsRunning: ({ context }) => context.concurrency === 'cancel-in-progress',
    replacesPending: ({ context }) => context.concurrency === 'github-concurrency-group',
    moreApps: ({ context }) => (context.run?.appIndex ?? 0) + 1 < context.appCount,
    nextAppGated: ({ context }) => context.gates[(context.run?.appIndex ?? 0) + 1] === true,
    firstAppGated: ({ context }) => context.approval || context.gates[0] === true,
  },
  actions: {
    enqueue: assign({
      queue: ({ context, event }) =>
        event.type === 'PUSH' ? [...context.queue, event.request] : context.queue,
    }),
    // Requests waiting past the first `keep` are superseded: reported, then dropped.
    supersede: assign(({ context }, params: { keep: number }) => ({
      superseded: context.queue.slice(params.keep),
      queue: context.queue.slice(0, params.keep),
    })),
    startRun: assign(({ context }) => {
      const [next, ...rest] = context.queue;
      return {
        queue: rest,
        runs: context.runs + 1,
        run: next ? { ...next, appIndex: 0 } : null,
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
    // Reads `superseded`, which `supersede` has just set.
    requestsCancelled: () => {},
    approved: () => {},
  },
}).createMachine({
  id: 'pipeline',
  context: ({ input }) => ({
    stages: input.stages,
    approval: input.approval,
    concurrency: input.concurrency,
    gates: input.gates,
    appCount: Math.max(1, input.gates.length),
    queue: [],
    run: null,
    runs: 0,
    superseded: [],
  }),
  initial: 'idle',
  // A push while a run is in progress (idle, queued and the end states handle their own).
  on: {
    PUSH: [
      {
        guard: 'cancelsRunning',
        target: '.queued',
        actions: [
          'runCancelled',
          { type: 'supersede', params: { keep: 0 } },
          'requestsCancelled',
          'enqueue',
        ],
      },
      {
        guard: 'replacesPending',
        actions: [{ type: 'supersede', params: { keep: 0 } }, 'requestsCancelled', 'enqueue'],
      },
      { actions: 'enqueue' },
    ],
  },
  states: {
    idle: {
      on: { PUSH: { target: 'queued', actions: 'enqueue' } },
    },
    queued: {
      // Waits for a runner: while CI is down, runs stay here. The first request waiting holds the
      // group's running place: cancel-in-progress replaces it, the group replaces the one after.
      on: {
        PUSH: [
          {
            guard: 'cancelsRunning',
            actions: [{ type: 'supersede', params: { keep: 0 } }, 'requestsCancelled', 'enqueue'],
          },
          {
            guard: 'replacesPending',
            actions: [{ type: 'supersede', params: { keep: 1 } }, 'requestsCancelled', 'enqueue'],
          },
          { actions: 'enqueue' },
        ],
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
