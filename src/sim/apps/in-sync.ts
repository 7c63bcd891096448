// Whether a lane's cluster matches Git: every object HEAD declares for the lane's apps exists live
// with every field its manifest sets equal to Git's value, and nothing the lane once created from
// Git is left behind (an orphan counts as out of sync). Fields the GitOps lane's
// ignoreDifferences names do not count. The same test for both lanes, so they compare fairly.
import { refKey, refOf, type Cluster, type HealthStatus, type KObject } from '../cluster';
import type { ConfigRepo } from '../git';
import { appHealth } from '../gitops/app-status';
import { reconcile, type ResourceDiff } from '../gitops/diff';
import type { IgnoreDifference } from '../gitops/ignore';
import { loadDesired, type AppSpec } from './apps';

export interface AppSyncView {
  inSyncWithGit: boolean;
  /** Keys of the objects that differ from Git (missing, modified, or orphaned). */
  differing: string[];
  /** Every object compared, with its field-level diff (Secret values masked). */
  resources: ResourceDiff[];
  health: HealthStatus;
  healthMessage?: string;
  /** Git HEAD's manifests for the app do not parse: the cluster cannot match them. */
  invalid: boolean;
}

export interface LaneSubject {
  cluster: Cluster;
  apps: readonly AppSpec[];
  /** Keys of live objects the lane created from Git for an app (tracked, or applied by CI). */
  createdKeys(app: AppSpec): string[];
  ignoreDifferences: readonly IgnoreDifference[];
}

export async function appSyncView(
  repo: ConfigRepo,
  head: string,
  lane: LaneSubject,
  app: AppSpec,
): Promise<AppSyncView> {
  const desired = await loadDesired(repo, head, app);
  const { cluster } = lane;
  const manifests = desired.objects.map((o) => o.manifest);
  const candidates = new Map<string, KObject>();
  for (const m of manifests) {
    const live = cluster.get(refOf(m));
    if (live) candidates.set(refKey(refOf(live)), live);
  }
  for (const key of lane.createdKeys(app)) {
    if (candidates.has(key)) continue;
    const obj = cluster.byKey(key);
    if (obj) candidates.set(key, obj);
  }
  const result = reconcile(manifests, [...candidates.values()], {
    ignore: lane.ignoreDifferences,
    managedFields: (key) => {
      const obj = candidates.get(key);
      return obj ? cluster.managedFields(refOf(obj)) : {};
    },
    namespaced: (kind) => cluster.kinds.forKind(kind)?.namespaced ?? true,
  });
  const differing = result.resources.filter((r) => r.status === 'OutOfSync').map((r) => r.key);
  const health = appHealth(
    result.resources
      .filter((r) => r.reason !== 'extra')
      .map((r) =>
        r.live
          ? { key: r.key, kind: r.kind, live: candidates.get(r.key)! }
          : { key: r.key, kind: r.kind },
      ),
  );
  const invalid = desired.errors.length > 0;
  return {
    inSyncWithGit: !invalid && differing.length === 0,
    differing,
    resources: result.resources,
    health: health.status,
    ...(health.message ? { healthMessage: health.message } : {}),
    invalid,
  };
}
