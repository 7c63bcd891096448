// A lane's status as reports and views show it, the same shape for both lanes: the sync status of
// a lane that has one (GitOps), the state of a lane's pipeline run (DevOps), health (worst over the lane's objects, in Argo's order), and
// whether the cluster matches Git, with a breakdown per app. The lane's status is the worst over
// its apps.
import type { ClusterName } from './audit';
import { worstHealth, type HealthStatus } from './cluster';
import { safeRecord } from './safe-keys';
import type { PipelineState } from './devops/lane';
import type { SyncStatusCode } from './gitops/app-status';
import type { Sandbox } from './sandbox';

export interface AppStatus {
  sync: SyncStatusCode | null;
  health: HealthStatus;
  inSyncWithGit: boolean;
}

export interface LaneStatus {
  sync: SyncStatusCode | null;
  health: HealthStatus;
  pipeline: Exclude<PipelineState, 'idle'> | null;
  inSyncWithGit: boolean;
  apps: Record<string, AppStatus>;
}

const SYNC_ORDER: readonly SyncStatusCode[] = ['Synced', 'OutOfSync', 'Unknown'];

function worstSync(values: SyncStatusCode[]): SyncStatusCode {
  return values.reduce<SyncStatusCode>(
    (w, v) => (SYNC_ORDER.indexOf(v) > SYNC_ORDER.indexOf(w) ? v : w),
    'Synced',
  );
}

/** WARNING: reads the observer's latest check; call `sandbox.settle()` first for a current answer. */
export function laneStatus(sandbox: Sandbox, lane: ClusterName): LaneStatus {
  const observed = sandbox.observer.observation(lane);
  const { syncStatuses, pipeline } = sandbox.lanes[lane];
  const apps = safeRecord<AppStatus>();
  for (const spec of sandbox.apps) {
    const view = observed?.apps[spec.name];
    apps[spec.name] = {
      sync: syncStatuses?.get(spec.name) ?? null,
      health: view?.health ?? 'Unknown',
      inSyncWithGit: view?.inSyncWithGit ?? false,
    };
  }
  const list = Object.values(apps);
  return {
    sync: syncStatuses ? worstSync(list.map((a) => a.sync ?? 'Unknown')) : null,
    health: worstHealth(list.map((a) => a.health)),
    pipeline,
    inSyncWithGit: list.every((a) => a.inSyncWithGit),
    apps,
  };
}
