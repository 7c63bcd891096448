// What the Flux flavour adds to a sync operation (operations.ts): the reconcile is run as Flux's
// (force, then the apply, then the health check: flux-reconcile.ts), its trail records read as
// kustomize-controller's events, and a failed one is tried again after `retryInterval`.
import type { VirtualClock } from '../clock';
import type { Cluster, WriteContext } from '../cluster';
import type { Operation } from './applications';
import { goDuration } from './flux-health';
import { fluxRetryInterval, forceRecreate } from './flux-options';
import { FluxReconcile } from './flux-reconcile';
import type { WakeReason } from './machine';
import type { GitopsOptions } from './options';
import type { SyncPlan } from './sync-plan';
import { SyncOperation } from './sync-run';

interface FluxDeps {
  cluster: Cluster;
  clock: VirtualClock;
  options: GitopsOptions;
}

/** One reconcile: `force` deletes what an immutable field refuses, then the apply runs. */
export function runFluxReconcile(
  deps: FluxDeps,
  app: string,
  plan: SyncPlan,
  ctx: WriteContext,
): FluxReconcile {
  const { cluster, clock, options } = deps;
  if (!plan.refused && ctx.revision !== null) forceRecreate(cluster, plan, ctx, options.force);
  const sync = new SyncOperation(cluster, app, plan, ctx, 'flux');
  const applied = plan.waves.flatMap((w) =>
    w.action === 'apply' ? w.tasks.map((t) => cluster.scoped(t.ref)) : [],
  );
  return new FluxReconcile(sync, {
    cluster,
    now: () => clock.now(),
    options,
    revision: ctx.revision ?? '',
    applied,
  });
}

/**
 * The trail message of a finished reconcile, as kustomize-controller's event says it: on success
 * "Reconciliation finished in 2s, next run in 10m0s", on failure the error itself.
 */
export function fluxTrail(op: Operation, options: GitopsOptions, now: number): string {
  if (op.phase !== 'Succeeded') return op.message;
  return `Reconciliation finished in ${goDuration(now - op.startedAt)}, next run in ${goDuration(options.applyInterval)}`;
}

/**
 * After a failed reconcile Flux requeues it after `retryInterval` (GetRetryInterval). Without
 * one written that is the interval, which the lane's interval check already keeps: nothing to
 * schedule. Returns when the retry is due, or null.
 */
export function scheduleFluxRetry(
  clock: VirtualClock,
  options: GitopsOptions,
  wake: (reason: WakeReason) => void,
): number | null {
  if (options.retryInterval === null) return null;
  const delay = fluxRetryInterval(options);
  clock.schedule(delay, () => wake('retry'), 'flux-retry-interval');
  return clock.now() + delay;
}
