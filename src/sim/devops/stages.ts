// What the push lane's pipeline stages do (machine.ts holds only their flow): checkout reads the
// commit's manifests, build reports the images, deploy applies object by object (deploy.ts) and
// verify looks at rollout status (rollout.ts); each stage is logged in the run log (runs.ts) and
// each deploy in the audit trail, by the CI's account `ci-bot`.
import { loadDesired, type AppSpec, type DesiredApp } from '../apps/apps';
import type { AuditLog } from '../audit';
import type { VirtualClock } from '../clock';
import type { Cluster, KObject } from '../cluster';
import { getOrCreate } from '../get-or-create';
import type { ConfigRepo } from '../git';
import { imagesOf } from './built-images';
import { CreatedKeys } from './created-keys';
import { applyApp, type ApplyLine } from './deploy';
import type { PipelineFaults } from './faults';
import type { PipelineContext } from './machine';
import {
  jobsState,
  preDeployJobs,
  startJobs,
  WAIT_POLL_MS,
  withoutPreDeployJobs,
} from './pre-deploy';
import type { DevopsOptions } from './options';
import { liveDeployments } from './rollout';
import type { PipelineRun, RunLog } from './runs';

export interface StageDeps {
  repo: ConfigRepo;
  cluster: Cluster;
  clock: VirtualClock;
  audit: AuditLog;
  apps: AppSpec[];
  options: DevopsOptions;
  runLog: RunLog;
  faults: PipelineFaults;
}

export class StageEffects {
  /** What each run in progress has read and done, by run id. */
  private readonly work = new Map<number, Work>();
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

  constructor(private readonly deps: StageDeps) {}

  stageStarted(stage: string, context: PipelineContext): void {
    const req = context.run!;
    if (stage === 'checkout') {
      this.deps.runLog.begin(req);
      const work = { desired: [] as DesiredApp[], applyFailed: false };
      this.work.set(req.id, work);
      // WARNING: async: the clock holds virtual time until the manifests are read.
      void this.deps.clock.track(this.loadRevision(req.revision, work));
    }
    this.deps.runLog.stageStarted(
      req.id,
      stage,
      stage === 'approval'
        ? `waiting for approval before deploying ${this.appAt(context).name}`
        : undefined,
    );
  }

  stageFinished(stage: string, ok: boolean, context: PipelineContext, reason?: string): void {
    const run = this.deps.runLog.running(context.run?.id ?? 0);
    if (!run) return;
    const lines: string[] = [];
    if (stage === 'build' && ok)
      lines.push(`built ${this.images(context).join(', ') || 'no images'}`);
    if (stage === 'test' && ok) lines.push('all tests passed');
    const waiting = this.work.get(run.id)?.waiting;
    if (stage === 'deploy' && waiting)
      lines.push(`error: timed out waiting for the condition on jobs/${waiting}`);
    if (reason) lines.push(reason);
    this.deps.runLog.stageFinished(run.id, stage, ok, lines);
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
    else if (stage === 'verify' && (context.run?.appIndex ?? 0) + 1 >= this.deps.apps.length)
      this.endRun(context, 'succeeded');
  }

  endRun(context: PipelineContext, result: PipelineRun['result']): void {
    const id = context.run?.id ?? 0;
    this.deps.runLog.finish(id, result);
    this.work.delete(id);
  }

  workOf(context: PipelineContext) {
    return this.work.get(context.run?.id ?? 0);
  }

  private appAt(context: PipelineContext): AppSpec {
    return this.deps.apps[context.run?.appIndex ?? 0] ?? this.deps.apps[0]!;
  }

  private async loadRevision(revision: string, work: { desired: DesiredApp[] }): Promise<void> {
    work.desired = await Promise.all(
      this.deps.apps.map((app) => loadDesired(this.deps.repo, revision, app)),
    );
  }

  private images(context: PipelineContext): string[] {
    const out = new Set<string>();
    for (const d of this.workOf(context)?.desired ?? [])
      for (const image of imagesOf(d.manifests)) out.add(image);
    return [...out].sort();
  }

  deploy(context: PipelineContext): void {
    const app = this.appAt(context);
    const work = this.workOf(context)!;
    const desired = work.desired[this.deps.apps.indexOf(app)];
    const run = this.deps.runLog.running(context.run?.id ?? 0)!;
    this.record(
      'deploy-started',
      app,
      run,
      `run #${run.id}: kubectl apply -f ${app.path || '.'} (${run.trigger} by ${run.by})`,
    );
    const jobs = preDeployJobs(desired!);
    if (jobs.length === 0) return this.applyRest(app, desired!, run, work);
    // The PreSync Jobs first (pre-deploy.ts); the rest once they completed, within the step.
    const { cluster, clock } = this.deps;
    for (const line of startJobs(cluster, jobs, run.revision, this.deps.options.stages.deploy))
      this.deps.runLog.log(run.id, line);
    work.applyFailed = true;
    work.waiting = jobs.map((j) => j.metadata.name).join(',');
    const poll = () => {
      if (this.work.get(run.id) !== work || !work.waiting) return;
      const state = jobsState(cluster, jobs);
      if (state.state === 'running') {
        clock.schedule(WAIT_POLL_MS, poll, 'kubectl-wait');
        return;
      }
      work.waiting = undefined;
      if (state.state === 'failed') {
        this.deps.runLog.log(run.id, `error: job ${state.name} failed: BackoffLimitExceeded`);
        return;
      }
      for (const j of jobs)
        this.deps.runLog.log(run.id, `job.batch/${j.metadata.name} condition met`);
      this.applyRest(app, withoutPreDeployJobs(desired!, jobs), run, work);
    };
    clock.schedule(WAIT_POLL_MS, poll, 'kubectl-wait');
  }

  /** `kubectl apply -f` of the app (without the PreSync Jobs once they ran). */
  private applyRest(app: AppSpec, desired: DesiredApp, run: PipelineRun, work: Work): void {
    const failAfter = this.deps.faults.takeDeployFailsAfter();
    const created = getOrCreate(this.applied, app.name, () => new CreatedKeys());
    const result = applyApp({
      cluster: this.deps.cluster,
      desired,
      revision: run.revision,
      failAfter,
      prune: this.deps.options.prune,
      created,
    });
    for (const line of result.lines) this.deps.runLog.log(run.id, formatLine(line));
    work.applyFailed = result.failed;
  }

  /** The live Deployments of the app the run of `context` is at. */
  appDeployments(context: PipelineContext): readonly KObject[] {
    // The verify guards ask again and again, mostly with nothing written in between.
    const { cluster } = this.deps;
    const run = context.run?.id ?? 0;
    const desired = this.workOf(context)?.desired[this.deps.apps.indexOf(this.appAt(context))];
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
}

interface Work {
  desired: DesiredApp[];
  applyFailed: boolean;
  /** The PreSync Jobs `kubectl wait` still waits for (pre-deploy.ts). */
  waiting?: string;
}

function formatLine(line: ApplyLine): string {
  return line.ok || line.text.startsWith('error') ? line.text : `error: ${line.text}`;
}
