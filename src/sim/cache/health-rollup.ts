// An app's health roll-up (compare/health.ts), kept up to date from the cluster's journal.
import type { Cluster, Health, KObject } from '../cluster';
import { assess, worstOf, type Assessable } from '../compare/health';
import type { CompareMemo } from '../compare/memo';

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

  constructor(private readonly memo: CompareMemo) {}

  rollUp(resources: readonly R[], cluster: Cluster, liveOf: (r: R) => KObject | undefined): Health {
    const written =
      cluster === this.cluster && this.sameKeys(resources)
        ? cluster.changedSince(this.version)
        : null;
    if (written === null || this.at.size !== resources.length) {
      this.at = new Map(resources.map((r, i) => [r.key, i]));
      this.healths = resources.map((r) => assess(r, liveOf, this.memo));
      this.last = null;
    } else {
      for (const key of written) {
        const i = this.at.get(key);
        if (i === undefined) continue;
        this.healths[i] = assess(resources[i]!, liveOf, this.memo);
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
