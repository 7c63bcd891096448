// Hand-made lane views for the component tests: a DevOps lane waiting for approval with a drifted
// Deployment, and a GitOps lane OutOfSync with a drifted Deployment and a Service it lost.
import { ARGO_DEFAULTS } from '../../sim/gitops/options';
import type { LaneMetrics } from '../../sim/metrics';
import type { Application } from '../../sim/gitops/lane';
import type { LaneViewOf, ObjectView, SandboxView } from '../../store/view';

const SHA1 = '9efaba7a52e6c30470834ae463addbd731d82956';
const SHA2 = '4c1d2e3f4a5b6c7d8e9f00112233445566778899';

const METRICS: LaneMetrics = {
  deploymentFrequency: null,
  leadTimeMs: null,
  changeFailRate: null,
  recoveryTimeMs: null,
  reworkRate: null,
  driftEvents: 1,
  timeToDetectMs: null,
  timeToCorrectMs: null,
  outOfSyncMs: 0,
  auditCoverage: null,
  rebuildableFromGit: false,
  deployments: 1,
};

const TEXT_DIFF = [
  '--- live/Deployment/default/web',
  '+++ desired/Deployment/default/web',
  '@@ -6,7 +6,7 @@',
  ' spec:',
  '-  replicas: 5',
  '+  replicas: 3',
  '',
].join('\n');

function deployment(replicas: number): ObjectView {
  return {
    key: 'Deployment/default/web',
    kind: 'Deployment',
    name: 'web',
    namespace: 'default',
    app: 'app',
    health: 'Progressing',
    healthMessage: 'Waiting for rollout to finish',
    pods: [
      { name: 'web-a', state: 'Running' },
      { name: 'web-b', state: 'Pending' },
      { name: 'web-c', state: 'CrashLoopBackOff' },
    ],
    desired: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 3 },
    },
    live: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas,
        template: { spec: { containers: [{ name: 'web', image: 'web:1.0' }] } },
      },
    },
    drift: 'modified',
    fields: [
      { path: 'spec.replicas', desired: 3, live: replicas },
      {
        path: 'spec.template.spec.containers[name=web].image',
        desired: 'web:1.0',
        live: 'web:1.0-hotfix',
      },
    ],
    textDiff: TEXT_DIFF,
  };
}

const missingService: ObjectView = {
  key: 'Service/default/web',
  kind: 'Service',
  name: 'web',
  namespace: 'default',
  app: 'app',
  health: 'Missing',
  pods: [],
  drift: 'missing',
  fields: [],
};

export function devopsView(overrides: Partial<LaneViewOf<'devops'>> = {}): LaneViewOf<'devops'> {
  return {
    name: 'devops',
    state: 'waiting-approval',
    lastTransition: {
      from: 'test',
      to: 'waiting-approval',
      event: 'xstate.after.test.pipeline.test',
    },
    status: {
      sync: null,
      health: 'Progressing',
      pipeline: 'waiting-approval',
      inSyncWithGit: false,
      apps: { app: { sync: null, health: 'Progressing', inSyncWithGit: false } },
    },
    note: `run #2 of ${SHA2.slice(0, 7)} (push by alice): running`,
    objects: [deployment(5)],
    counts: { objects: 1, pods: 3 },
    runs: [
      {
        id: 2,
        revision: SHA2,
        trigger: 'push',
        by: 'alice',
        startedAt: 0,
        result: 'running',
        stages: [
          {
            stage: 'checkout',
            startedAt: 0,
            finishedAt: 10_000,
            ok: true,
            lines: ['checkout 4c1d2e3 (push by alice)'],
          },
          {
            stage: 'build',
            startedAt: 10_000,
            finishedAt: 100_000,
            ok: true,
            lines: ['built web:1.1'],
          },
          {
            stage: 'test',
            startedAt: 100_000,
            finishedAt: 160_000,
            ok: true,
            lines: ['all tests passed'],
          },
          { stage: 'approval', startedAt: 160_000, lines: [] },
        ],
      },
    ],
    queued: 1,
    awaitingApproval: [2],
    plan: [],
    applications: [],
    notifications: [],
    options: {
      stages: { checkout: 10_000, build: 90_000, test: 60_000, deploy: 20_000 },
      approval: true,
      concurrency: 'github-concurrency-group',
      prune: false,
      flakyRate: 0,
    },
    ...overrides,
  };
}

function application(): Application {
  return {
    spec: { name: 'app', path: '' },
    sync: 'OutOfSync',
    health: 'Degraded',
    comparedTo: SHA1,
    syncedRevision: SHA1,
    reconciledAt: 200_000,
    resources: [
      {
        key: 'Service/default/web',
        ref: { kind: 'Service', name: 'web', namespace: 'default' },
        group: '',
        kind: 'Service',
        name: 'web',
        namespace: 'default',
        status: 'OutOfSync',
        reason: 'missing',
        requiresPruning: false,
        syncWave: 0,
        fields: [],
        ignored: [],
        desired: {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'web', namespace: 'default' },
        },
      },
      {
        key: 'Deployment/default/web',
        ref: { kind: 'Deployment', name: 'web', namespace: 'default' },
        group: 'apps',
        kind: 'Deployment',
        name: 'web',
        namespace: 'default',
        status: 'OutOfSync',
        reason: 'modified',
        requiresPruning: false,
        syncWave: 0,
        fields: [{ path: 'spec.replicas', desired: 3, live: 5 }],
        ignored: [],
        desired: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web', namespace: 'default' },
        },
        textDiff: TEXT_DIFF,
      },
    ],
    conditions: [],
    operation: {
      phase: 'Succeeded',
      revision: SHA1,
      startedAt: 0,
      finishedAt: 2_000,
      message: 'successfully synced (all tasks run)',
      initiatedBy: { username: 'automated sync policy', automated: true },
      kind: 'auto',
      results: [
        {
          key: 'Service/default/web',
          action: 'apply',
          wave: 0,
          ok: true,
          message: 'service/web created',
        },
        {
          key: 'Deployment/default/web',
          action: 'apply',
          wave: 0,
          ok: true,
          message: 'deployment.apps/web created',
        },
      ],
    },
    history: [
      {
        id: 0,
        revision: SHA2,
        deployStartedAt: 0,
        deployedAt: 0,
        initiatedBy: { username: 'automated sync policy', automated: true },
      },
      {
        id: 1,
        revision: SHA1,
        deployStartedAt: 60_000,
        deployedAt: 62_000,
        initiatedBy: { username: 'alice', automated: false },
      },
    ],
    lastAttempt: null,
    heal: { attempts: 0, lastAt: null },
    policy: 'drift at the synced revision; selfHeal is off',
  };
}

export function gitopsView(overrides: Partial<LaneViewOf<'gitops'>> = {}): LaneViewOf<'gitops'> {
  return {
    name: 'gitops',
    state: 'idle',
    lastTransition: {
      from: 'comparing',
      to: 'idle',
      event: 'xstate.done.actor.0.reconciler.comparing',
    },
    status: {
      sync: 'OutOfSync',
      health: 'Degraded',
      pipeline: null,
      inSyncWithGit: false,
      apps: { app: { sync: 'OutOfSync', health: 'Degraded', inSyncWithGit: false } },
    },
    note: 'drift at the synced revision; selfHeal is off',
    objects: [deployment(5), missingService],
    counts: { objects: 2, pods: 3 },
    plan: [
      {
        app: 'app',
        tasks: [
          {
            key: missingService.key,
            kind: 'Service',
            name: 'web',
            verb: 'create',
            wave: 0,
            drift: 'missing',
            fields: [],
          },
          {
            key: 'Deployment/default/web',
            kind: 'Deployment',
            name: 'web',
            verb: 'update',
            wave: 0,
            drift: 'modified',
            fields: deployment(5).fields,
          },
        ],
        hooks: [],
        leftBehind: [],
      },
    ],
    runs: [],
    queued: 0,
    awaitingApproval: [],
    applications: [application()],
    notifications: [
      {
        t: 0,
        trigger: 'on-sync-succeeded',
        app: 'app',
        message: 'Sync operation to 9efaba7 succeeded',
      },
      { t: 120_000, trigger: 'on-health-degraded', app: 'app', message: 'app has degraded' },
    ],
    options: { ...ARGO_DEFAULTS },
    ...overrides,
  };
}

export function sandboxView(
  lanes: Partial<{ devops: LaneViewOf<'devops'>; gitops: LaneViewOf<'gitops'> }> = {},
): SandboxView {
  return {
    t: 240_000,
    seed: 1,
    head: SHA2,
    commits: [],
    pullRequests: [],
    lanes: { devops: lanes.devops ?? devopsView(), gitops: lanes.gitops ?? gitopsView() },
    metrics: { devops: METRICS, gitops: METRICS },
    // The drifted Deployment's story: bob scaled it by hand (kubectl, no Git revision) in both
    // clusters, so the lanes' tables and trees call it drifted, not pending (git-relation.ts).
    audit: HAND_EDITS,
    auditSize: HAND_EDITS.length,
  };
}

const HAND_EDITS: SandboxView['audit'] = (['devops', 'gitops'] as const).map((cluster, seq) => ({
  seq,
  t: 60_000,
  cluster,
  actor: 'bob',
  channel: 'kubectl',
  verb: 'update',
  object: 'Deployment/default/web',
  revision: null,
  changes: [{ path: 'spec.replicas', before: 3, after: 5 }],
}));

/** jsdom has no ResizeObserver; React Flow measures its pane with one. */
export function stubResizeObserver(): void {
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
