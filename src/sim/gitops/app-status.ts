// An application's two status axes and how its health is rolled up from its resources
// (argo-cd `controller/health.go` setApplicationHealth, gitops-engine `pkg/health`).
// Sync and health are independent: an app can be Synced and Degraded (Git asked for a bad image).
import {
  HEALTH_ORDER,
  healthOf,
  storedHealth,
  type Health,
  type HealthStatus,
  type KObject,
} from '../cluster';

export type SyncStatusCode = 'Synced' | 'OutOfSync' | 'Unknown';
export type OperationPhase = 'Running' | 'Succeeded' | 'Failed' | 'Error' | 'Terminating';

/** One resource of the app: `live` absent means desired but missing. */
export interface HealthInput {
  key: string;
  kind: string;
  /** The object as the cluster stores it (never a copy that may still be edited). */
  live?: KObject;
}

// healthOf answers Missing for any absent object; whether the kind has a check at all is asked
// with an empty object of that kind (every check reads spec and status defensively).
const checked = new Map<string, boolean>();
function hasHealthCheck(kind: string): boolean {
  let has = checked.get(kind);
  if (has === undefined) {
    has = healthOf({ apiVersion: 'v1', kind, metadata: { name: '' }, spec: {} }) !== null;
    checked.set(kind, has);
  }
  return has;
}

/**
 * A resource's health, or null when it does not count: kinds without a health check, live or
 * missing (a missing ConfigMap does not make the app Missing; a missing Deployment does).
 */
export function resourceHealth(r: HealthInput): Health | null {
  if (!r.live) return hasHealthCheck(r.kind) ? { status: 'Missing' } : null;
  return storedHealth(r.live);
}

/** The worst resource health in Argo's order (Healthy < Suspended < Progressing < Missing <
 *  Degraded < Unknown); the message names the first resource at that status. */
export function appHealth(resources: readonly HealthInput[]): Health {
  return rollUpHealth(resources, (r) => r.live);
}

/**
 * `appHealth` of an app's resources (a ResourceDiff list fits), with each one's live object asked
 * of `liveOf`; resources to prune (not in Git) do not count.
 */
export function rollUpHealth<R extends { key: string; kind: string; reason?: string | null }>(
  resources: readonly R[],
  liveOf: (r: R) => KObject | undefined,
): Health {
  let worst = 0;
  let first: { key: string; health: Health } | null = null;
  for (const r of resources) {
    if (r.reason === 'extra') continue;
    const live = liveOf(r);
    const health = live ? storedHealth(live) : hasHealthCheck(r.kind) ? MISSING : null;
    if (!health) continue;
    const rank = RANK[health.status];
    if (rank > worst || (rank === worst && first === null)) {
      worst = rank;
      first = { key: r.key, health };
    }
  }
  const status = HEALTH_ORDER[worst]!;
  if (status === 'Healthy' || !first) return { status };
  return { status, message: `${first.key}: ${first.health.message ?? status.toLowerCase()}` };
}

const MISSING: Health = Object.freeze({ status: 'Missing' });
const RANK = Object.fromEntries(HEALTH_ORDER.map((s, i) => [s, i])) as Record<HealthStatus, number>;
