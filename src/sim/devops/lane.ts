// The push lane: a CI/CD pipeline that deploys each pushed commit with `kubectl apply` and the CI's
// credentials (actor `ci-bot`). It runs the pipeline machine (machine.ts) on the sandbox clock,
// one pipeline or with `parallel` several (pipelines.ts), and gives its stages their effects
// (stages.ts): read the commit's manifests, draw flaky tests (faults.ts), apply object by object
// (no transaction: a failure part-way leaves a partial deploy), and poll rollout status
// (rollout.ts); each run's stages are logged in runs.ts.
// After a run ends nothing watches the cluster: drift stays until a later deploy overwrites the
// fields its manifests set.
import { createActor, type SnapshotFrom } from 'xstate';
import type { AppSpec } from '../apps/apps';
import type { AuditLog } from '../audit';
import type { Rng, VirtualClock } from '../clock';
import type { Cluster } from '../cluster';
import type { ConfigRepo } from '../git';
import type { FaultTiming, Lane, LaneRollbackRequest } from '../lane';
import type { Transition } from '../lanes/transitions';
import { pipelineMachine, type NumberedRequest } from './machine';
import { PipelineFaults } from './faults';
import { devopsOptions, type DevopsOptions } from './options';
import { Pipelines, stateOf, type PipelineState } from './pipelines';
import { rolloutStatus, verifyTimeoutMs } from './rollout';
import { RunLog, type PipelineRun } from './runs';
import { StageEffects } from './stages';
import { SandboxError, type FaultKind } from '../sandbox-errors';

export { DEFAULT_DEVOPS, type DevopsOptions } from './options';
export type { PipelineRun, StageLog } from './runs';
export type { PipelineState } from './pipelines';

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
  private readonly pipelines: Pipelines;
  /** Requests numbered so far (GitHub's run number): the next is `requests + 1`. */
  private requests = 0;
  private readonly faults: PipelineFaults;
  /** What each stage does. */
  private readonly stages: StageEffects;

  constructor(private readonly deps: DevopsDeps) {
    this.options = devopsOptions(deps.options);
    this.apps = deps.apps;
    this.runLog = new RunLog(deps.clock);
    this.runs = this.runLog.runs;
    this.faults = new PipelineFaults(deps.clock);
    const stages = new StageEffects({
      ...deps,
      options: this.options,
      runLog: this.runLog,
      faults: this.faults,
    });
    this.stages = stages;
    const machine = pipelineMachine.provide({
      guards: {
        ciAvailable: () => this.faults.ciAvailable(),
        testsPass: () => this.faults.drawTests(deps.rng, this.options.flakyRate),
        deployFailed: ({ context }) => stages.workOf(context)?.applyFailed === true,
        rolloutComplete: ({ context }) =>
          rolloutStatus(deps.cluster, stages.appDeployments(context)) === 'complete',
        rolloutFailed: ({ context }) =>
          rolloutStatus(deps.cluster, stages.appDeployments(context)) === 'failed',
        // Options a person can change while the lane runs are read when they are needed, so a
        // switch turned on in the app takes effect at the next run.
        firstAppGated: ({ context }) => this.options.approval || context.gates[0] === true,
        cancelsRunning: () => this.options.concurrency === 'cancel-in-progress',
        replacesPending: () => this.options.concurrency === 'github-concurrency-group',
      },
      delays: {
        verifyTimeout: ({ context }) => verifyTimeoutMs(stages.appDeployments(context)),
        checkout: () => this.options.stages.checkout,
        build: () => this.options.stages.build,
        test: () => this.options.stages.test,
        deploy: () => this.options.stages.deploy,
      },
      actions: {
        // Actions see the context of the step in progress; the actor's snapshot is one step behind.
        stageStarted: ({ context }, params) => stages.stageStarted(params.stage, context),
        stageFinished: ({ context }, params) =>
          stages.stageFinished(params.stage, params.ok, context, params.reason),
        applyApp: ({ context }) => stages.deploy(context),
        runCancelled: ({ context }) => stages.endRun(context, 'cancelled'),
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
    this.pipelines = new Pipelines(() =>
      createActor(machine, {
        clock: deps.clock,
        input: {
          stages: this.options.stages,
          approval: this.options.approval,
          concurrency: this.options.concurrency,
          gates: this.apps.map((a) => a.approval === true),
        },
      }),
    );
  }

  /** A request goes to the lane's pipeline, or with `parallel` to a pipeline free to take it. */
  private request(revision: string, trigger: NumberedRequest['trigger'], by: string): void {
    const request: NumberedRequest = { id: ++this.requests, revision, trigger, by };
    const target = this.pipelines.target(this.options.concurrency === 'parallel');
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
    const pipeline = this.pipelines.awaiting(runId ?? this.awaitingApproval[0]);
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
    this.faults.failTestsFor(opts);
  }

  /** The next deploy applies `n` objects, then loses the API server. */
  deployFailsAfter(n: number): void {
    this.faults.failNextDeployAfter(n);
  }

  /** No runner picks up jobs until `untilMs`: runs wait in `queued`. */
  ciDown(untilMs: number): void {
    this.faults.ciDownUntilMs(untilMs, () => {
      for (const p of this.pipelines.all()) p.send({ type: 'CI_RESTORED' });
    });
  }

  setOption<K extends keyof DevopsOptions>(key: K, value: DevopsOptions[K]): void {
    this.options[key] = value;
  }

  // ---- views ---------------------------------------------------------------------------------

  get state(): PipelineState {
    return stateOf(this.pipelines.shown().getSnapshot());
  }

  get pipeline(): Exclude<PipelineState, 'idle'> | null {
    const state = this.state;
    return state === 'idle' ? null : state;
  }

  /** The last change of state and the event behind it (the UI marks it on the diagram). */
  get lastTransition(): Transition<PipelineState> | null {
    return this.pipelines.lastTransition();
  }

  get snapshot(): SnapshotFrom<typeof pipelineMachine> {
    return this.pipelines.shown().getSnapshot();
  }

  /** The runs waiting for a person's approval, oldest first (several only with `parallel`). */
  get awaitingApproval(): number[] {
    return this.pipelines.awaitingApproval();
  }

  /** Runs in progress at once (more than one only with the `parallel` model). */
  get running(): number {
    return this.pipelines.running();
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

  /** Keys of the live objects this lane created from Git for `app` (for orphans and prune). */
  createdKeys(app: AppSpec): readonly string[] {
    return this.stages.applied.get(app.name)?.toArray() ?? [];
  }

  /** Forget what was applied: the cluster was wiped. */
  clusterLost(): void {
    this.stages.applied.clear();
  }
}
