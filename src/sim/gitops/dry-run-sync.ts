// `argocd app sync --dry-run` (the sync action's `dryRun`): an operation that runs every task of
// its plan with `kubectl apply --dry-run` and changes nothing. Its results say what the sync would
// do, as Argo CD's do ("configured (dry run)", "pruned (dry run)", gitops-engine `pruneObject`),
// and it adds no history entry. It has the stepwise surface of a SyncOperation (sync-run.ts), so
// the operations queue runs it like any other; it is done at its first step.
import { applyLine, isClusterError, type Cluster, type WriteContext } from '../cluster';
import type { Flavour } from './options';
import { startingState, withTracking, type SyncState } from './sync-run';
import type { SyncPlan } from './sync-plan';

export class DryRunSync {
  readonly state: SyncState;

  constructor(
    private readonly cluster: Cluster,
    private readonly app: string,
    private readonly plan: SyncPlan,
    private readonly ctx: WriteContext,
    private readonly engine: Flavour,
  ) {
    this.state = startingState(plan);
    if (plan.refused) this.end('Failed', plan.refused.message);
  }

  get done(): boolean {
    return this.state.phase !== 'Running';
  }

  step(): void {
    if (this.done) return;
    const { cluster, ctx, state } = this;
    for (const wave of this.plan.waves)
      for (const task of wave.tasks) {
        const base = { key: task.key, action: task.action, wave: task.wave };
        if (task.action === 'prune') {
          state.results.push({
            ...base,
            ok: true,
            message: `${cluster.display(task.ref)} pruned (dry run)`,
          });
          continue;
        }
        try {
          const tracked = withTracking(cluster, this.app, task.manifest!, this.engine);
          const r = cluster.apply(tracked, ctx, { dryRun: true });
          state.results.push({
            ...base,
            ok: true,
            message: `${applyLine(r.display, r.outcome)} (dry run)`,
          });
        } catch (e) {
          if (!isClusterError(e)) throw e;
          state.results.push({ ...base, ok: false, message: e.message });
        }
      }
    state.nextWave = this.plan.waves.length;
    const failed = state.results.filter((r) => !r.ok);
    if (failed.length > 0)
      this.end(
        'Failed',
        `one or more objects failed to apply (dry run), reason: ${failed.map((r) => r.message).join('; ')}`,
      );
    else this.end('Succeeded', 'successfully synced (dry run)');
  }

  terminate(reason: string): void {
    if (!this.done) this.end('Failed', reason);
  }

  private end(phase: SyncState['phase'], message: string): void {
    this.state.phase = phase;
    this.state.message = message;
  }
}
