// Whether a lane's cluster matches Git: every object HEAD declares for the lane's apps exists live
// with every field its manifest sets equal to Git's value, and nothing the lane once created from
// Git is left behind (an orphan counts as out of sync). Fields the GitOps lane's
// ignoreDifferences names do not count. The same test for both lanes, so they compare fairly.
import { refKey, refOf, type Cluster, type HealthStatus, type KObject } from '../cluster';
import type { ConfigRepo } from '../git';
import { appHealth } from '../gitops/app-status';
import { reconcile, type ResourceDiff } from '../gitops/diff';
import type { IgnoreDifference } from '../gitops/ignore';
import { loadDesired, type AppSpec, type DesiredApp } from './apps';

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

// The store key of each Git manifest in each cluster (manifests are frozen and shared per tree;
// the key depends on which kinds the cluster serves as namespaced, hence the generation).
const keys = new WeakMap<Cluster, WeakMap<KObject, { generation: number; key: string }>>();

export function storeKey(cluster: Cluster, manifest: KObject): string {
  let byManifest = keys.get(cluster);
  if (!byManifest) {
    byManifest = new WeakMap();
    keys.set(cluster, byManifest);
  }
  const generation = cluster.kinds.generation;
  const hit = byManifest.get(manifest);
  if (hit?.generation === generation) return hit.key;
  const key = refKey(cluster.scoped(refOf(manifest)));
  if (Object.isFrozen(manifest)) byManifest.set(manifest, { generation, key });
  return key;
}

export interface LaneSubject {
  cluster: Cluster;
  apps: readonly AppSpec[];
  /** Keys of live objects the lane created from Git for an app (tracked, or applied by CI). */
  createdKeys(app: AppSpec): string[];
  ignoreDifferences: readonly IgnoreDifference[];
}

/** What one view was computed from. */
interface ViewInputs {
  objects: DesiredApp['objects'];
  errors: DesiredApp['errors'];
  kinds: number;
  live: [string, KObject][];
}

/**
 * The last view of each app on each lane, with its inputs: Git's manifests (shared per folder
 * content), the live objects compared (a cluster replaces an object on a write, never edits one)
 * and the kinds the cluster serves. Equal inputs give an equal view, so the last one is reused.
 * Only for lanes without ignore rules: those read field managers, which change in place.
 */
export class SyncViews {
  private readonly last = new Map<
    LaneSubject,
    Map<string, { inputs: ViewInputs; view: AppSyncView }>
  >();

  get(lane: LaneSubject, app: AppSpec, inputs: ViewInputs): AppSyncView | null {
    const hit = this.last.get(lane)?.get(app.name);
    return hit && sameInputs(hit.inputs, inputs) ? hit.view : null;
  }

  set(lane: LaneSubject, app: AppSpec, inputs: ViewInputs, view: AppSyncView): void {
    const views =
      this.last.get(lane) ?? new Map<string, { inputs: ViewInputs; view: AppSyncView }>();
    views.set(app.name, { inputs, view });
    this.last.set(lane, views);
  }
}

function sameInputs(a: ViewInputs, b: ViewInputs): boolean {
  return (
    a.objects === b.objects &&
    a.errors === b.errors &&
    a.kinds === b.kinds &&
    a.live.length === b.live.length &&
    a.live.every(([key, obj], i) => b.live[i]![0] === key && b.live[i]![1] === obj)
  );
}

/** @param created the lane's `createdKeys(app)`, when the caller has them already. */
export async function appSyncView(
  repo: ConfigRepo,
  head: string,
  lane: LaneSubject,
  app: AppSpec,
  views?: SyncViews,
  created: readonly string[] = lane.createdKeys(app),
): Promise<AppSyncView> {
  const desired = await loadDesired(repo, head, app);
  const { cluster } = lane;
  const manifests = desired.objects.map((o) => o.manifest);
  const candidates = new Map<string, KObject>();
  for (const m of manifests) {
    const live = cluster.byKey(storeKey(cluster, m));
    if (live) candidates.set(refKey(refOf(live)), live);
  }
  for (const key of created) {
    if (candidates.has(key)) continue;
    const obj = cluster.byKey(key);
    if (obj) candidates.set(key, obj);
  }
  const reusable = views !== undefined && lane.ignoreDifferences.length === 0;
  const inputs: ViewInputs = {
    objects: desired.objects,
    errors: desired.errors,
    kinds: cluster.kinds.generation,
    live: [...candidates],
  };
  const known = reusable ? views.get(lane, app, inputs) : null;
  if (known) return known;
  const result = reconcile(manifests, [...candidates.values()], {
    ignore: lane.ignoreDifferences,
    managedFields: (key) => {
      const obj = candidates.get(key);
      return obj ? cluster.managedFields(refOf(obj)) : {};
    },
    namespaced: (kind) => cluster.kinds.forKind(kind)?.namespaced ?? true,
    liveFromCluster: true,
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
  const view: AppSyncView = {
    inSyncWithGit: !invalid && differing.length === 0,
    differing,
    resources: result.resources,
    health: health.status,
    ...(health.message ? { healthMessage: health.message } : {}),
    invalid,
  };
  if (reusable) views.set(lane, app, inputs, view);
  return view;
}
