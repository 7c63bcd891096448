// The Applications the reconciler manages: their status record, and the bookkeeping that moves it
// (sync and health transitions written to the audit trail, notifications as Argo CD sends them).
import type { AppSpec } from '../apps/apps';
import type { AuditLog, OperationDetail } from '../audit';
import type { AppCache } from '../cache/app-cache';
import { ClusterCache } from '../cache/cluster-cache';
import type { VirtualClock } from '../clock';
import { type Cluster, type HealthStatus, type KObject } from '../cluster';
import { isTrackedBy } from '../compare/tracking';
import type { ResourceDiff } from '../compare/types';
import type { OperationPhase, SyncStatusCode } from './app-status';
import type { FluxOutcome } from './flux-ready';
import type { HistoryEntry } from './history';
import type { AttemptState, HealState } from './policy';
import type { TaskResult } from './sync-run';

export interface Operation {
  phase: OperationPhase;
  revision: string;
  startedAt: number;
  finishedAt?: number;
  message: string;
  initiatedBy: { username: string; automated: boolean };
  kind: 'auto' | 'heal' | 'manual' | 'rollback' | 'retry';
  results: TaskResult[];
  /** Flux: the reason the reconcile left on its Ready condition (flux-ready.ts). */
  reason?: FluxOutcome;
}

export interface Application {
  spec: AppSpec;
  sync: SyncStatusCode;
  health: HealthStatus;
  healthMessage?: string;
  /** The revision the last comparison was made against (Git HEAD when fetched). */
  comparedTo: string | null;
  /** The revision the last successful sync deployed. */
  syncedRevision: string | null;
  reconciledAt: number | null;
  resources: ResourceDiff[];
  conditions: { type: string; message: string }[];
  operation: Operation | null;
  history: HistoryEntry[];
  lastAttempt: AttemptState | null;
  heal: HealState;
  /** Why auto-sync did or did not act at the last comparison. */
  policy: string;
}

export interface Notification {
  t: number;
  trigger:
    | 'on-sync-succeeded'
    | 'on-sync-failed'
    | 'on-health-degraded'
    | 'on-deployed'
    | 'on-sync-status-unknown';
  app: string;
  message: string;
}

type TrailVerb = 'deploy-started' | 'deploy-succeeded' | 'deploy-failed' | 'status' | 'rollback';

export interface ApplicationsDeps {
  cluster: Cluster;
  clock: VirtualClock;
  audit: AuditLog;
}

/** An Application before its first comparison: Unknown, Missing, nothing synced or tried yet. */
export function newApplication(spec: AppSpec): Application {
  return {
    spec,
    sync: 'Unknown',
    health: 'Missing',
    comparedTo: null,
    syncedRevision: null,
    reconciledAt: null,
    resources: [],
    conditions: [],
    operation: null,
    history: [],
    lastAttempt: null,
    heal: { attempts: 0, lastAt: null },
    policy: '',
  };
}

export class Applications {
  readonly all: Application[];
  readonly notifications: Notification[] = [];
  /** The cluster's cache layer: each app's tracked objects, health roll-up, resource keys. */
  private readonly cache: ClusterCache;
  /** Each app's part of it, in the order of `all`. */
  private readonly caches: readonly AppCache[];

  constructor(
    private readonly deps: ApplicationsDeps,
    specs: AppSpec[],
  ) {
    this.cache = ClusterCache.of(deps.cluster);
    this.caches = specs.map((spec) => this.cache.app(spec.name));
    this.all = specs.map(newApplication);
  }

  /** The live objects an app tracks (kept by the cache layer from the cluster's journal). */
  tracked(app: AppSpec): readonly KObject[] {
    return this.cached(app).tracked.objects();
  }

  /** The store keys of the live objects an app tracks (the same array while the same ones). */
  trackedKeys(app: AppSpec): readonly string[] {
    return this.cached(app).tracked.keys();
  }

  /** Whether `key` is among the resources of an app at its last compare (the watch asks). */
  hasResource(key: string): boolean {
    // Asked for every write to the cluster: the apps' caches are at hand, in order.
    return this.all.some((app, i) => this.caches[i]!.resourceKeys(app.resources).has(key));
  }

  private cached(app: AppSpec) {
    return this.cache.app(app.name);
  }

  /** The agent was bootstrapped again in a new cluster: no history, nothing known of what is live. */
  bootstrappedAgain(): void {
    for (const app of this.all) {
      Object.assign(app, {
        sync: 'Unknown',
        health: 'Missing',
        syncedRevision: null,
        operation: null,
        history: [],
        lastAttempt: null,
        heal: { attempts: 0, lastAt: null },
        resources: [],
        conditions: [],
        policy: 'bootstrapped again after the cluster was lost',
      });
    }
  }

  setSync(app: Application, sync: SyncStatusCode): void {
    if (app.sync === sync) return;
    this.record(
      'status',
      app,
      app.comparedTo,
      'reconciler',
      `Updated sync status: ${app.sync} -> ${sync}`,
    );
    if (sync === 'Unknown')
      this.notify(
        'on-sync-status-unknown',
        app,
        app.conditions[0]?.message ?? 'sync status Unknown',
      );
    app.sync = sync;
  }

  refreshHealth(app: Application): void {
    const { cluster } = this.deps;
    // Only an object this app tracks counts (the store key of an object is its refKey).
    const health = this.cached(app.spec).health.rollUp(app.resources, cluster, (r) => {
      const obj = cluster.byKey(r.key);
      return obj && isTrackedBy(obj, app.spec.name) ? obj : undefined;
    });
    if (health.status === app.health) {
      app.healthMessage = health.message;
      return;
    }
    const before = app.health;
    app.health = health.status;
    app.healthMessage = health.message;
    this.record(
      'status',
      app,
      app.comparedTo,
      'reconciler',
      `Updated health status: ${before} -> ${health.status}`,
    );
    if (health.status === 'Degraded')
      this.notify('on-health-degraded', app, health.message ?? 'Degraded');
    if (
      health.status === 'Healthy' &&
      app.sync === 'Synced' &&
      app.operation?.phase === 'Succeeded'
    )
      this.notify(
        'on-deployed',
        app,
        `revision ${app.syncedRevision?.slice(0, 7)} is running and healthy`,
      );
  }

  record(
    verb: TrailVerb,
    app: Application,
    revision: string | null,
    actor: string,
    message: string,
    operation?: OperationDetail,
  ): void {
    this.deps.audit.append({
      cluster: 'gitops',
      actor,
      channel: 'reconciler',
      verb,
      object: `app/${app.spec.name}`,
      revision,
      changes: [],
      message,
      ...(operation ? { operation } : {}),
    });
  }

  notify(trigger: Notification['trigger'], app: Application, message: string): void {
    this.notifications.push({ t: this.deps.clock.now(), trigger, app: app.spec.name, message });
  }
}
