// Flux's health check after an apply (kustomize-controller `checkHealth`, fluxcd/pkg ssa
// `WaitForSetWithContext`): the objects are polled every 5 s until each is Current; one that is
// Failed ends the wait at once (fail-fast, the default), and when `timeout` runs out the wait fails
// with every object that is not Current. Statuses are kstatus's, read here from the cluster's
// health: Healthy -> Current, Degraded -> Failed, absent -> NotFound, the rest -> InProgress.
// Simplification: kstatus reads each kind's conditions itself; DriftLab's health checks (the
// ones Argo CD's health uses) stand in for it, and kinds without one are Current as they exist.
import { healthOf, refKey, type Cluster, type ObjectRef } from '../cluster';
import type { HealthCheckRef } from './flux-options';

export type KStatus = 'Current' | 'InProgress' | 'Failed' | 'NotFound';

/** WaitForSet's poll interval in kustomize-controller (`Interval: 5 * time.Second`). */
export const HEALTH_POLL_MS = 5_000;

export function kstatusOf(cluster: Cluster, ref: ObjectRef): KStatus {
  const obj = cluster.get(ref);
  if (!obj) return 'NotFound';
  const health = healthOf(obj);
  if (!health || health.status === 'Healthy') return 'Current';
  return health.status === 'Degraded' ? 'Failed' : 'InProgress';
}

/** A `healthChecks` entry as the cluster scopes it (a namespaced kind defaults to `default`). */
export function checkRef(cluster: Cluster, ref: HealthCheckRef): ObjectRef {
  return cluster.scoped({
    kind: ref.kind,
    name: ref.name,
    ...(ref.namespace !== undefined ? { namespace: ref.namespace } : {}),
  });
}

/** Go's time.Duration text (`30s`, `9m30s`, `1h0m0s`), as Flux's messages print one. */
export function goDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return `${h}h${m}m${s % 60}s`;
  if (m > 0) return `${m}m${s % 60}s`;
  return `${s}s`;
}

export type HealthVerdict =
  { state: 'waiting' } | { state: 'passed' } | { state: 'failed'; message: string };

/** One wait for a set of objects, started at `startedAt`, with Flux's timeout. */
export class HealthWait {
  constructor(
    private readonly cluster: Cluster,
    private readonly refs: readonly ObjectRef[],
    private readonly startedAt: number,
    private readonly timeoutMs: number,
  ) {}

  /** The verdict at `now`: every object Current, one Failed, the timeout run out, or wait on. */
  check(now: number): HealthVerdict {
    const statuses = this.refs.map((ref) => ({ ref, status: kstatusOf(this.cluster, ref) }));
    if (statuses.every((s) => s.status === 'Current')) return { state: 'passed' };
    const failed = statuses.filter((s) => s.status === 'Failed');
    const timedOut = now - this.startedAt >= this.timeoutMs;
    if (failed.length === 0 && !timedOut) return { state: 'waiting' };
    const shown = timedOut ? statuses.filter((s) => s.status !== 'Current') : failed;
    const list = shown.map((s) => `${refKey(s.ref)} status: '${s.status}'`).join(', ');
    const why = timedOut ? 'timeout waiting for' : 'failed early due to stalled resources';
    // The error checkHealth returns, which becomes the Ready condition's message.
    return {
      state: 'failed',
      message: `health check failed after ${goDuration(now - this.startedAt)}: ${why}: [${list}]`,
    };
  }
}
