// An application's two status axes and how its health is rolled up from its resources
// (argo-cd `controller/health.go` setApplicationHealth, gitops-engine `pkg/health`).
// Sync and health are independent: an app can be Synced and Degraded (Git asked for a bad image).
import {
  HEALTH_ORDER,
  healthOf,
  storedHealth,
  type Cluster,
  type Health,
  type HealthStatus,
  type KObject,
} from '../cluster';
import { getOrCreate } from '../get-or-create';

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
  return getOrCreate(
    checked,
    kind,
    () => healthOf({ apiVersion: 'v1', kind, metadata: { name: '' }, spec: {} }) !== null,
  );
}

/**
 * A resource's health, or null when it does not count: kinds without a health check, live or
 * missing (a missing ConfigMap does not make the app Missing; a missing Deployment does).
 */
export function resourceHealth(r: HealthInput): Health | null {
  return assess(r, (x) => x.live);
}

/** The worst resource health in Argo's order (Healthy < Suspended < Progressing < Missing <
 *  Degraded < Unknown); the message names the first resource at that status. */
export function appHealth(resources: readonly HealthInput[]): Health {
  return rollUpHealth(resources, (r) => r.live);
}

type Assessable = { key: string; kind: string; reason?: string | null };

/** One resource's health, or null when it does not count (as resourceHealth says; to prune). */
function assess<R extends Assessable>(r: R, liveOf: (r: R) => KObject | undefined): Health | null {
  if (r.reason === 'extra') return null;
  const live = liveOf(r);
  return live ? storedHealth(live) : hasHealthCheck(r.kind) ? MISSING : null;
}

/** The worst of the resources' healths, the first at that status named in the message. */
function worstOf(resources: readonly Assessable[], healths: readonly (Health | null)[]): Health {
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
): Health {
  return worstOf(
    resources,
    resources.map((r) => assess(r, liveOf)),
  );
}

/**
 * `rollUpHealth` again and again for one app over a cluster's objects: while the resources are the
 * same keys in the same order, each to prune or not as before (the list itself may be new: a
 * compare replaces it), only those written since the last roll-up (the cluster's journal) are
 * assessed again. `liveOf` must answer from the cluster as it is now.
 */
export class HealthRollup<R extends Assessable> {
  private resources: readonly R[] | null = null;
  private at = new Map<string, number>();
  private healths: (Health | null)[] = [];
  private cluster: Cluster | null = null;
  private version = 0;
  /** The last answer, while no resource was assessed again since. */
  private last: Health | null = null;

  rollUp(resources: readonly R[], cluster: Cluster, liveOf: (r: R) => KObject | undefined): Health {
    const written =
      cluster === this.cluster && this.sameKeys(resources)
        ? cluster.changedSince(this.version)
        : null;
    if (written === null || this.at.size !== resources.length) {
      this.at = new Map(resources.map((r, i) => [r.key, i]));
      this.healths = resources.map((r) => assess(r, liveOf));
      this.last = null;
    } else {
      for (const key of written) {
        const i = this.at.get(key);
        if (i === undefined) continue;
        this.healths[i] = assess(resources[i]!, liveOf);
        this.last = null;
      }
    }
    this.resources = resources;
    this.cluster = cluster;
    this.version = cluster.version;
    return (this.last ??= worstOf(resources, this.healths));
  }

  private sameKeys(resources: readonly R[]): boolean {
    const last = this.resources;
    if (resources === last) return true;
    if (!last || last.length !== resources.length) return false;
    // Of the reason, only whether the resource is to be pruned counts (see assess).
    return resources.every(
      (r, i) =>
        r === last[i] ||
        (r.key === last[i]!.key && (r.reason === 'extra') === (last[i]!.reason === 'extra')),
    );
  }
}

const MISSING: Health = Object.freeze({ status: 'Missing' });
const RANK = Object.fromEntries(HEALTH_ORDER.map((s, i) => [s, i])) as Record<HealthStatus, number>;
