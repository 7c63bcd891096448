// A sync operation as a stepwise object, as gitops-engine's sync context is: `step()` runs the next
// wave, `state` tells where it is. Before the first wave every apply task is dry-run. Flux's dry
// run is server-side: one object the API server refuses fails the whole operation and nothing is
// applied. Argo CD's is client-side (REFERENCE.md: gitops-engine `applyObject` validates only the
// manifests' correctness): an object only the API server refuses (a port out of range, an
// immutable field) passes it, fails at apply, and the rest of its wave is applied; the operation
// then fails part-way, a partial sync, and later waves do not run. Applies carry the tracking
// annotation that marks the object as the app's.
import {
  applyLine,
  isClusterError,
  type ApplyResult,
  type Cluster,
  type Applier,
  type KObject,
  type WriteContext,
} from '../cluster';
import { isStored, stored, type Stored } from '../stored';
import type { OperationPhase } from './app-status';
import {
  FLUX_NAME_LABEL,
  fluxLabels,
  isKubectlManager,
  SSA_ANNOTATION,
  ssaMode,
} from './flux-apply';
import type { Flavour } from './options';
import type { SyncPlan, SyncTask } from './sync-plan';

export const TRACKING_ANNOTATION = 'argocd.argoproj.io/tracking-id';

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

/** Argo 3.x annotation tracking: `<app>:<group>/<kind>:<namespace>/<name>`. */
export function trackingId(app: string, obj: KObject): string {
  const group = obj.apiVersion.includes('/')
    ? obj.apiVersion.slice(0, obj.apiVersion.lastIndexOf('/'))
    : '';
  return `${app}:${group}/${obj.kind}:${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
}

export function isTrackedBy(obj: KObject, app: string): boolean {
  const id: unknown = obj.metadata.annotations?.[TRACKING_ANNOTATION];
  // `id.startsWith(`${app}:`)`, without making that string for every object asked about.
  if (
    typeof id === 'string' &&
    id.length > app.length &&
    id.charCodeAt(app.length) === 58 &&
    id.startsWith(app)
  )
    return true;
  // Flux's mark (flux-apply.ts): its labels.
  return obj.metadata.labels?.[FLUX_NAME_LABEL] === app;
}

// The tracked copy of a stored manifest, per app: stored too, so that every sync applies the same
// object and the cluster can keep what it learns about it. Both sides never change. (A manifest
// belongs to one app nearly always: the first app's copy is kept apart from the others'.)
const trackedCopies = new WeakMap<
  Stored<KObject>,
  { app: string; tracked: KObject; others?: Map<string, KObject> }
>();

const fluxCopies = new WeakMap<Stored<KObject>, { app: string; tracked: KObject }>();

/** The manifest as the engine applies it: Argo CD's with its tracking annotation, Flux's labelled. */
function withTracking(app: string, manifest: KObject, engine: Flavour): KObject {
  const frozen = isStored(manifest);
  if (engine === 'flux') {
    const copy = frozen ? fluxCopies.get(manifest) : undefined;
    if (copy?.app === app) return copy.tracked;
    const labels = { ...manifest.metadata.labels, ...fluxLabels(app) };
    const tracked = { ...manifest, metadata: { ...manifest.metadata, labels } };
    if (frozen) fluxCopies.set(manifest, { app, tracked: stored(tracked) });
    return tracked;
  }
  const copies = frozen ? trackedCopies.get(manifest) : undefined;
  const known = copies?.app === app ? copies.tracked : copies?.others?.get(app);
  if (known) return known;
  const annotations = {
    ...manifest.metadata.annotations,
    [TRACKING_ANNOTATION]: trackingId(app, manifest),
  };
  const metadata = { ...manifest.metadata, annotations };
  const tracked = { ...manifest, metadata };
  if (frozen) {
    stored(tracked);
    if (copies) (copies.others ??= new Map()).set(app, tracked);
    else trackedCopies.set(manifest, { app, tracked });
  }
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
      t.action === 'apply' ? withTracking(app, t.manifest!, engine) : undefined,
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

  get done(): boolean {
    return this.state.phase !== 'Running';
  }

  /** Runs the next wave; the caller waits WAVE_DELAY_MS between calls. */
  step(): void {
    if (this.done) return;
    const wave = this.plan.waves[this.state.nextWave];
    if (!wave) return this.succeed();
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
