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
import { pipelineMachine, type NumberedRequest, type PipelineContext } from './machine';
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
  /** The lane's pipeline; with the `parallel` model, more pipelines run alongside (one run each). */
  private readonly actor: Actor<typeof pipelineMachine>;
  private readonly parallel: Actor<typeof pipelineMachine>[] = [];
  private readonly machine: typeof pipelineMachine;
  /** Requests numbered so far (GitHub's run number): the next is `requests + 1`. */
  private requests = 0;
  /** What each run in progress has read and done, by run id. */
  private readonly work = new Map<number, { desired: DesiredApp[]; applyFailed: boolean }>();
  /** Objects the pipeline has created per app: what `--prune` may delete, and orphans otherwise. */
  readonly applied = new Map<string, CreatedKeys>();
  /** The live Deployments the verify guards last asked for, and what they were found for. */
  private deployments: {
    cluster: Cluster;
    version: number;
    run: number;
    desired: DesiredApp | undefined;
    live: readonly KObject[];
  } | null = null;
  private readonly faults = {
    failTests: 0,
    failTestsUntil: -1,
    deployFailsAfter: null as number | null,
    ciDownUntil: -1,
  };
  /** Each pipeline's last change of state (the lane shows the one it is shown by). */
  private readonly transitions = new Map<
    Actor<typeof pipelineMachine>,
    Transitions<PipelineState>
  >();

  constructor(private readonly deps: DevopsDeps) {
    this.options = devopsOptions(deps.options);
    this.apps = deps.apps;
    this.runLog = new RunLog(deps.clock);
    this.runs = this.runLog.runs;
    this.machine = pipelineMachine.provide({
      guards: {
        ciAvailable: () => deps.clock.now() >= this.faults.ciDownUntil,
        testsPass: () => this.drawTests(),
        deployFailed: ({ context }) => this.workOf(context)?.applyFailed === true,
        rolloutComplete: ({ context }) =>
          rolloutStatus(this.appDeployments(context)) === 'complete',
        rolloutFailed: ({ context }) => rolloutStatus(this.appDeployments(context)) === 'failed',
        // Options a person can change while the lane runs are read when they are needed, so a
        // switch turned on in the app takes effect at the next run.
        firstAppGated: ({ context }) => this.options.approval || context.gates[0] === true,
        cancelsRunning: () => this.options.concurrency === 'cancel-in-progress',
        replacesPending: () => this.options.concurrency === 'github-concurrency-group',
      },
      delays: {
        verifyTimeout: ({ context }) => verifyTimeoutMs(this.appDeployments(context)),
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
        runCancelled: ({ context }) => this.endRun(context, 'cancelled'),
        requestsCancelled: ({ context }) => {
          for (const req of context.superseded) this.runLog.cancelledBeforeStart(req);
        },
        approved: ({ context, event }) =>
          this.runLog.log(
            context.run?.id ?? 0,
            `approved by ${event.type === 'APPROVE' ? event.by : 'someone'}`,
          ),
      },
    });
    this.actor = this.startPipeline();
  }

  private startPipeline(): Actor<typeof pipelineMachine> {
    const actor: Actor<typeof pipelineMachine> = createActor(this.machine, {
      clock: this.deps.clock,
      input: {
        stages: this.options.stages,
        approval: this.options.approval,
        concurrency: this.options.concurrency,
        gates: this.apps.map((a) => a.approval === true),
      },
    });
    this.transitions.set(actor, observeTransitions(actor, stateOf));
    actor.start();
    return actor;
  }

  /** Every pipeline of the lane: the lane's own, then those `parallel` started. */
  private pipelines(): Actor<typeof pipelineMachine>[] {
    return this.parallel.length === 0 ? [this.actor] : [this.actor, ...this.parallel];
  }

  /** The pipeline the lane is shown by: the one with the newest run in progress, else its own. */
  private shown(): Actor<typeof pipelineMachine> {
    if (this.parallel.length === 0) return this.actor;
    let best = this.actor;
    let bestId = -1;
    for (const p of this.pipelines()) {
      const { context } = p.getSnapshot();
      const id = busy(p) ? (context.run?.id ?? 0) : -1;
      if (id > bestId) [best, bestId] = [p, id];
    }
    return best;
  }

  /** A request goes to the lane's pipeline, or with `parallel` to a pipeline free to take it. */
  private request(revision: string, trigger: NumberedRequest['trigger'], by: string): void {
    const request: NumberedRequest = { id: ++this.requests, revision, trigger, by };
    let target = this.actor;
    if (this.options.concurrency === 'parallel' && busy(this.actor)) {
      // Finished parallel pipelines are dropped; a new one takes the run.
      for (let i = this.parallel.length - 1; i >= 0; i--)
        if (!busy(this.parallel[i]!)) {
          const done = this.parallel.splice(i, 1)[0]!;
          done.stop();
          this.transitions.delete(done);
        }
      target = this.startPipeline();
      this.parallel.push(target);
    }
    target.send({ type: 'PUSH', request });
  }

  // ---- triggers ----------------------------------------------------------------------------

  /** The push webhook: a commit landed on the watched branch. */
  push(revision: string, by: string): void {
    this.request(revision, 'push', by);
  }

  /** Re-run the pipeline of an earlier commit (Git HEAD still names whatever it names). */
  rerun(revision: string, by: string): void {
    this.request(revision, 'rerun', by);
  }

  /**
   * A person approves a waiting deploy (run `runId`, else the oldest waiting); the approval is in
   * the audit trail with their name.
   */
  approve(by: string, runId?: number): boolean {
    const id = runId ?? this.awaitingApproval[0];
    const pipeline = this.pipelines().find(
      (p) => p.getSnapshot().matches('waiting-approval') && p.getSnapshot().context.run?.id === id,
    );
    if (!pipeline) return false;
    const run = this.runLog.running(pipeline.getSnapshot().context.run?.id ?? 0);
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
    pipeline.send({ type: 'APPROVE', by });
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
      () => {
        for (const p of this.pipelines()) p.send({ type: 'CI_RESTORED' });
      },
      'ci-restored',
    );
  }

  setOption<K extends keyof DevopsOptions>(key: K, value: DevopsOptions[K]): void {
    this.options[key] = value;
  }

  // ---- views ---------------------------------------------------------------------------------

  get state(): PipelineState {
    return stateOf(this.shown().getSnapshot());
  }

  get pipeline(): Exclude<PipelineState, 'idle'> | null {
    const state = this.state;
    return state === 'idle' ? null : state;
  }

  /** The last change of state and the event behind it (the UI marks it on the diagram). */
  get lastTransition(): Transition<PipelineState> | null {
    return this.transitions.get(this.shown())?.last ?? null;
  }

  get snapshot(): SnapshotFrom<typeof pipelineMachine> {
    return this.shown().getSnapshot();
  }

  /** The runs waiting for a person's approval, oldest first (several only with `parallel`). */
  get awaitingApproval(): number[] {
    return this.pipelines()
      .filter((p) => p.getSnapshot().matches('waiting-approval'))
      .map((p) => p.getSnapshot().context.run?.id ?? 0)
      .sort((a, b) => a - b);
  }

  /** Runs in progress at once (more than one only with the `parallel` model). */
  get running(): number {
    return this.pipelines().filter(busy).length;
  }

  /** The run in progress, else the latest by number. */
  get latestRun(): PipelineRun | null {
    return this.runLog.current ?? this.runs.at(-1) ?? null;
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
    const req = context.run!;
    if (stage === 'checkout') {
      this.runLog.begin(req);
      const work = { desired: [] as DesiredApp[], applyFailed: false };
      this.work.set(req.id, work);
      // WARNING: async: the clock holds virtual time until the manifests are read.
      void this.deps.clock.track(this.loadRevision(req.revision, work));
    }
    this.runLog.stageStarted(
      req.id,
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
    const run = this.runLog.running(context.run?.id ?? 0);
    if (!run) return;
    const lines: string[] = [];
    if (stage === 'build' && ok)
      lines.push(`built ${this.images(context).join(', ') || 'no images'}`);
    if (stage === 'test' && ok) lines.push('all tests passed');
    if (reason) lines.push(reason);
    this.runLog.stageFinished(run.id, stage, ok, lines);
    const app = this.appAt(context);
    if (!ok && (stage === 'deploy' || stage === 'verify'))
      this.record('deploy-failed', app, run, `${stage}: ${reason ?? 'failed'}`);
    if (ok && stage === 'verify')
      this.record(
        'deploy-succeeded',
        app,
        run,
        `deployed ${run.revision.slice(0, 7)} to ${app.name}`,
      );
    if (!ok) this.endRun(context, 'failed');
    else if (stage === 'verify' && (context.run?.appIndex ?? 0) + 1 >= this.apps.length)
      this.endRun(context, 'succeeded');
  }

  private endRun(context: PipelineContext, result: PipelineRun['result']): void {
    const id = context.run?.id ?? 0;
    this.runLog.finish(id, result);
    this.work.delete(id);
  }

  private workOf(context: PipelineContext) {
    return this.work.get(context.run?.id ?? 0);
  }

  private appAt(context: PipelineContext): AppSpec {
    return this.apps[context.run?.appIndex ?? 0] ?? this.apps[0]!;
  }

  private async loadRevision(revision: string, work: { desired: DesiredApp[] }): Promise<void> {
    work.desired = await Promise.all(
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

  private images(context: PipelineContext): string[] {
    const out = new Set<string>();
    for (const d of this.workOf(context)?.desired ?? [])
      for (const image of imagesOf(d.manifests)) out.add(image);
    return [...out].sort();
  }

  private deploy(context: PipelineContext): void {
    const app = this.appAt(context);
    const work = this.workOf(context)!;
    const desired = work.desired[this.apps.indexOf(app)];
    const run = this.runLog.running(context.run?.id ?? 0)!;
    this.record(
      'deploy-started',
      app,
      run,
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
    for (const line of result.lines) this.runLog.log(run.id, formatLine(line));
    work.applyFailed = result.failed;
  }

  /** The live Deployments of the app the run of `context` is at. */
  private appDeployments(context: PipelineContext): readonly KObject[] {
    // The verify guards ask again and again, mostly with nothing written in between.
    const { cluster } = this.deps;
    const run = context.run?.id ?? 0;
    const desired = this.workOf(context)?.desired[this.apps.indexOf(this.appAt(context))];
    const last = this.deployments;
    if (
      last?.cluster === cluster &&
      last.version === cluster.version &&
      last.run === run &&
      last.desired === desired
    )
      return last.live;
    const live = liveDeployments(cluster, desired);
    this.deployments = { cluster, version: cluster.version, run, desired, live };
    return live;
  }

  private record(
    verb: 'deploy-started' | 'deploy-succeeded' | 'deploy-failed',
    app: AppSpec,
    run: PipelineRun | null,
    message: string,
  ): void {
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

/** A pipeline with a run in progress or waiting for a runner. */
function busy(p: Actor<typeof pipelineMachine>): boolean {
  const snap = p.getSnapshot();
  return !['idle', 'succeeded', 'failed'].includes(stateOf(snap)) || snap.context.queue.length > 0;
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
