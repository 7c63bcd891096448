// The push lane: a CI/CD pipeline that deploys each pushed commit with `kubectl apply` and the CI's
// credentials (actor `ci-bot`). It runs the pipeline machine (machine.ts) on the sandbox clock
// and gives its stages their effects: read the commit's manifests, draw flaky tests, apply object
// by object (no transaction: a failure part-way leaves a partial deploy), and poll rollout status
// (rollout.ts); each run's stages are logged in runs.ts.
// After a run ends nothing watches the cluster: drift stays until a later deploy overwrites the
// fields its manifests set.
import { createActor, type Actor, type SnapshotFrom } from 'xstate';
import { loadDesired, type AppSpec, type DesiredApp } from '../apps/apps';
import type { AuditLog } from '../audit';
import type { Rng, VirtualClock } from '../clock';
import type { Cluster, KObject } from '../cluster';
import { getOrCreate } from '../get-or-create';
import type { ConfigRepo } from '../git';
import type { FaultTiming, Lane, LaneRollbackRequest } from '../lane';
import { observeTransitions, type Transition, type Transitions } from '../lanes/transitions';
import { applyApp, type ApplyLine } from './deploy';
import { pipelineMachine, type PipelineContext } from './machine';
import { CreatedKeys } from './created-keys';
import { devopsOptions, type DevopsOptions } from './options';
import { liveDeployments, rolloutStatus, verifyTimeoutMs } from './rollout';
import { RunLog, type PipelineRun } from './runs';
import { SandboxError, type FaultKind } from '../sandbox-errors';

export { DEFAULT_DEVOPS, type DevopsOptions } from './options';
export type { PipelineRun, StageLog } from './runs';

export type PipelineState =
  | 'idle'
  | 'queued'
  | 'checkout'
  | 'build'
  | 'test'
  | 'waiting-approval'
  | 'deploy'
  | 'verify'
  | 'succeeded'
  | 'failed';

export interface DevopsDeps {
  repo: ConfigRepo;
  cluster: Cluster;
  clock: VirtualClock;
  rng: Rng;
  audit: AuditLog;
  apps: AppSpec[];
  options?: Partial<DevopsOptions>;
}

export class DevopsLane implements Lane<'devops'> {
  readonly name = 'devops';
  readonly channel = 'pipeline';
  /** The pipeline deploys with a CI token that lives outside the cluster. */
  readonly ciToken = true;
  /** A pipeline has no sync status: nothing compares the cluster with Git. */
  readonly syncStatuses = null;
  readonly options: DevopsOptions;
  readonly apps: AppSpec[];
  readonly runs: PipelineRun[];
  private readonly runLog: RunLog;
  private readonly actor: Actor<typeof pipelineMachine>;
  private desired: DesiredApp[] = [];
  private applyFailed = false;
  /** Objects the pipeline has created per app: what `--prune` may delete, and orphans otherwise. */
  readonly applied = new Map<string, CreatedKeys>();
  /** The live Deployments the verify guards last asked for, and what they were found for. */
  private deployments: {
    cluster: Cluster;
    version: number;
    desired: DesiredApp | undefined;
    live: readonly KObject[];
  } | null = null;
  private readonly faults = {
    failTests: 0,
    failTestsUntil: -1,
    deployFailsAfter: null as number | null,
    ciDownUntil: -1,
  };
  private readonly transitions: Transitions<PipelineState>;

  constructor(private readonly deps: DevopsDeps) {
    this.options = devopsOptions(deps.options);
    this.apps = deps.apps;
    this.runLog = new RunLog(deps.clock);
    this.runs = this.runLog.runs;
    const machine = pipelineMachine.provide({
      guards: {
        ciAvailable: () => deps.clock.now() >= this.faults.ciDownUntil,
        testsPass: () => this.drawTests(),
        deployFailed: () => this.applyFailed,
        rolloutComplete: () => rolloutStatus(this.appDeployments()) === 'complete',
        rolloutFailed: () => rolloutStatus(this.appDeployments()) === 'failed',
        // Options a person can change while the lane runs are read when they are needed, so a
        // switch turned on in the app takes effect at the next run.
        firstAppGated: ({ context }) => this.options.approval || context.gates[0] === true,
        cancelInProgress: () => this.options.cancelInProgress,
      },
      delays: {
        verifyTimeout: () => verifyTimeoutMs(this.appDeployments()),
        checkout: () => this.options.stages.checkout,
        build: () => this.options.stages.build,
        test: () => this.options.stages.test,
        deploy: () => this.options.stages.deploy,
      },
      actions: {
        // Actions see the context of the step in progress; the actor's snapshot is one step behind.
        stageStarted: ({ context }, params) => this.stageStarted(params.stage, context),
        stageFinished: ({ context }, params) =>
          this.stageFinished(params.stage, params.ok, context, params.reason),
        applyApp: ({ context }) => this.deploy(context),
        runCancelled: () => this.runLog.finish('cancelled'),
        approved: ({ event }) =>
          this.runLog.log(`approved by ${event.type === 'APPROVE' ? event.by : 'someone'}`),
      },
    });
    this.actor = createActor(machine, {
      clock: deps.clock,
      input: {
        stages: this.options.stages,
        approval: this.options.approval,
        cancelInProgress: this.options.cancelInProgress,
        gates: this.apps.map((a) => a.approval === true),
      },
    });
    this.transitions = observeTransitions(this.actor, stateOf);
    this.actor.start();
  }

  // ---- triggers ----------------------------------------------------------------------------

  /** The push webhook: a commit landed on the watched branch. */
  push(revision: string, by: string): void {
    this.actor.send({ type: 'PUSH', request: { revision, trigger: 'push', by } });
  }

  /** Re-run the pipeline of an earlier commit (Git HEAD still names whatever it names). */
  rerun(revision: string, by: string): void {
    this.actor.send({ type: 'PUSH', request: { revision, trigger: 'rerun', by } });
  }

  /** A person approves the waiting deploy; the approval is in the audit trail with their name. */
  approve(by: string): boolean {
    if (this.state !== 'waiting-approval') return false;
    const run = this.latestRun;
    this.deps.audit.append({
      cluster: 'devops',
      actor: by,
      channel: 'pipeline',
      verb: 'approve',
      object: `run/${run?.id ?? 0}`,
      revision: run?.revision ?? null,
      changes: [],
      message: `approved the deploy of ${run?.revision.slice(0, 7) ?? 'the run'}`,
    });
    this.actor.send({ type: 'APPROVE', by });
    return true;
  }

  /** Re-run the pipeline of an earlier commit: `to`, or the previous successful run's. */
  async ownRollback(request: LaneRollbackRequest): Promise<string> {
    if (request.method !== 'rerun')
      throw new SandboxError(
        'E_BAD_ROLLBACK',
        'history rollback is an Argo CD feature: the push lane has no sync history',
      );
    const revision =
      request.to !== undefined
        ? await this.deps.repo.resolve(String(request.to))
        : this.lastSuccessfulRevision(this.latestRun?.id ?? Infinity);
    if (!revision) throw new SandboxError('E_BAD_ROLLBACK', 'no earlier successful run to re-run');
    request.record(
      `re-run the pipeline of ${revision.slice(0, 7)}; Git HEAD still names the newer commit`,
      revision,
    );
    this.rerun(revision, request.by);
    return `re-running ${revision.slice(0, 7)}`;
  }

  // ---- faults --------------------------------------------------------------------------------

  fault(kind: FaultKind, timing: FaultTiming): boolean {
    switch (kind) {
      case 'flaky-tests':
        this.failTests(
          timing.forMs !== undefined ? { untilMs: timing.untilMs } : { runs: timing.count ?? 1 },
        );
        return true;
      case 'deploy-fails-after':
        this.deployFailsAfter(timing.count ?? 1);
        return true;
      case 'ci-down':
        this.ciDown(timing.untilMs);
        return true;
      default:
        return false;
    }
  }

  /** The next `runs` test stages fail (forced), or every test stage until `untilMs`. */
  failTests(opts: { runs?: number; untilMs?: number }): void {
    this.faults.failTests += opts.runs ?? 0;
    if (opts.untilMs !== undefined) this.faults.failTestsUntil = opts.untilMs;
  }

  /** The next deploy applies `n` objects, then loses the API server. */
  deployFailsAfter(n: number): void {
    this.faults.deployFailsAfter = n;
  }

  /** No runner picks up jobs until `untilMs`: runs wait in `queued`. */
  ciDown(untilMs: number): void {
    this.faults.ciDownUntil = untilMs;
    this.deps.clock.schedule(
      untilMs - this.deps.clock.now(),
      () => this.actor.send({ type: 'CI_RESTORED' }),
      'ci-restored',
    );
  }

  setOption<K extends keyof DevopsOptions>(key: K, value: DevopsOptions[K]): void {
    this.options[key] = value;
  }

  // ---- views ---------------------------------------------------------------------------------

  get state(): PipelineState {
    return stateOf(this.actor.getSnapshot());
  }

  get pipeline(): Exclude<PipelineState, 'idle'> | null {
    const state = this.state;
    return state === 'idle' ? null : state;
  }

  /** The last change of state and the event behind it (the UI marks it on the diagram). */
  get lastTransition(): Transition<PipelineState> | null {
    return this.transitions.last;
  }

  get snapshot(): SnapshotFrom<typeof pipelineMachine> {
    return this.actor.getSnapshot();
  }

  get latestRun(): PipelineRun | null {
    return this.runs.at(-1) ?? null;
  }

  /** The revision of the latest successful run before `beforeRunId` (the default `rerun` target). */
  lastSuccessfulRevision(beforeRunId = Infinity): string | null {
    return (
      [...this.runs].reverse().find((r) => r.id < beforeRunId && r.result === 'succeeded')
        ?.revision ?? null
    );
  }

  // ---- stage effects -----------------------------------------------------------------------

  private stageStarted(stage: string, context: PipelineContext): void {
    if (stage === 'checkout') {
      const req = context.run!;
      this.runLog.begin(req);
      this.applyFailed = false;
      this.desired = [];
      // WARNING: async: the clock holds virtual time until the manifests are read.
      void this.deps.clock.track(this.loadRevision(req.revision));
    }
    this.runLog.stageStarted(
      stage,
      stage === 'approval'
        ? `waiting for approval before deploying ${this.appAt(context).name}`
        : undefined,
    );
  }

  private stageFinished(
    stage: string,
    ok: boolean,
    context: PipelineContext,
    reason?: string,
  ): void {
    const run = this.runLog.current;
    if (!run) return;
    const lines: string[] = [];
    if (stage === 'build' && ok) lines.push(`built ${this.images().join(', ') || 'no images'}`);
    if (stage === 'test' && ok) lines.push('all tests passed');
    if (reason) lines.push(reason);
    this.runLog.stageFinished(stage, ok, lines);
    const app = this.appAt(context);
    if (!ok && (stage === 'deploy' || stage === 'verify'))
      this.record('deploy-failed', app, `${stage}: ${reason ?? 'failed'}`);
    if (ok && stage === 'verify')
      this.record('deploy-succeeded', app, `deployed ${run.revision.slice(0, 7)} to ${app.name}`);
    if (!ok) this.runLog.finish('failed');
    else if (stage === 'verify' && (context.run?.appIndex ?? 0) + 1 >= this.apps.length)
      this.runLog.finish('succeeded');
  }

  private appAt(context: PipelineContext): AppSpec {
    return this.apps[context.run?.appIndex ?? 0] ?? this.apps[0]!;
  }

  /** The app the latest run is at (outside actions the snapshot is current). */
  private currentApp(): AppSpec {
    return this.appAt(this.actor.getSnapshot().context);
  }

  private async loadRevision(revision: string): Promise<void> {
    this.desired = await Promise.all(
      this.apps.map((app) => loadDesired(this.deps.repo, revision, app)),
    );
  }

  private drawTests(): boolean {
    const now = this.deps.clock.now();
    if (this.faults.failTests > 0) {
      this.faults.failTests--;
      return false;
    }
    if (now < this.faults.failTestsUntil) return false;
    return !this.deps.rng.chance(this.options.flakyRate);
  }

  private images(): string[] {
    const out = new Set<string>();
    for (const d of this.desired) for (const image of imagesOf(d.manifests)) out.add(image);
    return [...out].sort();
  }

  private deploy(context: PipelineContext): void {
    const app = this.appAt(context);
    const desired = this.desired[this.apps.indexOf(app)];
    const run = this.runLog.current!;
    this.record(
      'deploy-started',
      app,
      `run #${run.id}: kubectl apply -f ${app.path || '.'} (${run.trigger} by ${run.by})`,
    );
    const failAfter = this.faults.deployFailsAfter;
    this.faults.deployFailsAfter = null;
    const created = getOrCreate(this.applied, app.name, () => new CreatedKeys());
    const result = applyApp({
      cluster: this.deps.cluster,
      desired: desired!,
      revision: run.revision,
      failAfter,
      prune: this.options.prune,
      created,
    });
    for (const line of result.lines) this.runLog.log(formatLine(line));
    this.applyFailed = result.failed;
  }

  /** The live Deployments of the app the latest run is at. */
  private appDeployments(): readonly KObject[] {
    // The verify guards ask again and again, mostly with nothing written in between.
    const { cluster } = this.deps;
    const desired = this.desired[this.apps.indexOf(this.currentApp())];
    const last = this.deployments;
    if (last?.cluster === cluster && last.version === cluster.version && last.desired === desired)
      return last.live;
    const live = liveDeployments(cluster, desired);
    this.deployments = { cluster, version: cluster.version, desired, live };
    return live;
  }

  private record(
    verb: 'deploy-started' | 'deploy-succeeded' | 'deploy-failed',
    app: AppSpec,
    message: string,
  ): void {
    const run = this.runLog.current;
    this.deps.audit.append({
      cluster: 'devops',
      actor: 'ci-bot',
      channel: 'pipeline',
      verb,
      object: `app/${app.name}`,
      revision: run?.revision ?? null,
      changes: [],
      message,
      ...(run ? { operation: { trigger: run.trigger } } : {}),
    });
  }

  /** Keys of the live objects this lane created from Git for `app` (for orphans and prune). */
  createdKeys(app: AppSpec): readonly string[] {
    return this.applied.get(app.name)?.toArray() ?? [];
  }

  /** Forget what was applied: the cluster was wiped. */
  clusterLost(): void {
    this.applied.clear();
  }
}

function stateOf(snap: SnapshotFrom<typeof pipelineMachine>): PipelineState {
  const value = snap.value;
  const top = typeof value === 'string' ? value : Object.keys(value)[0]!;
  if (top === 'gate' || top === 'next-app') return 'deploy';
  return top as PipelineState;
}

// The images each manifest names (manifests are frozen and shared from commit to commit).
const images = new WeakMap<KObject, readonly string[]>();

function imagesOf(manifests: readonly KObject[]): Set<string> {
  const out = new Set<string>();
  for (const manifest of manifests) {
    for (const image of getOrCreate(images, manifest, containersOf)) out.add(image);
  }
  return out;
}

function containersOf(manifest: KObject): string[] {
  const spec = manifest.spec as
    { template?: { spec?: { containers?: { image?: unknown }[] } } } | undefined;
  return (spec?.template?.spec?.containers ?? [])
    .map((c) => (typeof c.image === 'string' ? c.image : ''))
    .filter(Boolean);
}

function formatLine(line: ApplyLine): string {
  return line.ok || line.text.startsWith('error') ? line.text : `error: ${line.text}`;
}
