// A sync operation as a stepwise object, as gitops-engine's sync context is: `step()` runs the next
// wave, `state` tells where it is. Before the first wave every apply task is dry-run. Flux's dry
// run is server-side: one object the API server refuses fails the whole operation and nothing is
// applied. Argo CD's is client-side (REFERENCE.md: gitops-engine `applyObject` validates only the
// manifests' correctness): an object only the API server refuses (a port out of range, an
// immutable field) passes it, fails at apply, and the rest of its wave is applied; the operation
// then fails part-way, a partial sync, and later waves do not run. A wave starts only when every
// resource the wave before it applied is Healthy; one that turns Degraded fails the operation and
// later waves are never applied (REFERENCE.md, sync waves; gitops-engine `sync_context.go`).
// Applies carry the tracking annotation that marks the object as the app's.
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
import { fluxLabels, isKubectlManager, SSA_ANNOTATION, ssaMode } from './flux-apply';
import type { Flavour } from './options';
import type { SyncPlan, SyncTask } from './sync-plan';

export interface TaskResult {
  key: string;
  action: SyncTask['action'];
  wave: number;
  ok: boolean;
  message: string;
}

export interface SyncState {
  phase: OperationPhase;
  /** Index of the next wave to run. */
  nextWave: number;
  waves: number;
  results: TaskResult[];
  message: string;
}

/**
 * The manifest as the engine applies it: Argo CD's with its tracking annotation, Flux's labelled.
 * The copy of a frozen manifest is frozen too and kept by the cluster's cache, one per engine and
 * app, so that every sync applies the same object and the cluster can keep what it learns about it.
 */
function withTracking(cluster: Cluster, app: string, manifest: KObject, engine: Flavour): KObject {
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
  ) {
    this.state = {
      phase: 'Running',
      nextWave: 0,
      waves: plan.waves.length,
      results: [],
      message: 'waiting to start',
    };
    this.tasks = plan.waves.flatMap((w) => w.tasks);
    this.tracked = this.tasks.map((t) =>
      t.action === 'apply' ? withTracking(cluster, app, t.manifest!, engine) : undefined,
    );
    this.applier = cluster.applier(ctx.manager, this.tracked);
    if (plan.refused) this.fail(plan.refused.message);
    else this.dryRun();
  }

  /** Every task in the order the waves run them, and what each apply task applies. */
  private readonly tasks: readonly SyncTask[];
  private readonly tracked: readonly (KObject | undefined)[];
  /** The index in `tasks` of the next task to run. */
  private next = 0;
  /** Applies the tracked manifests: the dry run's answers serve the apply (cluster applier.ts). */
  private readonly applier: Applier;
  /** What the dry run refused, by object key, as the API server said it (Flux words it its way). */
  readonly refusals: { key: string; message: string }[] = [];

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
    if (!wave) return this.succeed();
    if (!this.previousWaveHealthy()) return;
    for (const task of wave.tasks) this.run(task, this.next++);
    this.state.nextWave++;
    const failed = this.state.results.filter((r) => !r.ok);
    if (failed.length > 0)
      return this.fail(
        `one or more objects failed to apply, reason: ${failed.map((r) => r.message).join('; ')}`,
      );
    if (this.state.nextWave >= this.plan.waves.length) this.succeed();
    else this.state.message = `waiting for wave ${this.plan.waves[this.state.nextWave]!.wave}`;
  }

  /**
   * Whether every resource the previous wave applied is Healthy (one with no health check is).
   * Otherwise the operation waits for it, or fails when one is Degraded.
   */
  private previousWaveHealthy(): boolean {
    const previous = this.plan.waves[this.state.nextWave - 1];
    if (!previous || previous.action !== 'apply') return true;
    const waiting: string[] = [];
    for (const task of previous.tasks) {
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
    if (waiting.length === 0) return true;
    this.state.message = `waiting for healthy state of ${waiting.join(', ')}`;
    return false;
  }

  /** The controller went away mid-sync. */
  terminate(reason: string): void {
    if (!this.done) this.fail(reason);
  }

  private run(task: SyncTask, i: number): void {
    const ctx = this.ctx;
    try {
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
          message: applyLine(result.display, result.outcome),
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
      });
    }
  }

  /**
   * One apply. Flux's (flux-apply.ts) takes over kubectl's fields unless the object says
   * `ssa: Merge`, and leaves an existing object that says `ssa: Ignore` alone: null.
   */
  private applyOne(task: SyncTask, i: number): ApplyResult | null {
    if (this.engine === 'argo') return this.applier.apply(i, this.ctx);
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
      if (task.action !== 'apply') continue;
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

  private fail(message: string): void {
    this.state.phase = 'Failed';
    this.state.message = message;
  }
}

/** A resource as Argo CD's operation messages name it: group/Kind/name (apps/Deployment/db). */
function resourceName(task: SyncTask): string {
  const group = task.manifest?.apiVersion.includes('/')
    ? task.manifest.apiVersion.split('/')[0]
    : '';
  return `${group}/${task.kind}/${task.name}`;
}
