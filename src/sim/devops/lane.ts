// The push lane: a CI/CD pipeline that deploys each pushed commit with `kubectl apply` and the CI's
// credentials (actor `ci-bot`). It runs the pipeline machine (machine.ts) on the sandbox clock
// and gives its stages their effects: read the commit's manifests, draw flaky tests, apply object
// by object (no transaction: a failure part-way leaves a partial deploy), and poll rollout status.
// After a run ends nothing watches the cluster: drift stays until a later deploy overwrites the
// fields its manifests set.
import { createActor, type Actor, type SnapshotFrom } from 'xstate';
import { loadDesired, type AppSpec, type DesiredApp } from '../apps/apps';
import type { AuditLog } from '../audit';
import type { Rng, VirtualClock } from '../clock';
import { healthOf, refOf, type Cluster, type KObject } from '../cluster';
import type { ConfigRepo } from '../git';
import {
  DEFAULT_STAGES,
  pipelineMachine,
  type PipelineContext,
  type RunRequest,
  type StageDurations,
} from './machine';
import { applyApp, type ApplyLine } from './deploy';

export interface DevopsOptions {
  stages: StageDurations;
  /** A manual approval before the deploy of every run. */
  approval: boolean;
  /** A push cancels the run in progress instead of queueing behind it. */
  cancelInProgress: boolean;
  /** `kubectl apply --prune`: delete what the pipeline once applied and Git no longer declares. */
  prune: boolean;
  /** Share of test stages that fail by chance (seeded). */
  flakyRate: number;
}

export const DEFAULT_DEVOPS: DevopsOptions = {
  stages: DEFAULT_STAGES,
  approval: false,
  cancelInProgress: false,
  prune: false,
  flakyRate: 0,
};

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

export interface StageLog {
  stage: string;
  startedAt: number;
  finishedAt?: number;
  ok?: boolean;
  lines: string[];
}

export interface PipelineRun {
  id: number;
  revision: string;
  trigger: RunRequest['trigger'];
  by: string;
  startedAt: number;
  finishedAt?: number;
  result: 'running' | 'succeeded' | 'failed' | 'cancelled';
  stages: StageLog[];
}

export interface DevopsDeps {
  repo: ConfigRepo;
  cluster: Cluster;
  clock: VirtualClock;
  rng: Rng;
  audit: AuditLog;
  apps: AppSpec[];
  options?: Partial<DevopsOptions>;
}

export class DevopsLane {
  readonly options: DevopsOptions;
  readonly apps: AppSpec[];
  readonly runs: PipelineRun[] = [];
  private readonly actor: Actor<typeof pipelineMachine>;
  private desired: DesiredApp[] = [];
  private applyFailed = false;
  /** Objects the pipeline has created per app: what `--prune` may delete, and orphans otherwise. */
  readonly applied = new Map<string, Set<string>>();
  private readonly faults = {
    failTests: 0,
    failTestsUntil: -1,
    deployFailsAfter: null as number | null,
    ciDownUntil: -1,
  };
  /** The last change of state and the event behind it (the UI marks it on the diagram). */
  lastTransition: { from: PipelineState; to: PipelineState; event: string } | null = null;
  private previousState: PipelineState = 'idle';

  constructor(private readonly deps: DevopsDeps) {
    this.options = {
      ...DEFAULT_DEVOPS,
      ...deps.options,
      stages: { ...DEFAULT_STAGES, ...deps.options?.stages },
    };
    this.apps = deps.apps;
    const machine = pipelineMachine.provide({
      guards: {
        ciAvailable: () => deps.clock.now() >= this.faults.ciDownUntil,
        testsPass: () => this.drawTests(),
        deployFailed: () => this.applyFailed,
        rolloutComplete: () => this.rollout() === 'complete',
        rolloutFailed: () => this.rollout() === 'failed',
      },
      delays: { verifyTimeout: () => this.verifyTimeoutMs() },
      actions: {
        // Actions see the context of the step in progress; the actor's snapshot is one step behind.
        stageStarted: ({ context }, params) => this.stageStarted(params.stage, context),
        stageFinished: ({ context }, params) =>
          this.stageFinished(params.stage, params.ok, context, params.reason),
        applyApp: ({ context }) => this.deploy(context),
        runCancelled: () => this.finishRun('cancelled'),
        approved: ({ event }) =>
          this.log(`approved by ${event.type === 'APPROVE' ? event.by : 'someone'}`),
      },
    });
    this.actor = createActor(machine, {
      clock: deps.clock,
      inspect: (ev) => {
        if (ev.type !== '@xstate.snapshot' || ev.actorRef !== this.actor) return;
        const now = stateOf(ev.snapshot as SnapshotFrom<typeof pipelineMachine>);
        if (now !== this.previousState)
          this.lastTransition = { from: this.previousState, to: now, event: ev.event.type };
        this.previousState = now;
      },
      input: {
        stages: this.options.stages,
        approval: this.options.approval,
        cancelInProgress: this.options.cancelInProgress,
        gates: this.apps.map((a) => a.approval === true),
      },
    });
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

  approve(by: string): boolean {
    if (this.state !== 'waiting-approval') return false;
    this.actor.send({ type: 'APPROVE', by });
    return true;
  }

  // ---- faults --------------------------------------------------------------------------------

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

  private get run(): PipelineRun | null {
    const r = this.runs.at(-1);
    return r && r.result === 'running' ? r : null;
  }

  private stageStarted(stage: string, context: PipelineContext): void {
    const now = this.deps.clock.now();
    if (stage === 'checkout') {
      const req = context.run!;
      this.runs.push({
        id: req.id,
        revision: req.revision,
        trigger: req.trigger,
        by: req.by,
        startedAt: now,
        result: 'running',
        stages: [],
      });
      this.applyFailed = false;
      this.desired = [];
      // WARNING: async: the clock holds virtual time until the manifests are read.
      void this.deps.clock.track(this.loadRevision(req.revision));
    }
    const run = this.run;
    if (!run) return;
    const last = run.stages.at(-1);
    if (last && last.stage === stage && last.finishedAt === undefined) return;
    run.stages.push({ stage, startedAt: now, lines: [] });
    if (stage === 'checkout')
      this.log(
        `checkout ${run.revision.slice(0, 7)} (${run.trigger === 'rerun' ? `re-run by ${run.by}` : `push by ${run.by}`})`,
      );
    if (stage === 'approval')
      this.log(`waiting for approval before deploying ${this.appAt(context).name}`);
  }

  private stageFinished(
    stage: string,
    ok: boolean,
    context: PipelineContext,
    reason?: string,
  ): void {
    const run = this.run;
    if (!run) return;
    const entry = [...run.stages].reverse().find((s) => s.stage === stage);
    if (entry) {
      entry.finishedAt = this.deps.clock.now();
      entry.ok = ok;
      if (stage === 'build' && ok)
        entry.lines.push(`built ${this.images().join(', ') || 'no images'}`);
      if (stage === 'test' && ok) entry.lines.push('all tests passed');
      if (reason) entry.lines.push(reason);
    }
    const app = this.appAt(context);
    if (!ok && (stage === 'deploy' || stage === 'verify'))
      this.record('deploy-failed', app, `${stage}: ${reason ?? 'failed'}`);
    if (ok && stage === 'verify')
      this.record('deploy-succeeded', app, `deployed ${run.revision.slice(0, 7)} to ${app.name}`);
    if (!ok) this.finishRun('failed');
    else if (stage === 'verify' && (context.run?.appIndex ?? 0) + 1 >= this.apps.length)
      this.finishRun('succeeded');
  }

  private finishRun(result: PipelineRun['result']): void {
    const run = this.run;
    if (!run) return;
    run.result = result;
    run.finishedAt = this.deps.clock.now();
    if (result === 'cancelled') this.log('cancelled: a newer push replaced this run');
  }

  private log(line: string): void {
    this.run?.stages.at(-1)?.lines.push(line);
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
    for (const d of this.desired)
      for (const { manifest } of d.objects) for (const c of containersOf(manifest)) out.add(c);
    return [...out].sort();
  }

  private deploy(context: PipelineContext): void {
    const app = this.appAt(context);
    const desired = this.desired[this.apps.indexOf(app)];
    const run = this.run!;
    this.record(
      'deploy-started',
      app,
      `run #${run.id}: kubectl apply -f ${app.path || '.'} (${run.trigger} by ${run.by})`,
    );
    const failAfter = this.faults.deployFailsAfter;
    this.faults.deployFailsAfter = null;
    const created = this.applied.get(app.name) ?? new Set<string>();
    this.applied.set(app.name, created);
    const result = applyApp({
      cluster: this.deps.cluster,
      desired: desired!,
      revision: run.revision,
      failAfter,
      prune: this.options.prune,
      created,
    });
    for (const line of result.lines) this.log(formatLine(line));
    this.applyFailed = result.failed;
  }

  /** kubectl rollout status over the app's Deployments. */
  private rollout(): 'complete' | 'failed' | 'progressing' {
    let complete = true;
    for (const deploy of this.appDeployments()) {
      const health = healthOf(deploy)?.status;
      if (health === 'Degraded') return 'failed';
      if (health !== 'Healthy') complete = false;
    }
    return complete ? 'complete' : 'progressing';
  }

  private appDeployments(): KObject[] {
    const desired = this.desired[this.apps.indexOf(this.currentApp())];
    const out: KObject[] = [];
    for (const { manifest } of desired?.objects ?? []) {
      if (manifest.kind !== 'Deployment') continue;
      const live = this.deps.cluster.get(refOf(manifest));
      if (live) out.push(live);
    }
    return out;
  }

  private verifyTimeoutMs(): number {
    const deadlines = this.appDeployments().map(
      (d) =>
        ((d.spec as { progressDeadlineSeconds?: number }).progressDeadlineSeconds ?? 600) * 1000,
    );
    return deadlines.length === 0 ? 600_000 : Math.max(...deadlines);
  }

  private record(
    verb: 'deploy-started' | 'deploy-succeeded' | 'deploy-failed',
    app: AppSpec,
    message: string,
  ): void {
    const run = this.run;
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
  createdKeys(app: AppSpec): string[] {
    return [...(this.applied.get(app.name) ?? [])];
  }

  /** Forget what was applied: the cluster was wiped. */
  forgetApplied(): void {
    this.applied.clear();
  }
}

function stateOf(snap: SnapshotFrom<typeof pipelineMachine>): PipelineState {
  const value = snap.value;
  const top = typeof value === 'string' ? value : Object.keys(value)[0]!;
  if (top === 'gate' || top === 'next-app') return 'deploy';
  return top as PipelineState;
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
