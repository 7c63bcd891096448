// Comparing: each Application's desired state at the fetched revision against what is live, its
// sync status set from the diff, and the syncs the automated policy (policy.ts) asks for queued.
import { loadDesired, type DesiredApp } from '../apps/apps';
import { ClusterCache } from '../cache/cluster-cache';
import type { VirtualClock } from '../clock';
import { refKey, refOf, type Cluster, type KObject } from '../cluster';
import { withoutHooks } from '../compare/hooks';
import type { ReconcileResult, ResourceDiff } from '../compare/types';
import type { ConfigRepo } from '../git';
import type { Application, Applications } from './applications';
import type { WakeReason } from './machine';
import { CONTROLLER, type Operations } from './operations';
import { comparisonErrorMessage } from './comparison-error';
import { pruneDisabled } from './flux-apply';
import type { GitopsOptions } from './options';
import { autoSyncDecision } from './policy';

export interface CompareDeps {
  repo: ConfigRepo;
  cluster: Cluster;
  clock: VirtualClock;
  options: GitopsOptions;
  applications: Applications;
  operations: Operations;
  wake: (reason: WakeReason) => void;
}

/** Flux drops an object whose prune is disabled from its inventory once Git no longer has it. */
function fluxInventory(resources: ResourceDiff[]): ResourceDiff[] {
  return resources.filter((r) => !(r.requiresPruning && pruneDisabled(r.live)));
}

export class Comparer {
  constructor(private readonly deps: CompareDeps) {}

  /** The app's diff, from the cache layer: only objects replaced since the last are diffed again. */
  diff(app: Application, desired: DesiredApp): ReconcileResult {
    const cluster = this.deps.cluster;
    const live = this.deps.applications.tracked(app.spec);
    const memo = ClusterCache.of(cluster).app(app.spec.name).reconciled;
    let byKey: Map<string, KObject> | null = null;
    // Argo CD leaves its hooks out of the diff (compare/hooks.ts); to Flux they are plain objects.
    const manifests =
      this.deps.options.flavour === 'argo' ? withoutHooks(desired.manifests) : desired.manifests;
    return memo.run(manifests, live, cluster.kinds.generation, {
      ignore: this.deps.options.ignoreDifferences,
      managedFields: (key) => {
        byKey ??= new Map(live.map((o) => [refKey(refOf(o)), o]));
        const obj = byKey.get(key);
        return obj ? cluster.managedFields(refOf(obj)) : {};
      },
      namespaced: (kind) => cluster.kinds.forKind(kind)?.namespaced ?? true,
    });
  }

  /**
   * Compares every app against `head` (what the fetch saw); queues the syncs the policy (or a
   * person) asks for. True: sync now.
   */
  async compareAll(head: string | null, manual: boolean, reason: WakeReason): Promise<boolean> {
    if (head === null) return false;
    const { options, applications, operations } = this.deps;
    const now = this.deps.clock.now();
    const flux = options.flavour === 'flux';
    const apps = applications.all;
    // Flux applies at its interval, or at once for a new source revision it has not tried yet.
    const fluxApplyDue =
      flux &&
      (now - operations.lastApplyAt >= options.applyInterval ||
        apps.some((a) => a.syncedRevision !== head && a.lastAttempt?.revision !== head));
    for (const app of apps) {
      const desired = await loadDesired(this.deps.repo, head, app.spec);
      app.comparedTo = head;
      app.reconciledAt = now;
      if (desired.errors.length > 0) {
        app.conditions = [
          {
            type: 'ComparisonError',
            message: comparisonErrorMessage(desired.errors),
          },
        ];
        app.policy = 'cannot compare: manifests do not parse';
        applications.setSync(app, 'Unknown');
        continue;
      }
      app.conditions = [];
      // Flux does not watch live objects: between apply intervals it knows only its last apply.
      if (!flux || fluxApplyDue) {
        const result = this.diff(app, desired);
        const resources = flux ? fluxInventory(result.resources) : result.resources;
        app.resources = resources;
        applications.setSync(
          app,
          flux
            ? resources.some((r) => r.status !== 'Synced') || app.syncedRevision !== head
              ? 'OutOfSync'
              : 'Synced'
            : result.sync,
        );
        if (flux) {
          if (!options.suspend && (reason !== 'watch' || manual))
            operations.enqueue({
              app,
              revision: head,
              kind: 'auto',
              by: CONTROLLER,
              selective: false,
            });
          app.policy = options.suspend
            ? 'suspended'
            : 'Kustomization interval: full server-side apply';
        } else {
          this.decide(app, head, result);
        }
      } else {
        // Right after its own apply Flux reports what that apply did (the Kustomization's
        // inventory and Ready condition); what happens after it stays unseen until the next one.
        if (operations.lastApplyAt === now)
          app.resources = fluxInventory(this.diff(app, desired).resources);
        applications.setSync(
          app,
          app.syncedRevision === head && app.lastAttempt?.failed !== true ? 'Synced' : 'OutOfSync',
        );
        app.policy = `next apply in ${Math.round((operations.lastApplyAt + options.applyInterval - now) / 1000)}s`;
      }
      applications.refreshHealth(app);
    }
    if (manual) operations.admitRequested(head);
    return operations.hasQueued;
  }

  private decide(app: Application, head: string, result: ReconcileResult): void {
    const now = this.deps.clock.now();
    const { resources } = result;
    const d = autoSyncDecision({
      options: this.deps.options,
      sync: app.sync,
      onlyPruneNeeded: result.onlyPruneNeeded,
      allNeedPrune: resources.length > 0 && resources.every((r) => r.requiresPruning),
      revision: head,
      syncedRevision: app.syncedRevision,
      lastAttempt: app.lastAttempt,
      heal: app.heal,
      now,
    });
    app.policy = d.reason;
    if (d.action === 'none' && d.condition) app.conditions = [...app.conditions, d.condition];
    const { operations } = this.deps;
    if (d.action === 'sync')
      operations.enqueue({ app, revision: head, kind: 'auto', by: CONTROLLER, selective: false });
    else if (d.action === 'heal')
      operations.enqueue({ app, revision: head, kind: 'heal', by: CONTROLLER, selective: true });
    else if (d.action === 'wait')
      this.deps.clock.schedule(d.untilMs - now, () => this.deps.wake('watch'), 'self-heal-backoff');
  }
}
