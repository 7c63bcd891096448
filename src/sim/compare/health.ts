// An application's health rolled up from its resources' (argo-cd `controller/health.go`
// setApplicationHealth, gitops-engine `pkg/health`): the worst resource health wins. Each
// resource's health is cluster/health.ts's check for its kind. Pure: the cache layer keeps a
// roll-up up to date from the cluster's journal (cache/health-rollup.ts).
import {
  hasHealthCheck,
  HEALTH_ORDER,
  healthOf,
  type Health,
  type HealthStatus,
  type KObject,
} from '../cluster';
import { NO_MEMO, type CompareMemo } from './memo';

/** One resource of the app: `live` absent means desired but missing. */
export interface HealthInput {
  key: string;
  kind: string;
  /** The object as the cluster stores it (never a copy that may still be edited). */
  live?: KObject;
}

/**
 * A resource's health, or null when it does not count: kinds without a health check, live or
 * missing (a missing ConfigMap does not make the app Missing; a missing Deployment does).
 */
export function resourceHealth(r: HealthInput): Health | null {
  return assess(r, (x) => x.live, NO_MEMO);
}

/** The worst resource health in Argo's order (Healthy < Suspended < Progressing < Missing <
 *  Degraded < Unknown); the message names the first resource at that status. */
export function appHealth(resources: readonly HealthInput[]): Health {
  return rollUpHealth(resources, (r) => r.live);
}

export type Assessable = { key: string; kind: string; reason?: string | null };

/** One resource's health, or null when it does not count (as resourceHealth says; to prune). */
export function assess<R extends Assessable>(
  r: R,
  liveOf: (r: R) => KObject | undefined,
  memo: CompareMemo,
): Health | null {
  if (r.reason === 'extra') return null;
  const live = liveOf(r);
  if (live) return memo.health(live, () => healthOf(live));
  return hasHealthCheck(r.kind) ? MISSING : null;
}

/** The worst of the resources' healths, the first at that status named in the message. */
export function worstOf(
  resources: readonly Assessable[],
  healths: readonly (Health | null)[],
): Health {
  let worst = 0;
  let first = -1;
  healths.forEach((health, i) => {
    if (!health) return;
    const rank = RANK[health.status];
    if (rank > worst || (rank === worst && first < 0)) {
      worst = rank;
      first = i;
    }
  });
  const status = HEALTH_ORDER[worst]!;
  if (status === 'Healthy' || first < 0) return { status };
  const key = resources[first]!.key;
  return { status, message: `${key}: ${healths[first]!.message ?? status.toLowerCase()}` };
}

/**
 * `appHealth` of an app's resources (a ResourceDiff list fits), with each one's live object asked
 * of `liveOf`; resources to prune (not in Git) do not count.
 */
export function rollUpHealth<R extends Assessable>(
  resources: readonly R[],
  liveOf: (r: R) => KObject | undefined,
  memo: CompareMemo = NO_MEMO,
): Health {
  return worstOf(
    resources,
    resources.map((r) => assess(r, liveOf, memo)),
  );
}

const MISSING: Health = Object.freeze({ status: 'Missing' });
const RANK = Object.fromEntries(HEALTH_ORDER.map((s, i) => [s, i])) as Record<HealthStatus, number>;
