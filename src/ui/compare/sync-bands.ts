// In-sync and out-of-sync time per lane, from the observer's `observe` records: each one says
// whether the cluster matched Git HEAD from that instant on. The observer watches both lanes from
// time 0 and writes only when the answer flips (its first check only when out of sync), so a lane
// with no record yet has matched Git all along.
import type { AuditRecord, ClusterName } from '../../sim/audit';

export interface SyncBand {
  start: number;
  end: number;
  inSync: boolean;
}

export interface SyncTimeline {
  /** From 0 to `end`, back to back. */
  bands: SyncBand[];
  outOfSyncMs: number;
  /** outOfSyncMs / end; null while no virtual time has passed. */
  outOfSyncShare: number | null;
}

/** `end` is the virtual time the timeline runs to (now). */
export function syncTimeline(
  records: readonly AuditRecord[],
  lane: ClusterName,
  end: number,
): SyncTimeline {
  const bands: SyncBand[] = [{ start: 0, end, inSync: true }];
  for (const r of records) {
    if (r.cluster !== lane || r.channel !== 'observer' || r.verb !== 'observe') continue;
    const inSync = r.operation?.inSync;
    if (inSync === undefined || r.t > end) continue;
    const last = bands[bands.length - 1]!;
    if (last.inSync === inSync) continue;
    last.end = r.t;
    bands.push({ start: r.t, end, inSync });
  }
  // A flip at time 0, or two in one instant, leaves an empty band behind; it draws nothing.
  const kept = bands.filter((b) => b.end > b.start);
  const outOfSyncMs = kept.reduce((sum, b) => sum + (b.inSync ? 0 : b.end - b.start), 0);
  return { bands: kept, outOfSyncMs, outOfSyncShare: end > 0 ? outOfSyncMs / end : null };
}

/** "DevOps out of sync 42% of the time; GitOps 3%". */
export function syncSummary(timelines: Record<ClusterName, SyncTimeline>): string {
  const { devops, gitops } = timelines;
  if (devops.outOfSyncShare === null || gitops.outOfSyncShare === null)
    return 'No virtual time has passed yet';
  const pct = (share: number) => `${Math.round(share * 100)}%`;
  return `DevOps out of sync ${pct(devops.outOfSyncShare)} of the time; GitOps ${pct(gitops.outOfSyncShare)}`;
}
