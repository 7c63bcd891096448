// A sync operation as a stepwise object, as gitops-engine's sync context is: `step()` runs the next
// wave, `state` tells where it is. Before the first wave every apply task is dry-run: one invalid
// object fails the whole operation and nothing is applied (the real engine and Flux both dry-run
// the set first). Applies carry the tracking annotation that marks the object as the app's.
import {
  applyLine,
  isClusterError,
  type Cluster,
  type KObject,
  type WriteContext,
} from '../cluster';
import type { OperationPhase } from './app-status';
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
  return (
    typeof id === 'string' &&
    id.length > app.length &&
    id.charCodeAt(app.length) === 58 &&
    id.startsWith(app)
  );
}

// The tracked copy of a frozen manifest, per app: frozen too, so that every sync applies the same
// object and the cluster can keep what it learns about it. Both sides never change. (A manifest
// belongs to one app nearly always: the first app's copy is kept apart from the others'.)
const trackedCopies = new WeakMap<
  KObject,
  { app: string; tracked: KObject; others?: Map<string, KObject> }
>();

function withTracking(app: string, manifest: KObject): KObject {
  const frozen = Object.isFrozen(manifest);
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
    Object.freeze(annotations);
    Object.freeze(metadata);
    Object.freeze(tracked);
    if (copies) (copies.others ??= new Map()).set(app, tracked);
    else trackedCopies.set(manifest, { app, tracked });
  }
  return tracked;
}

export class SyncOperation {
  readonly state: SyncState;

  constructor(
    private readonly cluster: Cluster,
    private readonly app: string,
    private readonly plan: SyncPlan,
    private readonly ctx: WriteContext,
  ) {
    this.state = {
      phase: 'Running',
      nextWave: 0,
      waves: plan.waves.length,
      results: [],
      message: 'waiting to start',
    };
    if (plan.refused) this.fail(plan.refused.message);
    else this.dryRun();
  }

  get done(): boolean {
    return this.state.phase !== 'Running';
  }

  /** Runs the next wave; the caller waits WAVE_DELAY_MS between calls. */
  step(): void {
    if (this.done) return;
    const wave = this.plan.waves[this.state.nextWave];
    if (!wave) return this.succeed();
    for (const task of wave.tasks) this.run(task);
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

  private run(task: SyncTask): void {
    const ctx = this.ctx;
    try {
      if (task.action === 'apply') {
        const result = this.cluster.apply(withTracking(this.app, task.manifest!), ctx);
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

  private dryRun(): void {
    const tasks = this.plan.waves.flatMap((w) => w.tasks);
    const creating = new Set(tasks.filter((t) => t.kind === 'Namespace').map((t) => t.name));
    const errors: string[] = [];
    for (const task of tasks) {
      if (task.action !== 'apply') continue;
      try {
        this.cluster.apply(withTracking(this.app, task.manifest!), this.ctx, { dryRun: true });
      } catch (e) {
        if (!isClusterError(e)) throw e;
        // A namespace the same sync creates in an earlier wave exists by the time this applies.
        if (e.code === 'E_NOT_FOUND' && creating.has(task.manifest?.metadata.namespace ?? ''))
          continue;
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
