// A sync operation as a stepwise object, as gitops-engine's sync context is: `step()` runs the next
// wave, `state` tells where it is. Before the first wave every apply task is dry-run. Flux's dry
// run is server-side: one object the API server refuses fails the whole operation and nothing is
// applied. Argo CD's is client-side (REFERENCE.md: gitops-engine `applyObject` validates only the
// manifests' correctness): an object only the API server refuses (a port out of range, an
// immutable field) passes it, fails at apply, and the rest of its wave is applied; the operation
// then fails part-way, a partial sync, and later waves do not run. A wave starts only when every
// resource the wave before it applied is Healthy; one that turns Degraded fails the operation and
// later waves are never applied (REFERENCE.md, sync waves; gitops-engine `sync_context.go`).
// Applies carry the tracking annotation that marks the object as the app's. Resource hooks
// (hooks.ts, hook-plan.ts) run in their phases: a phase waits for its hooks' completion, a failed
// hook fails the operation, and then the SyncFail hooks run before the operation ends Failed.
import {
  applyLine,
  healthOf,
  isClusterError,
  type ApplyResult,
  type Cluster,
  type Applier,
  type KObject,
  type WriteContext,
} from '../cluster';
import { isStored, stored } from '../stored';
import { ClusterCache } from '../cache/cluster-cache';
import { TRACKING_ANNOTATION, trackingId } from '../compare/tracking';
import type { OperationPhase } from './app-status';
import { argoApply, type ArgoApplied } from './argo-apply';
import { NO_ARGO_SETTINGS, type ArgoSyncSettings } from './sync-options';
import { fluxLabels, isKubectlManager, SSA_ANNOTATION, ssaMode } from './flux-apply';
import { awaitedBeforeWave } from './hook-plan';
import { HookRun, hookFailure, taskName, waitingForHooks, type HookState } from './hooks';
import type { Flavour } from './options';
import type { SyncPlan, SyncTask } from './sync-plan';

export interface TaskResult {
  key: string;
  action: SyncTask['action'];
  wave: number;
  ok: boolean;
  message: string;
  /** A hook's task: its phase and its state (Argo CD's hookType and hookPhase). */
  hook?: SyncTask['hook'];
  hookPhase?: HookState;
}

export interface SyncState {
  phase: OperationPhase;
  /** Index of the next wave to run. */
  nextWave: number;
  waves: number;
  results: TaskResult[];
  message: string;
}

/** An operation's state before its first wave (a sync's, or a dry run's: dry-run-sync.ts). */
export function startingState(plan: SyncPlan): SyncState {
  return {
    phase: 'Running',
    nextWave: 0,
    waves: plan.waves.length,
    results: [],
    message: 'waiting to start',
  };
}

/**
 * The manifest as the engine applies it: Argo CD's with its tracking annotation, Flux's labelled.
 * The copy of a frozen manifest is frozen too and kept by the cluster's cache, one per engine and
 * app, so that every sync applies the same object and the cluster can keep what it learns about it.
 */
export function withTracking(
  cluster: Cluster,
  app: string,
  manifest: KObject,
  engine: Flavour,
): KObject {
  return ClusterCache.of(cluster).memo.copy(manifest, `${engine}:${app}`, () =>
    engine === 'flux' ? fluxCopy(app, manifest) : argoCopy(app, manifest),
  );
}

function fluxCopy(app: string, manifest: KObject): KObject {
  const labels = { ...manifest.metadata.labels, ...fluxLabels(app) };
  const tracked = { ...manifest, metadata: { ...manifest.metadata, labels } };
  return isStored(manifest) ? stored(tracked) : tracked;
}

function argoCopy(app: string, manifest: KObject): KObject {
  const annotations = {
    ...manifest.metadata.annotations,
    [TRACKING_ANNOTATION]: trackingId(app, manifest),
  };
  const metadata = { ...manifest.metadata, annotations };
  const tracked = { ...manifest, metadata };
  if (isStored(manifest)) stored(tracked);
  return tracked;
}

export class SyncOperation {
  readonly state: SyncState;

  constructor(
    private readonly cluster: Cluster,
    app: string,
    private readonly plan: SyncPlan,
    private readonly ctx: WriteContext,
    /** Argo CD's dry run is client-side; Flux's is server-side (see above), and so is its apply. */
    private readonly engine: Flavour = 'flux',
    /** Argo CD: how each resource is applied (argo-apply.ts). */
    private readonly argo: ArgoSyncSettings = NO_ARGO_SETTINGS,
  ) {
    this.state = startingState(plan);
    this.tasks = plan.waves.flatMap((w) => w.tasks);
    this.tracked = this.tasks.map((t) =>
      t.action === 'apply' && !t.hook ? withTracking(cluster, app, t.manifest!, engine) : undefined,
    );
    this.applier = cluster.applier(ctx.manager, this.tracked);
    this.hooks = new HookRun(cluster, ctx);
    if (plan.refused) this.fail(plan.refused.message);
    else this.dryRun();
  }

  /** Every task in the order the waves run them, and what each apply task applies. */
  private readonly tasks: readonly SyncTask[];
  private readonly tracked: readonly (KObject | undefined)[];
  /** Applies the tracked manifests: the dry run's answers serve the apply (cluster applier.ts). */
  private readonly applier: Applier;
  /** What the dry run refused, by object key, as the API server said it (Flux words it its way). */
  readonly refusals: { key: string; message: string }[] = [];
  private readonly hooks: HookRun;
  /** Why the operation failed, while its SyncFail hooks run. */
  private failure: string | null = null;

  get done(): boolean {
    return this.state.phase !== 'Running';
  }

  /**
   * Runs the next wave once the wave before it is healthy; the caller waits WAVE_DELAY_MS between
   * calls, and calls again while the operation waits.
   */
  step(): void {
    if (this.done) return;
    const wave = this.plan.waves[this.state.nextWave];
    // The end: every wave ran (SyncFail's only after a failure) once the last hooks completed.
    if (!wave || (wave.phase === 'SyncFail' && this.failure === null)) {
      if (!this.hooksCompleted()) return;
      return this.failure === null ? this.succeed() : this.fail(this.failure);
    }
    if (!this.previousWaveHealthy()) return;
    const before = this.state.results.length;
    let i = this.firstTask(this.state.nextWave);
    for (const task of wave.tasks) this.run(task, i++);
    this.state.nextWave++;
    const failed = this.state.results.slice(before).filter((r) => !r.ok);
    if (failed.length > 0)
      return this.fail(
        `one or more objects failed to apply, reason: ${failed.map((r) => r.message).join('; ')}`,
      );
    const next = this.plan.waves[this.state.nextWave];
    if (!next && !wave.tasks.some((t) => t.hook)) this.succeed();
    else if (next) this.state.message = `waiting for wave ${next.wave}`;
  }

  /** The index in `tasks` of wave `n`'s first task. */
  private firstTask(n: number): number {
    let i = 0;
    for (const w of this.plan.waves.slice(0, n)) i += w.tasks.length;
    return i;
  }

  /** Whether the hooks of the wave that ran last have completed (a failed one fails the sync). */
  private hooksCompleted(): boolean {
    const last = this.plan.waves[this.state.nextWave - 1];
    const running: string[] = [];
    for (const task of last?.tasks ?? []) {
      if (!task.hook) continue;
      const state = this.pollHook(task);
      if (state === 'Failed') return false;
      if (state === 'Running') running.push(resourceName(task));
    }
    if (running.length > 0) this.state.message = waitingForHooks(running);
    return running.length === 0;
  }

  /**
   * Whether every resource the previous wave applied is Healthy (one with no health check is).
   * Otherwise the operation waits for it, or fails when one is Degraded.
   */
  private previousWaveHealthy(): boolean {
    const tasks = awaitedBeforeWave(this.plan.waves, this.state.nextWave);
    const waiting: string[] = [];
    const hooks: string[] = [];
    for (const task of tasks) {
      if (task.hook) {
        const hook = this.pollHook(task);
        if (hook === 'Failed') return false;
        if (hook === 'Running') hooks.push(resourceName(task));
        continue;
      }
      // A wave prunes first, then applies (prune-waves.ts): only what it applied has a health.
      if (task.action !== 'apply') continue;
      const health = healthOf(this.cluster.get(task.ref));
      if (!health || health.status === 'Healthy') continue;
      const name = resourceName(task);
      if (health.status === 'Degraded') {
        this.fail(
          `one or more synchronization tasks completed unsuccessfully: ${name} is Degraded` +
            (health.message ? `: ${health.message}` : ''),
        );
        return false;
      }
      waiting.push(name);
    }
    if (hooks.length > 0) this.state.message = waitingForHooks(hooks);
    else if (waiting.length > 0)
      this.state.message = `waiting for healthy state of ${waiting.join(', ')}`;
    return hooks.length === 0 && waiting.length === 0;
  }

  /** A hook's state, written to its result; a failed hook fails the operation. */
  private pollHook(task: SyncTask): HookState {
    const status = this.hooks.poll(task, this.state.results);
    if (status.state === 'Failed') this.fail(hookFailure(task, status));
    return status.state;
  }

  /** The controller went away mid-sync. */
  terminate(reason: string): void {
    this.terminated = true;
    if (!this.done) this.fail(reason);
  }

  private terminated = false;

  private run(task: SyncTask, i: number): void {
    const ctx = this.ctx;
    try {
      if (task.hook) {
        this.state.results.push({
          key: task.key,
          action: 'apply',
          wave: task.wave,
          ok: true,
          message: this.hooks.start(task),
          hook: task.hook,
          hookPhase: 'Running',
        });
        return;
      }
      if (task.action === 'apply') {
        const result = this.applyOne(task, i);
        if (!result) {
          this.state.results.push({
            key: task.key,
            action: 'apply',
            wave: task.wave,
            ok: true,
            message: `${this.cluster.display(task.ref)} skipped (${SSA_ANNOTATION}: Ignore)`,
          });
          return;
        }
        this.state.results.push({
          key: task.key,
          action: 'apply',
          wave: task.wave,
          ok: true,
          message: (result as ArgoApplied).line ?? applyLine(result.display, result.outcome),
        });
      } else {
        this.cluster.delete(task.ref, ctx);
        this.state.results.push({
          key: task.key,
          action: 'prune',
          wave: task.wave,
          ok: true,
          message: `${this.cluster.display(task.ref)} pruned`,
        });
      }
    } catch (e) {
      if (!isClusterError(e)) throw e;
      this.state.results.push({
        key: task.key,
        action: task.action,
        wave: task.wave,
        ok: false,
        message: e.message,
        ...(task.hook ? { hook: task.hook, hookPhase: 'Failed' as const } : {}),
      });
    }
  }

  /**
   * One apply. Flux's (flux-apply.ts) takes over kubectl's fields unless the object says
   * `ssa: Merge`, and leaves an existing object that says `ssa: Ignore` alone: null.
   */
  private applyOne(task: SyncTask, i: number): ApplyResult | null {
    if (this.engine === 'argo')
      return argoApply({
        syncOptions: this.argo.syncOptions,
        ignoreDifferences: this.argo.ignoreDifferences,
        cluster: this.cluster,
        applier: this.applier,
        index: i,
        manifest: this.tracked[i]!,
        ctx: this.ctx,
      });
    const live = this.cluster.get(task.ref);
    const mode = ssaMode(task.manifest, live);
    if (mode === 'Ignore' && live) return null;
    const takeOver = mode === 'Override' ? isKubectlManager : undefined;
    return this.applier.apply(i, this.ctx, takeOver ? { takeOver } : {});
  }

  private dryRun(): void {
    const { tasks } = this;
    const creating = new Set(tasks.filter((t) => t.kind === 'Namespace').map((t) => t.name));
    const errors: string[] = [];
    for (const [i, task] of tasks.entries()) {
      if (task.action !== 'apply' || task.hook) continue;
      try {
        this.applier.apply(i, this.ctx, { dryRun: true });
      } catch (e) {
        if (!isClusterError(e)) throw e;
        // A namespace the same sync creates in an earlier wave exists by the time this applies.
        if (e.code === 'E_NOT_FOUND' && creating.has(task.manifest?.metadata.namespace ?? ''))
          continue;
        // Only what kubectl finds before any request fails a client-side dry run.
        if (this.engine === 'argo' && !e.data.clientSide) continue;
        errors.push(`${task.key}: ${e.message}`);
        this.refusals.push({ key: task.key, message: e.message });
      }
    }
    if (errors.length > 0)
      this.fail(`one or more objects failed to apply (dry run), reason: ${errors.join('; ')}`);
  }

  private succeed(): void {
    this.state.phase = 'Succeeded';
    this.state.message = 'successfully synced (all tasks run)';
  }

  /**
   * The operation failed. Once it has begun running waves its SyncFail hooks run first (the
   * operation stays Running meanwhile), then it ends Failed with the first failure's message.
   */
  private fail(message: string): void {
    const syncFail = this.plan.waves.findIndex((w) => w.phase === 'SyncFail');
    if (this.failure === null && syncFail >= 0 && this.state.nextWave > 0 && !this.terminated) {
      this.failure = message;
      this.state.nextWave = syncFail;
      this.state.message = `${message}; running SyncFail hooks`;
      return;
    }
    this.state.phase = 'Failed';
    this.state.message = this.failure ?? message;
  }
}

const resourceName = taskName;
