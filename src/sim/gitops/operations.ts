// The sync operations of the Applications: queued by the policy or a person, run one at a time and
// wave by wave (sync-run.ts) on the sandbox clock, written to the trail, and retried when they fail.
import { loadDesired, type DesiredApp } from '../apps/apps';
import type { VirtualClock } from '../clock';
import type { Cluster, WriteContext } from '../cluster';
import type { ConfigRepo } from '../git';
import type { Application, Applications, Operation } from './applications';
import type { ReconcileResult } from '../compare/types';
import { addHistory } from './history';
import type { WakeReason } from './machine';
import { FLUX_MANAGER } from './flux-apply';
import type { GitopsOptions } from './options';
import { retryDelay, retryPolicyOf } from './policy';
import { retryingMessage } from './retry-message';
import { operationPlan } from './operation-plan';
import { WAVE_DELAY_MS } from './sync-plan';
import { SyncOperation } from './sync-run';
import { createNamespaces } from './create-namespace';
import { DryRunSync } from './dry-run-sync';
import type { SyncFlags } from './sync-flags';

/** The user the automated policy syncs as. */
export const CONTROLLER = 'argocd-application-controller';

export interface QueuedSync {
  app: Application;
  /** A sha, or `HEAD`: resolved to what the fetch before the sync saw. */
  revision: string;
  kind: Operation['kind'];
  by: string;
  selective: boolean;
  /** A manual sync's flags: prune, dry run, selected resources (sync-flags.ts). */
  flags?: SyncFlags;
}

export interface OperationsDeps {
  repo: ConfigRepo;
  cluster: Cluster;
  clock: VirtualClock;
  branch: string;
  options: GitopsOptions;
  applications: Applications;
  /** Git HEAD as the last successful fetch saw it. */
  fetched: () => string | null;
  diff: (app: Application, desired: DesiredApp) => ReconcileResult;
  /** The queue is empty: the reconciler machine leaves `syncing`. */
  done: () => void;
  wake: (reason: WakeReason) => void;
}

/** What the queue runs: a sync, or a dry run of one (dry-run-sync.ts). */
type SyncRun = Pick<SyncOperation, 'state' | 'done' | 'step' | 'terminate'>;

interface Running {
  op: Operation;
  sync: SyncRun;
  app: Application;
  flags: SyncFlags | undefined;
}

export class Operations {
  private queue: QueuedSync[] = [];
  /** Manual syncs and rollbacks asked for: queued at the next comparison. */
  private requested: QueuedSync[] = [];
  private finishedAt = -Infinity;
  private waveTimer: number | null = null;
  private running: Running | null = null;

  constructor(private readonly deps: OperationsDeps) {}

  /** When the last sync finished (Flux's apply interval counts from it). */
  get lastApplyAt(): number {
    return this.finishedAt;
  }

  get hasQueued(): boolean {
    return this.queue.length > 0;
  }

  enqueue(q: QueuedSync): void {
    this.queue.push(q);
  }

  request(q: QueuedSync): void {
    this.requested.push(q);
  }

  /** Queues what people asked for, `HEAD` meaning the revision this comparison fetched. */
  admitRequested(head: string): void {
    for (const m of this.requested)
      this.queue.push({ ...m, revision: m.revision === 'HEAD' ? head : m.revision });
    this.requested = [];
  }

  /**
   * The controller went away mid-sync: the running operation fails now (its later waves never run)
   * and nothing queued survives; the controller compares afresh when it is back.
   */
  terminate(reason: string): void {
    if (this.waveTimer !== null) this.deps.clock.cancel(this.waveTimer);
    this.waveTimer = null;
    this.queue = [];
    const run = this.running;
    if (!run) return;
    run.sync.terminate(reason);
    run.op.message = run.sync.state.message;
    this.finish(run);
  }

  /**
   * `argocd app terminate-op`: the app's running operation ends now as Failed, "Operation
   * terminated", its later waves never run and it is not retried. False when none is running.
   */
  terminateApp(appName: string): boolean {
    const run = this.running;
    if (!run || run.app.spec.name !== appName) return false;
    if (this.waveTimer !== null) this.deps.clock.cancel(this.waveTimer);
    this.waveTimer = null;
    run.sync.terminate('Operation terminated');
    run.op.message = run.sync.state.message;
    this.finish(run, true);
    return true;
  }

  /** Drops the running sync and everything queued or asked for. */
  clear(reason: string): void {
    this.running?.sync.terminate(reason);
    if (this.waveTimer !== null) this.deps.clock.cancel(this.waveTimer);
    this.waveTimer = null;
    this.running = null;
    this.queue = [];
    this.requested = [];
  }

  startNext(): void {
    const next = this.queue.shift();
    if (!next) {
      this.deps.done();
      return;
    }
    void this.deps.clock.track(this.begin(next));
  }

  private async begin(q: QueuedSync): Promise<void> {
    const { app } = q;
    const { repo, options, applications } = this.deps;
    const revision =
      q.revision === 'HEAD'
        ? (this.deps.fetched() ?? (await repo.resolve(this.deps.branch)))
        : q.revision;
    const desired = await loadDesired(repo, revision, app.spec);
    const now = this.deps.clock.now();
    const automated = q.by === CONTROLLER;
    const op: Operation = {
      phase: 'Running',
      revision,
      startedAt: now,
      message: 'running',
      initiatedBy: { username: automated ? 'automated sync policy' : q.by, automated },
      kind: q.kind,
      results: [],
    };
    app.operation = op;
    const dryRun = q.flags?.dryRun === true;
    // A dry run deploys nothing: it is not a deployment in the trail (nor in DORA's figures).
    if (!dryRun)
      applications.record(
        'deploy-started',
        app,
        revision,
        automated ? 'reconciler' : q.by,
        `${op.initiatedBy.username} initiated ${q.kind === 'heal' ? 'self-heal ' : ''}sync to ${revision.slice(0, 7)}`,
        { trigger: q.kind },
      );
    if (q.kind === 'heal') app.heal = { attempts: app.heal.attempts + 1, lastAt: now };
    const plan = operationPlan(
      { kind: q.kind, selective: q.selective, revision, ...(q.flags ? { flags: q.flags } : {}) },
      desired,
      () => this.deps.diff(app, desired),
      options,
    );
    const ctx: WriteContext = {
      actor: 'reconciler',
      channel: 'reconciler',
      manager: options.flavour === 'argo' ? 'argocd-controller' : FLUX_MANAGER,
      revision,
    };
    const { cluster } = this.deps;
    const argo = options.flavour === 'argo';
    if (argo && options.syncOptions.CreateNamespace && !dryRun && !plan.refused)
      createNamespaces(cluster, plan, ctx);
    const sync = dryRun
      ? new DryRunSync(cluster, app.spec.name, plan, ctx, options.flavour)
      : new SyncOperation(cluster, app.spec.name, plan, ctx, options.flavour, options);
    this.running = { op, sync, app, flags: q.flags };
    this.step();
  }

  private step(): void {
    const run = this.running;
    if (!run) return;
    run.sync.step();
    run.op.results = run.sync.state.results;
    run.op.message = run.sync.state.message;
    if (!run.sync.done) {
      this.waveTimer = this.deps.clock.schedule(WAVE_DELAY_MS, () => this.step(), 'sync-wave');
      return;
    }
    this.finish(run);
  }

  private finish({ op, sync, app, flags }: Running, terminated = false): void {
    const { applications } = this.deps;
    const now = this.deps.clock.now();
    this.running = null;
    this.waveTimer = null;
    op.phase = sync.state.phase;
    op.finishedAt = now;
    this.finishedAt = now;
    const by = op.initiatedBy.automated ? 'reconciler' : op.initiatedBy.username;
    if (flags?.dryRun) {
      // What it would do is in its results; the app, its history and its retries stay as they were.
    } else if (op.phase === 'Succeeded') {
      // A selective sync is not a deployment of the revision: no history entry (controller/sync.go).
      if (!flags?.resources?.length)
        app.history = addHistory(app.history, {
          revision: op.revision,
          deployStartedAt: op.startedAt,
          deployedAt: now,
          initiatedBy: op.initiatedBy,
        });
      if (op.kind !== 'heal') app.heal = { attempts: 0, lastAt: null };
      app.syncedRevision = op.revision;
      app.lastAttempt = { revision: op.revision, failed: false, retries: 0 };
      applications.record(
        'deploy-succeeded',
        app,
        op.revision,
        by,
        `Sync operation to ${op.revision.slice(0, 7)} succeeded`,
        { trigger: op.kind },
      );
      applications.notify(
        'on-sync-succeeded',
        app,
        `Sync operation to ${op.revision.slice(0, 7)} succeeded`,
      );
    } else {
      const retries =
        app.lastAttempt?.revision === op.revision && app.lastAttempt.failed
          ? app.lastAttempt.retries + (op.kind === 'retry' ? 1 : 0)
          : 0;
      app.lastAttempt = { revision: op.revision, failed: true, retries, message: op.message };
      // A terminated operation is not retried (it ends the operation, retries included).
      const retryAt = terminated ? null : this.scheduleRetry(op, app, retries);
      if (retryAt !== null) app.lastAttempt.retryAt = retryAt;
      applications.record(
        'deploy-failed',
        app,
        op.revision,
        by,
        `Sync operation to ${op.revision.slice(0, 7)} failed: ${op.message}`,
        { trigger: op.kind },
      );
      applications.notify('on-sync-failed', app, op.message);
      if (retryAt !== null) op.message = retryingMessage(op.message, retries + 1, retryAt);
    }
    if (this.queue.length > 0) return this.startNext();
    this.deps.done();
    // Argo refreshes an app after its sync: compare again to show the new state. Flux reports the
    // result of its apply (status and inventory) as the end of the same reconciliation.
    this.deps.wake(this.deps.options.flavour === 'flux' ? 'applied' : 'watch');
  }

  /** Schedules the next retry of a failed sync, if its policy has one left: when it is due. */
  private scheduleRetry(op: Operation, app: Application, retries: number): number | null {
    const retry = retryPolicyOf(this.deps.options, op.kind);
    if (!retry || retries >= retry.limit) return null;
    const delay = retryDelay(retries, retry);
    this.deps.clock.schedule(
      delay,
      () => {
        if (app.lastAttempt?.failed && app.lastAttempt.revision === op.revision) {
          this.queue.push({
            app,
            revision: op.revision,
            kind: 'retry',
            by: CONTROLLER,
            selective: false,
          });
          this.deps.wake('retry');
        }
      },
      'sync-retry',
    );
    return this.deps.clock.now() + delay;
  }
}
