// Whether a lane's cluster matches Git: every object HEAD declares for the lane's apps exists live
// with every field its manifest sets equal to Git's value, and nothing the lane once created from
// Git is left behind (an orphan counts as out of sync). Fields the GitOps lane's
// ignoreDifferences names do not count. The same test for both lanes, so they compare fairly.
import { refKey, refOf, type Cluster, type HealthStatus, type KObject } from '../cluster';
import type { ConfigRepo } from '../git';
import { appHealth } from '../gitops/app-status';
import { reconcile, ReconcileMemo, type ReconcileResult, type ResourceDiff } from '../gitops/diff';
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

// The store keys of the manifests Git declares for an app, per cluster: the same for the same
// manifests (shared per folder content) and the same kinds served.
const declared = new WeakMap<
  Cluster,
  WeakMap<readonly KObject[], { generation: number; list: string[]; set: Set<string> }>
>();

/** The store key of each manifest (in order), and as a set. */
export function declaredKeys(
  cluster: Cluster,
  manifests: readonly KObject[],
): { list: readonly string[]; set: ReadonlySet<string> } {
  let byManifests = declared.get(cluster);
  if (!byManifests) {
    byManifests = new WeakMap();
    declared.set(cluster, byManifests);
  }
  const generation = cluster.kinds.generation;
  const hit = byManifests.get(manifests);
  if (hit?.generation === generation) return hit;
  const list = manifests.map((m) => storeKey(cluster, m));
  const keys = { generation, list, set: new Set(list) };
  byManifests.set(manifests, keys);
  return keys;
}

export interface LaneSubject {
  cluster: Cluster;
  apps: readonly AppSpec[];
  /** Keys of live objects the lane created from Git for an app (tracked, or applied by CI). */
  createdKeys(app: AppSpec): string[];
  ignoreDifferences: readonly IgnoreDifference[];
}

interface ViewBasis {
  cluster: Cluster;
  version: number;
  desired: DesiredApp['objects'];
  created: readonly string[];
}

function sameBasis(a: ViewBasis, b: ViewBasis): boolean {
  return (
    a.cluster === b.cluster &&
    a.version === b.version &&
    a.desired === b.desired &&
    a.created.length === b.created.length &&
    a.created.every((key, i) => b.created[i] === key)
  );
}

/** One app's memo on one lane, the last result it gave and the view made from it. */
interface ViewMemo {
  memo: ReconcileMemo;
  /** What `view` was last found to hold for. */
  basis?: ViewBasis;
  from?: ReconcileResult;
  errors?: unknown;
  view?: AppSyncView;
}

/**
 * The last view of each app on each lane, with the reconcile memo it came from: the memo diffs
 * again only the pairs a commit or a write replaced, and hands back its last result when none
 * was; the view made from that result is then reused.
 */
export class SyncViews {
  private readonly last = new Map<LaneSubject, Map<string, ViewMemo>>();

  of(lane: LaneSubject, app: AppSpec): ViewMemo {
    let views = this.last.get(lane);
    if (!views) {
      views = new Map();
      this.last.set(lane, views);
    }
    let entry = views.get(app.name);
    if (!entry) {
      entry = { memo: new ReconcileMemo() };
      views.set(app.name, entry);
    }
    return entry;
  }
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
  const { manifests } = desired;
  const cached = views?.of(lane, app);
  // Nothing written to the cluster, and the same manifests and objects of the lane's: the same view.
  const basis = { cluster, version: cluster.version, desired: desired.objects, created };
  if (
    cached?.view &&
    cached.basis &&
    lane.ignoreDifferences.length === 0 &&
    sameBasis(cached.basis, basis)
  )
    return cached.view;
  const candidates = new Map<string, KObject>();
  // The store key of an object is its refKey.
  for (const key of declaredKeys(cluster, manifests).list) {
    const live = cluster.byKey(key);
    if (live) candidates.set(key, live);
  }
  for (const key of created) {
    if (candidates.has(key)) continue;
    const obj = cluster.byKey(key);
    if (obj) candidates.set(key, obj);
  }
  const opts = {
    ignore: lane.ignoreDifferences,
    managedFields: (key: string) => {
      const obj = candidates.get(key);
      return obj ? cluster.managedFields(refOf(obj)) : {};
    },
    namespaced: (kind: string) => cluster.kinds.forKind(kind)?.namespaced ?? true,
    liveFromCluster: true as const,
  };
  const live = [...candidates.values()];
  const result = cached
    ? cached.memo.run(manifests, live, cluster.kinds.generation, opts)
    : reconcile(manifests, live, opts);
  if (cached?.view && cached.from === result && cached.errors === desired.errors) {
    cached.basis = basis;
    return cached.view;
  }
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
  if (cached) Object.assign(cached, { from: result, errors: desired.errors, view, basis });
  return view;
}
