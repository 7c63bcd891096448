// The scenario format: the single definition (zod/mini, a few KB in the bundle). `scenarios/
// schema.json`, which gives editors autocompletion, is generated from it (npm run schema), and a
// test checks that the committed file is current. The names are a public contract: add to them,
// never rename.
//
// Actions are objects with exactly one key (`- commit: {...}`, `- wait: 5m`). They are validated
// in two passes (the key, then its value), so a wrong action gets a message naming the action
// rather than a union's "no variant matched".
import * as z from 'zod/mini';
import { formatDuration, parseDuration } from '../clock';
import { SYNC_OPTION_NAMES } from '../gitops/sync-options';
import { MAX_SEED, MAX_STEPS, MAX_VIRTUAL_MS, MIN_INTERVAL_MS } from './limits';
import { unsafePattern } from './safe-pattern';

// zod compiles validators with `new Function` unless told not to; a CSP would report that.
z.config({ jitless: true });

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** `500ms`, `90s`, `3m`, `1h`, `2d`, `1m30s` */
export const DURATION = /^(\d+(ms|s|m|h|d))+$/;

const str = (max = 10_000) => z.string().check(z.maxLength(max));
/** A duration between `min` and `max` ms (limits.ts); the message is what `expected` shows. */
const duration = (min = 0, max = MAX_VIRTUAL_MS) =>
  z.string().check(
    z.regex(DURATION, { message: 'a duration such as 90s, 3m or 1h' }),
    z.refine(
      (text) => {
        const ms = parseDuration(text);
        return ms === null || (ms >= min && ms <= max);
      },
      {
        message:
          min > 0
            ? `between ${formatDuration(min)} and ${formatDuration(max)}`
            : `at most ${formatDuration(max)}`,
      },
    ),
  );
/** Poll, apply and retry intervals: at least 1s, so a run cannot spin at one instant. */
const interval = () => duration(MIN_INTERVAL_MS);
/** The apply interval may also be 0: none, as Argo CD has none (flavour argo only, action-check.ts). */
const applyInterval = () =>
  z.string().check(
    z.regex(DURATION, { message: 'a duration such as 90s, 3m or 1h' }),
    z.refine(
      (text) => {
        const ms = parseDuration(text);
        return ms === null || ms === 0 || (ms >= MIN_INTERVAL_MS && ms <= MAX_VIRTUAL_MS);
      },
      { message: `0 (none, flavour argo) or between ${formatDuration(MIN_INTERVAL_MS)} and 30d` },
    ),
  );
/** `CreateNamespace=true`, `PruneLast=false`, ...: each app-level sync option with either value. */
const SYNC_OPTION_ENTRIES = SYNC_OPTION_NAMES.flatMap((n) => [`${n}=true`, `${n}=false`]);
const lane = () => z.enum(['devops', 'gitops']);
/** A CPU quantity as Kubernetes writes it: `250m`, `1`, `1.5`; `none` where it can be cleared. */
const cpuQuantity = () =>
  str(20).check(
    z.regex(/^(none|[0-9]+(\.[0-9]+)?m?)$/, { message: 'a CPU quantity such as 250m' }),
  );
const laneOrBoth = () => z.enum(['devops', 'gitops', 'both']);
const actor = () => z.optional(str(100));
/** A `run` action's id: kebab-case, and not `last` (which `output.of` reserves). */
const outputId = () =>
  str(63).check(
    z.regex(KEBAB, { message: 'kebab-case, such as pods or describe-web' }),
    z.refine((id) => id !== 'last', { message: '"last" means the last line; choose another id' }),
  );

const ignoreDifference = z.strictObject({
  group: z.optional(str(200)),
  kind: str(200),
  name: z.optional(str(253)),
  namespace: z.optional(str(63)),
  jsonPointers: z.optional(z.array(str(500)).check(z.maxLength(100))),
  managedFieldsManagers: z.optional(z.array(str(200)).check(z.maxLength(100))),
});

export const devopsLaneSchema = z.strictObject({
  stages: z.optional(
    z.strictObject({
      checkout: z.optional(duration()),
      build: z.optional(duration()),
      test: z.optional(duration()),
      deploy: z.optional(duration()),
    }),
  ),
  prune: z.optional(z.boolean()),
  approval: z.optional(z.boolean()),
  concurrency: z.optional(
    z.enum(['queue', 'github-concurrency-group', 'cancel-in-progress', 'parallel']),
  ),
  /** The boolean before `concurrency`: true is `cancel-in-progress`, false is `queue`. */
  cancelInProgress: z.optional(z.boolean()),
  flakyRate: z.optional(z.number().check(z.gte(0), z.lte(1))),
});

export const gitopsLaneSchema = z.strictObject({
  flavour: z.optional(z.enum(['argo', 'flux'])),
  automated: z.optional(z.boolean()),
  selfHeal: z.optional(z.boolean()),
  prune: z.optional(z.boolean()),
  allowEmpty: z.optional(z.boolean()),
  pollInterval: z.optional(interval()),
  jitter: z.optional(duration()),
  applyInterval: z.optional(applyInterval()),
  webhook: z.optional(z.boolean()),
  suspend: z.optional(z.boolean()),
  retry: z.optional(
    z.strictObject({
      limit: z.number().check(z.int(), z.gte(0), z.lte(100)),
      backoff: z.optional(interval()),
      factor: z.optional(z.number().check(z.gte(1), z.lte(10))),
      maxDuration: z.optional(interval()),
    }),
  ),
  ignoreDifferences: z.optional(z.array(ignoreDifference).check(z.maxLength(100))),
  /** Argo CD's `spec.syncPolicy.syncOptions`, as its list writes them (`- PruneLast=true`). */
  syncOptions: z.optional(z.array(z.enum(SYNC_OPTION_ENTRIES)).check(z.maxLength(20))),
});

const app = z.strictObject({
  name: str(63).check(z.regex(KEBAB)),
  path: str(500),
  approval: z.optional(z.boolean()),
});

/** A file patch: `{ "spec.replicas": 3 }`, keys are dotted paths (see patch.ts). */
const filePatch = z.record(str(500), z.unknown());

/** Every action, by its key. The value schemas are the contract of each action. */
export const ACTIONS = {
  commit: z.strictObject({
    message: str(2_000),
    author: actor(),
    branch: z.optional(str(200)),
    tag: z.optional(str(200)),
    write: z.optional(z.record(str(500), str(200_000))),
    patch: z.optional(z.record(str(500), filePatch)),
    remove: z.optional(z.array(str(500)).check(z.maxLength(500))),
  }),
  pr: z.strictObject({
    open: z.optional(
      z.strictObject({
        branch: str(200),
        title: str(500),
        author: actor(),
        base: z.optional(str(200)),
      }),
    ),
    approve: z.optional(z.strictObject({ branch: str(200), by: str(100) })),
    merge: z.optional(z.strictObject({ branch: str(200), by: actor() })),
  }),
  revert: z.union([str(200), z.strictObject({ commit: str(200), author: actor() })]),
  kubectl: z.strictObject({ lane: laneOrBoth(), actor: actor(), run: str(10_000) }),
  /**
   * A console line as the learner types it (kubectl on `lane`, git, argocd, flux), printed as the
   * console prints it; `id` names its output for an `output:` expectation of the same step.
   */
  run: z.strictObject({
    lane: lane(),
    line: str(10_000),
    id: z.optional(outputId()),
    actor: actor(),
  }),
  rollback: z.strictObject({
    lane: lane(),
    method: z.enum(['rollout-undo', 'rerun', 'git-revert', 'history']),
    to: z.optional(z.union([str(200), z.number().check(z.int(), z.gte(0), z.lte(MAX_SEED))])),
    by: actor(),
    disableAutoSync: z.optional(z.boolean()),
    /** history: the Application to roll back (default: the first). */
    app: z.optional(str(63)),
  }),
  fault: z.strictObject({
    lane: laneOrBoth(),
    kind: z.enum([
      'flaky-tests',
      'deploy-fails-after',
      'ci-down',
      'git-unreachable',
      'reconciler-down',
      'leaked-token',
    ]),
    for: z.optional(duration()),
    count: z.optional(z.number().check(z.int(), z.gte(0), z.lte(10_000))),
    run: z.optional(str(10_000)),
    actor: actor(),
  }),
  wipe: z.strictObject({ lane: laneOrBoth() }),
  set: z.looseObject({ lane: lane() }),
  sync: z.strictObject({
    lane: z.literal('gitops'),
    by: actor(),
    app: z.optional(str(63)),
    /** `argocd app sync --revision`: a commit, branch or tag instead of Git's HEAD. */
    revision: z.optional(str(200)),
    /** `--prune`: delete what Git no longer declares (left out: the lane's prune policy). */
    prune: z.optional(z.boolean()),
    /** `--dry-run`: say what the sync would do, change nothing. */
    dryRun: z.optional(z.boolean()),
    /** `--resource GROUP:KIND:NAME` (or GROUP:KIND:NAMESPACE/NAME): sync only these. */
    resources: z.optional(
      z
        .array(
          str(600).check(
            z.regex(/^[^:]*:[^:/]+:([^:/]+\/)?[^:/]+$/, { message: 'GROUP:KIND:NAME' }),
          ),
        )
        .check(z.minLength(1), z.maxLength(100)),
    ),
  }),
  /**
   * `argocd app wait`: let virtual time run until the app is Synced (`sync`), Healthy (`health`)
   * and has no operation running (`operation`), all three when none is named; `timeout` (5m by
   * default) ends the wait unmet.
   */
  waitFor: z.strictObject({
    lane: z.literal('gitops'),
    app: z.optional(str(63)),
    health: z.optional(z.boolean()),
    sync: z.optional(z.boolean()),
    operation: z.optional(z.boolean()),
    timeout: z.optional(duration(1000, 3_600_000)),
  }),
  /** `argocd app terminate-op`: end the app's running operation. */
  terminateOp: z.strictObject({ lane: z.literal('gitops'), app: z.optional(str(63)), by: actor() }),
  refresh: z.strictObject({ lane: z.literal('gitops') }),
  rerun: z.strictObject({ lane: z.literal('devops'), commit: z.optional(str(200)), by: actor() }),
  approve: z.strictObject({
    lane: z.optional(z.literal('devops')),
    by: actor(),
    /** Which waiting run (its number); the oldest waiting one when left out. */
    run: z.optional(z.number().check(z.int(), z.gte(1))),
  }),
  /**
   * The CPU a workload's traffic needs in total, shared by its Ready Pods (cluster/load.ts), read
   * by the HPA. `target` is `deployment/NAME` or `statefulset/NAME`; `cpu` a quantity (`900m`,
   * `2`) or `none` to go back to what the images declare.
   */
  load: z.strictObject({
    lane: laneOrBoth(),
    target: str(300).check(
      z.regex(/^(deployment|statefulset)\/[a-z0-9.-]+$/, {
        message: 'deployment/NAME or statefulset/NAME',
      }),
    ),
    namespace: z.optional(str(63)),
    cpu: cpuQuantity(),
  }),
  wait: duration(),
} as const;

/** Each lane's options as a scenario (`lanes:`) or a `set` action writes them. */
export interface WrittenLaneOptions {
  devops: z.infer<typeof devopsLaneSchema>;
  gitops: z.infer<typeof gitopsLaneSchema>;
}

/**
 * A `set` action: a lane and some of its options. Parsed in two passes like the rest (the lane,
 * then its options against that lane's schema, action-check.ts), so it is typed here by lane.
 */
export type SetAction = {
  [N in keyof WrittenLaneOptions]: { lane: N } & WrittenLaneOptions[N];
}[keyof WrittenLaneOptions];

export type ActionName = keyof typeof ACTIONS;
export const ACTION_NAMES = Object.keys(ACTIONS) as ActionName[];
export type Action = {
  [K in ActionName]: { [P in K]: K extends 'set' ? SetAction : z.infer<(typeof ACTIONS)[K]> };
}[ActionName];

/** The metrics an expectation or a lesson's summary may name (src/sim/metrics). */
export const METRIC_NAMES = [
  'deploymentFrequency',
  'leadTimeMs',
  'changeFailRate',
  'recoveryTimeMs',
  'reworkRate',
  'driftEvents',
  'timeToDetectMs',
  'timeToCorrectMs',
  'outOfSyncMs',
  'auditCoverage',
  'rebuildableFromGit',
  'deployments',
] as const;

/**
 * What a console line printed: the step's `run` with that id, or the last line of the step (of a
 * task: the learner's last line). Exactly one of `contains`, `matches` (a line matches; a safe
 * subset, safe-pattern.ts) or `lines` (the output, line by line, trailing spaces aside).
 */
const outputSchema = z
  .strictObject({
    of: str(63).check(z.regex(KEBAB, { message: 'a run id of this step, or last' })),
    contains: z.optional(str(1_000)),
    matches: z.optional(
      str(1_000).check(
        z.superRefine((pattern, ctx) => {
          const why = unsafePattern(pattern);
          if (why) ctx.issues.push({ code: 'custom', message: why, input: pattern });
        }),
      ),
    ),
    lines: z.optional(z.array(str(1_000)).check(z.maxLength(200))),
  })
  .check(
    z.refine((o) => [o.contains, o.matches, o.lines].filter((v) => v !== undefined).length === 1, {
      message: 'one of contains, matches or lines',
    }),
  );
export type OutputExpectation = z.infer<typeof outputSchema>;

export const expectationSchema = z.strictObject({
  lane: z.optional(laneOrBoth()),
  app: z.optional(str(63)),
  sync: z.optional(z.enum(['Synced', 'OutOfSync', 'Unknown'])),
  health: z.optional(
    z.enum(['Healthy', 'Progressing', 'Degraded', 'Suspended', 'Missing', 'Unknown']),
  ),
  pipeline: z.optional(
    z.enum([
      'queued',
      'checkout',
      'build',
      'test',
      'deploy',
      'verify',
      'waiting-approval',
      'succeeded',
      'failed',
    ]),
  ),
  inSyncWithGit: z.optional(z.boolean()),
  get: z.optional(str(300)),
  namespace: z.optional(str(63)),
  path: z.optional(str(500)),
  equals: z.optional(z.unknown()),
  exists: z.optional(z.boolean()),
  /** The line as the learner reads it, instead of the generated sentence (describe.ts). */
  text: z.optional(str(500)),
  output: z.optional(outputSchema),
  audit: z.optional(
    z.strictObject({
      actor: z.optional(str(100)),
      channel: z.optional(
        z.enum(['git', 'pipeline', 'reconciler', 'kubectl', 'controller', 'observer']),
      ),
      verb: z.optional(str(50)),
      object: z.optional(str(300)),
      count: z.optional(z.number().check(z.int(), z.gte(0), z.lte(MAX_SEED))),
      min: z.optional(z.number().check(z.int(), z.gte(0), z.lte(MAX_SEED))),
    }),
  ),
  metric: z.optional(
    z.strictObject({
      name: z.enum(METRIC_NAMES),
      equals: z.optional(z.union([z.number(), z.boolean(), z.null()])),
      atLeast: z.optional(z.number()),
      atMost: z.optional(z.number()),
    }),
  ),
});
export type Expectation = z.infer<typeof expectationSchema>;

/** Which audit records a task's constraint looks for (the expectation's `audit` shape, plus a lane). */
export const auditMatchSchema = z.strictObject({
  lane: z.optional(z.enum(['devops', 'gitops', 'repo'])),
  actor: z.optional(str(100)),
  channel: z.optional(
    z.enum(['git', 'pipeline', 'reconciler', 'kubectl', 'controller', 'observer']),
  ),
  verb: z.optional(str(50)),
  object: z.optional(str(300)),
});
export type AuditMatch = z.infer<typeof auditMatchSchema>;

/** A rule the learner's way to the goal must keep, checked from the audit trail (see task.ts). */
const constraintSchema = z.strictObject({
  text: str(300),
  require: z.optional(auditMatchSchema),
  forbid: z.optional(auditMatchSchema),
  maxCommits: z.optional(z.number().check(z.int(), z.gte(0), z.lte(1_000))),
});

/** A task: a goal the learner reaches with the app's own controls (no `do`). See task.ts. */
const rawTask = z.strictObject({
  goal: str(2_000),
  // Required, with a located message of its own (load.ts: E_TASK), not a bare "is required".
  expect: z.optional(z.array(expectationSchema).check(z.maxLength(50))),
  hints: z.optional(z.array(str(2_000)).check(z.maxLength(10))),
  solution: z.optional(z.array(z.record(z.string(), z.unknown())).check(z.maxLength(50))),
  constraints: z.optional(z.array(constraintSchema).check(z.maxLength(20))),
});

/** Predict, then reveal: asked before the step's actions run, answered against what happened. */
const questionSchema = z.strictObject({
  ask: str(2_000),
  choices: z.array(str(500)).check(z.minLength(2), z.maxLength(5)),
  answer: z.number().check(z.int(), z.gte(0)),
  why: str(5_000),
});

const rawStep = z.strictObject({
  title: str(300),
  say: z.optional(str(20_000)),
  do: z.optional(z.array(z.record(z.string(), z.unknown())).check(z.maxLength(200))),
  expect: z.optional(z.array(expectationSchema).check(z.maxLength(200))),
  task: z.optional(rawTask),
  question: z.optional(questionSchema),
});

/** The scenario as written; actions still raw (validated in the second pass, see load.ts). */
export const rawScenarioSchema = z.strictObject({
  id: str(100).check(z.regex(KEBAB, { message: 'kebab-case, such as hotfix-drift' })),
  title: str(300),
  summary: z.optional(str(1_000)),
  seed: z.optional(z.number().check(z.int(), z.gte(0), z.lte(MAX_SEED))),
  lanes: z.optional(
    z.strictObject({ devops: z.optional(devopsLaneSchema), gitops: z.optional(gitopsLaneSchema) }),
  ),
  repo: z.strictObject({
    files: z.optional(z.record(str(500), str(200_000))),
    dir: z.optional(str(500)),
    path: z.optional(str(500)),
    apps: z.optional(z.array(app).check(z.minLength(1), z.maxLength(20))),
    author: z.optional(str(100)),
    message: z.optional(str(2_000)),
  }),
  images: z.optional(
    z.record(
      str(300),
      z.strictObject({
        crash: z.optional(z.boolean()),
        pullError: z.optional(z.boolean()),
        readyAfter: z.optional(duration()),
        notReadyFor: z.optional(duration()),
        ready: z.optional(z.boolean()),
        exitCode: z.optional(z.number().check(z.int(), z.gte(0), z.lte(255))),
        runFor: z.optional(duration()),
        /** CPU each Running, Ready Pod of the image uses (`250m`), read by the HPA. */
        cpu: z.optional(cpuQuantity()),
      }),
    ),
  ),
  steps: z.array(rawStep).check(z.minLength(1), z.maxLength(MAX_STEPS)),
});

export type RawScenario = z.infer<typeof rawScenarioSchema>;
type RawStep = RawScenario['steps'][number];
export type Task = Omit<NonNullable<RawStep['task']>, 'solution' | 'expect'> & {
  expect: Expectation[];
  solution?: Action[];
};
export type Question = z.infer<typeof questionSchema>;
export type Constraint = z.infer<typeof constraintSchema>;
export type Step = Omit<RawStep, 'do' | 'task'> & { do?: Action[]; task?: Task };
export type Scenario = Omit<RawScenario, 'steps'> & { steps: Step[] };

/** The JSON Schema editors use: the raw schema with each action spelled out as one-key objects. */
export function scenarioJsonSchema(): unknown {
  const action = z.union(ACTION_NAMES.map((name) => z.strictObject({ [name]: ACTIONS[name] })));
  const task = z.strictObject({
    ...rawTask.shape,
    expect: z.array(expectationSchema).check(z.minLength(1), z.maxLength(50)),
    solution: z.optional(z.array(action)),
  });
  const step = z.strictObject({
    ...rawStep.shape,
    do: z.optional(z.array(action)),
    task: z.optional(task),
  });
  const full = z.strictObject({
    ...rawScenarioSchema.shape,
    steps: z.array(step).check(z.minLength(1), z.maxLength(MAX_STEPS)),
  });
  return z.toJSONSchema(full, { unrepresentable: 'any' });
}
