// A Flux Kustomization's own options, as lane options of the Flux flavour (kustomize-controller
// api/v1 kustomization_types.go; REFERENCE.md, Flux flavour): `wait`, `timeout`, `retryInterval`,
// `force` and `healthChecks`. The Argo flavour ignores them. What each does to a reconcile:
// - `force`: an object whose update the API server refuses as immutable is deleted and created
//   again during the server-side dry run, instead of failing the apply (fluxcd/pkg ssa ApplyAll,
//   `shouldForceApply`); per object, the annotation `kustomize.toolkit.fluxcd.io/force: enabled`.
// - `wait` (every applied object) or `healthChecks` (the listed ones; ignored when `wait` is on):
//   after the apply, the Kustomization stays Progressing until they are healthy, and fails with
//   HealthCheckFailed after `timeout` (flux-reconcile.ts, flux-health.ts).
// - `timeout`: `GetTimeout()`: as written, or the interval less 30 s; never under 30 s.
// - `retryInterval`: `GetRetryInterval()`: after a failed reconcile the next attempt comes after
//   it (default: the interval).
import {
  isClusterError,
  type Cluster,
  type KObject,
  type ObjectRef,
  type WriteContext,
} from '../cluster';
import type { SyncPlan } from './sync-plan';

/** A `healthChecks` entry (meta.NamespacedObjectKindReference; apiVersion is not needed here). */
export interface HealthCheckRef {
  kind: string;
  name: string;
  /** Absent: the object's namespace as the cluster scopes it (`default` for a namespaced kind). */
  namespace?: string;
}

export interface KustomizationOptions {
  /** Flux `spec.wait`: health-check every object the reconcile applied. */
  wait: boolean;
  /** Flux `spec.timeout` (ms); null: the interval less 30 s, at least 30 s. */
  timeout: number | null;
  /** Flux `spec.retryInterval` (ms); null: the interval. */
  retryInterval: number | null;
  /** Flux `spec.force`: recreate an object whose update an immutable field refuses. */
  force: boolean;
  /** Flux `spec.healthChecks`: the objects to wait for when `wait` is off. */
  healthChecks: HealthCheckRef[];
}

export const KUSTOMIZATION_DEFAULTS: KustomizationOptions = {
  wait: false,
  timeout: null,
  retryInterval: null,
  force: false,
  healthChecks: [],
};

type Timing = Pick<KustomizationOptions, 'timeout' | 'retryInterval'> & { applyInterval: number };

const MIN_TIMEOUT_MS = 30_000;

/** kustomization_types.go GetTimeout: as written or interval − 30 s, and never under 30 s. */
export function fluxTimeout(o: Timing): number {
  return Math.max(o.timeout ?? o.applyInterval - MIN_TIMEOUT_MS, MIN_TIMEOUT_MS);
}

/** kustomization_types.go GetRetryInterval: as written, or the interval. */
export function fluxRetryInterval(o: Timing): number {
  return o.retryInterval ?? o.applyInterval;
}

/** Whether the reconcile waits for health after applying: `wait`, or health checks listed. */
export function waitsForHealth(o: Pick<KustomizationOptions, 'wait' | 'healthChecks'>): boolean {
  return o.wait || o.healthChecks.length > 0;
}

export const FORCE_ANNOTATION = 'kustomize.toolkit.fluxcd.io/force';

function forceEnabled(obj: KObject | undefined): boolean {
  const meta = obj?.metadata;
  return (
    meta?.annotations?.[FORCE_ANNOTATION] === 'enabled' ||
    meta?.labels?.[FORCE_ANNOTATION] === 'enabled'
  );
}

/**
 * fluxcd/pkg ssa/errors IsImmutableError: any Invalid (or Conflict) answer of the API server counts,
 * as kubectl's apply counts it, so a refusal that is not about immutability (a nodePort out of
 * range) deletes the object too, and its re-creation is then refused: Flux's own false positive.
 * What kubectl finds before any request is not the API server's answer.
 */
function isImmutableRefusal(e: unknown): boolean {
  return isClusterError(e) && e.code === 'E_INVALID' && e.data.clientSide !== true;
}

/**
 * The part of Flux's server-side dry run that `force` adds: each existing object whose dry run the
 * API server refuses is deleted (its dependents with it), so that the apply creates it again.
 * Runs only when `force` is on or an object asks for it; the sync's own dry run follows and finds
 * whatever still fails. Returns the refs it deleted. WARNING: deletes for real, as Flux does.
 */
export function forceRecreate(
  cluster: Cluster,
  plan: SyncPlan,
  ctx: WriteContext,
  force: boolean,
): ObjectRef[] {
  const deleted: ObjectRef[] = [];
  for (const wave of plan.waves) {
    for (const task of wave.tasks) {
      if (task.action !== 'apply' || !task.manifest) continue;
      const live = cluster.get(task.ref);
      if (!live || !(force || forceEnabled(task.manifest) || forceEnabled(live))) continue;
      try {
        cluster.apply(task.manifest, ctx, { dryRun: true });
      } catch (e) {
        if (!isImmutableRefusal(e)) continue;
        cluster.delete(task.ref, ctx);
        deleted.push(task.ref);
      }
    }
  }
  return deleted;
}

/** When Flux reconciles again after the last one: the interval, or after a failure retryInterval. */
export function fluxRequeueAfter(
  o: Timing,
  apps: readonly { lastAttempt: { failed: boolean } | null }[],
): number {
  return apps.some((a) => a.lastAttempt?.failed) ? fluxRetryInterval(o) : o.applyInterval;
}
