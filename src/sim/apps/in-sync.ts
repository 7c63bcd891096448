// Whether a lane's cluster matches Git: every object HEAD declares for the lane's apps exists live
// with every field its manifest sets equal to Git's value and no field that the last apply set
// (its last-applied-configuration) and Git dropped, and nothing the lane once created from Git is
// left behind (an orphan counts as out of sync). Fields the GitOps lane's
// ignoreDifferences names do not count. In an Argo CD lane its resource hooks (a migration Job)
// are tasks, not desired state: left out on both sides. The same test for both lanes otherwise.
import { liveCandidates, sameBasis, type ObservedApp, type ViewBasis } from '../cache/observed';
import { refOf, type Cluster } from '../cluster';
import { reconcile } from '../compare/diff';
import { rollUpHealth } from '../compare/health';
import { withoutHooks } from '../compare/hooks';
import type { IgnoreDifference } from '../compare/ignore';
import type { AppSyncView, ResourceDiff } from '../compare/types';
import type { ConfigRepo } from '../git';
import { loadDesired, type AppSpec } from './apps';

export interface LaneSubject {
  cluster: Cluster;
  apps: readonly AppSpec[];
  /** Keys of live objects the lane created from Git for an app (tracked, or applied by CI). */
  createdKeys(app: AppSpec): readonly string[];
  ignoreDifferences: readonly IgnoreDifference[];
  /** Argo CD runs its resource hooks as sync tasks: they are not the app's desired state. */
  hooksAreTasks?: boolean;
}

/**
 * @param cached what the cache layer keeps of the app for the observer (ClusterCache.of(cluster)
 *   .app(name).observed); without it the view is made afresh.
 * @param created the lane's `createdKeys(app)`, when the caller has them already.
 */
export async function appSyncView(
  repo: ConfigRepo,
  head: string,
  lane: LaneSubject,
  app: AppSpec,
  cached?: ObservedApp,
  created: readonly string[] = lane.createdKeys(app),
): Promise<AppSyncView> {
  const desired = await loadDesired(repo, head, app);
  const { cluster } = lane;
  // To Argo CD its hooks are tasks of a sync, not desired state (compare/hooks.ts); to kubectl
  // and Flux the annotation means nothing.
  const manifests = lane.hooksAreTasks ? withoutHooks(desired.manifests) : desired.manifests;
  const basis: ViewBasis = {
    cluster,
    version: cluster.version,
    kinds: cluster.kinds.generation,
    desired: desired.objects,
    created,
  };
  const noIgnore = lane.ignoreDifferences.length === 0;
  if (cached?.view && cached.basis && noIgnore && sameBasis(cached.basis, basis))
    return cached.view;
  const found = liveCandidates(manifests, basis, cached);
  const { candidates } = found;
  const live = lane.hooksAreTasks ? withoutHooks(found.live) : found.live;
  const opts = {
    ignore: lane.ignoreDifferences,
    managedFields: (key: string) => {
      const obj = candidates.get(key);
      return obj ? cluster.managedFields(refOf(obj)) : {};
    },
    namespaced: (kind: string) => cluster.kinds.forKind(kind)?.namespaced ?? true,
  };
  const result = cached
    ? cached.memo.run(manifests, live, cluster.kinds.generation, opts)
    : reconcile(manifests, live, opts);
  if (cached?.view && cached.from === result && cached.errors === desired.errors) {
    cached.basis = basis;
    return cached.view;
  }
  const differing = result.resources.filter((r) => r.status === 'OutOfSync').map((r) => r.key);
  const liveOf = (r: ResourceDiff) => candidates.get(r.key);
  const health = cached
    ? cached.health.rollUp(result.resources, cluster, liveOf)
    : rollUpHealth(result.resources, liveOf);
  const invalid = desired.errors.length > 0;
  const view: AppSyncView = {
    inSyncWithGit: !invalid && differing.length === 0,
    differing,
    resources: result.resources,
    health: health.status,
    ...(health.message ? { healthMessage: health.message } : {}),
    invalid,
  };
  if (cached) Object.assign(cached, { from: result, errors: desired.errors, view, basis });
  return view;
}
