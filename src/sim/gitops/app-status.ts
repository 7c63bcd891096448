// An application's two status axes and how its health is rolled up from its resources
// (argo-cd `controller/health.go` setApplicationHealth, gitops-engine `pkg/health`).
// Sync and health are independent: an app can be Synced and Degraded (Git asked for a bad image).
import { healthOf, worstHealth, type Health, type KObject } from '../cluster';

export type SyncStatusCode = 'Synced' | 'OutOfSync' | 'Unknown';
export type OperationPhase = 'Running' | 'Succeeded' | 'Failed' | 'Error' | 'Terminating';

/** One resource of the app: `live` absent means desired but missing. ResourceDiff fits. */
export interface HealthInput {
  key: string;
  kind: string;
  live?: KObject;
}

// healthOf answers Missing for any absent object; whether the kind has a check at all is asked
// with an empty object of that kind (every check reads spec and status defensively).
function hasHealthCheck(kind: string): boolean {
  return healthOf({ apiVersion: 'v1', kind, metadata: { name: '' }, spec: {} }) !== null;
}

/**
 * A resource's health, or null when it does not count: kinds without a health check, live or
 * missing (a missing ConfigMap does not make the app Missing; a missing Deployment does).
 */
export function resourceHealth(r: HealthInput): Health | null {
  if (!r.live && !hasHealthCheck(r.kind)) return null;
  return healthOf(r.live);
}

/** The worst resource health in Argo's order (Healthy < Suspended < Progressing < Missing <
 *  Degraded < Unknown); the message names the first resource at that status. */
export function appHealth(resources: readonly HealthInput[]): Health {
  const assessed = resources.flatMap((r) => {
    const h = resourceHealth(r);
    return h ? [{ key: r.key, ...h }] : [];
  });
  const status = worstHealth(assessed.map((h) => h.status));
  if (status === 'Healthy') return { status };
  const first = assessed.find((h) => h.status === status)!;
  return { status, message: `${first.key}: ${first.message ?? status.toLowerCase()}` };
}
