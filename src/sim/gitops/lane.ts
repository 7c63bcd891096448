// The pull lane: a reconciler in the cluster that polls Git, diffs each Application's desired state
// against what is live, and syncs by the policy (policy.ts), one Application per app. It runs the
// reconciler machine (machine.ts) on the sandbox clock and gives its states their effects.
// Credentials never leave the cluster: nothing outside it can push a change in.
import { createActor, fromPromise, type Actor, type SnapshotFrom } from 'xstate';
import { loadDesired, type AppSpec, type DesiredApp } from '../apps/apps';
import type { AuditLog, AuditRecord, OperationDetail } from '../audit';
import type { Rng, VirtualClock } from '../clock';
import { refKey, refOf, type Cluster, type HealthStatus, type KObject } from '../cluster';
import type { ConfigRepo } from '../git';
import { appHealth, type OperationPhase, type SyncStatusCode } from './app-status';
import { reconcile, type ResourceDiff } from './diff';
import { addHistory, rollbackTarget, type HistoryEntry } from './history';
import { reconcilerMachine, type WakeReason } from './machine';
import { gitopsOptions, type GitopsOptions } from './options';
import { autoSyncDecision, retryDelay, type AttemptState, type HealState } from './policy';
import { planSync, WAVE_DELAY_MS, type SyncPlan } from './sync-plan';
import { isTrackedBy, SyncOperation, type TaskResult } from './sync-run';

export type ReconcilerState = 'idle' | 'fetching' | 'comparing' | 'syncing' | 'down';

export interface Operation {
  phase: OperationPhase;
  revision: string;
  startedAt: number;
  finishedAt?: number;
  message: string;
  initiatedBy: { username: string; automated: boolean };
  kind: 'auto' | 'heal' | 'manual' | 'rollback' | 'retry';
  results: TaskResult[];
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

interface QueuedSync {
  app: Application;
  /** A sha, or `HEAD`: resolved to what the fetch before the sync saw. */
  revision: string;
  kind: Operation['kind'];
  by: string;
  selective: boolean;
}

export interface GitopsDeps {
  repo: ConfigRepo;
  cluster: Cluster;
  clock: VirtualClock;
  rng: Rng;
  audit: AuditLog;
  apps: AppSpec[];
  branch?: string;
  options?: Partial<GitopsOptions>;
}

export class GitopsError extends Error {
  constructor(
    readonly code: 'E_ROLLBACK_AUTOSYNC' | 'E_NO_HISTORY' | 'E_RECONCILER_DOWN',
    message: string,
  ) {
    super(message);
    this.name = 'GitopsError';
  }
}

const CONTROLLER = 'argocd-application-controller';
/**
 * From a live change to the reconciler comparing: the watch event, then the app's refresh in the
 * controller's queue. Argo CD notices drift "almost at once"; a second is a fair model of it.
 */
export const WATCH_LATENCY_MS = 1_000;

export class GitopsLane {
  readonly options: GitopsOptions;
  readonly apps: Application[];
  readonly notifications: Notification[] = [];
  lastTransition: { from: ReconcilerState; to: ReconcilerState; event: string } | null = null;
  private previousState: ReconcilerState = 'fetching';
  private readonly actor: Actor<typeof reconcilerMachine>;
  private readonly branch: string;
  /** Git HEAD as the last successful fetch saw it. */
  private fetched: string | null = null;
  private queue: QueuedSync[] = [];
  private pendingManual: QueuedSync[] = [];
  private pending: WakeReason | null = null;
  private nextPollAt = 0;
  private lastApplyAt = -Infinity;
  private gitDownUntil = -1;
  private watchScheduled = false;
  private healthScheduled = false;
  private waveTimer: number | null = null;
  private running: { op: Operation; sync: SyncOperation; app: Application } | null = null;

  constructor(private readonly deps: GitopsDeps) {
    this.options = gitopsOptions(deps.options);
    this.branch = deps.branch ?? 'main';
    this.apps = deps.apps.map((spec) => ({
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
    }));
    const machine = reconcilerMachine.provide({
      delays: { pollDelay: () => Math.max(0, this.nextPollAt - deps.clock.now()) },
      actors: {
        fetch: fromPromise(() => deps.clock.track(this.fetch())),
        compare: fromPromise(({ input }) =>
          deps.clock.track(this.compareAll(input.manual, input.reason)),
        ),
      },
      guards: {
        webhookEnabled: () => this.options.webhook,
        watchEnabled: () => this.options.flavour === 'argo',
      },
      actions: {
        startSync: () => this.startNextSync(),
        fetchFailed: (_, { error }) => this.fetchFailed(error),
        reconciled: () => this.reconciled(),
        wentDown: () => this.running?.sync.terminate('the application controller went down'),
      },
    });
    this.actor = createActor(machine, {
      clock: deps.clock,
      inspect: (ev) => {
        if (ev.type !== '@xstate.snapshot' || ev.actorRef !== this.actor) return;
        const now = stateOf(ev.snapshot as SnapshotFrom<typeof reconcilerMachine>);
        if (now !== this.previousState)
          this.lastTransition = { from: this.previousState, to: now, event: ev.event.type };
        this.previousState = now;
      },
    });
    deps.audit.subscribe((record) => this.observe(record));
    this.actor.start();
  }

  // ---- what people do --------------------------------------------------------------------------

  /** A push webhook (only acts when the `webhook` option is on, as after setting one up). */
  webhook(): void {
    this.send('webhook');
  }

  /** "Refresh": compare now, restarting the poll wait. */
  refresh(): void {
    this.send('refresh');
  }

  /** "Sync": a manual sync of every app (or one) to Git's current HEAD. */
  sync(by: string, appName?: string): void {
    for (const app of this.apps)
      if (!appName || app.spec.name === appName)
        this.pendingManual.push({ app, revision: 'HEAD', kind: 'manual', by, selective: false });
    this.send('sync');
  }

  /**
   * Rollback to a history id (default: the previous entry). Refused while auto-sync is on, as Argo
   * CD refuses it; `disableAutoSync` first turns it off, as Argo's UI offers to.
   */
  rollback(
    by: string,
    opts: { id?: number; app?: string; disableAutoSync?: boolean } = {},
  ): HistoryEntry {
    if (this.options.automated && !opts.disableAutoSync)
      throw new GitopsError(
        'E_ROLLBACK_AUTOSYNC',
        'rollback cannot be initiated when auto-sync is enabled',
      );
    const app = this.apps.find((a) => !opts.app || a.spec.name === opts.app)!;
    const target = rollbackTarget(app.history, opts.id);
    if (!target)
      throw new GitopsError(
        'E_NO_HISTORY',
        opts.id === undefined
          ? 'there is no earlier deployment in the history to roll back to'
          : `history id ${opts.id} not found`,
      );
    if (this.options.automated) this.options.automated = false;
    this.record(
      'rollback',
      app,
      target.revision,
      by,
      `rollback to history id ${target.id} (${target.revision.slice(0, 7)}); auto-sync disabled`,
      { method: 'history' },
    );
    this.pendingManual.push({
      app,
      revision: target.revision,
      kind: 'rollback',
      by,
      selective: false,
    });
    this.send('sync');
    return target;
  }

  setOption<K extends keyof GitopsOptions>(key: K, value: GitopsOptions[K]): void {
    this.options[key] = value;
    // A changed policy (prune or selfHeal turned on) acts at the next comparison, as in Argo.
    if (key === 'automated' || key === 'selfHeal' || key === 'prune' || key === 'suspend')
      this.send('watch');
  }

  /**
   * The cluster was lost and recreated: the agent is bootstrapped again in it (as `flux bootstrap`
   * or an Argo CD install would be), with no history, and pulls everything from Git.
   */
  reinstall(): void {
    this.running?.sync.terminate('the cluster was lost');
    if (this.waveTimer !== null) this.deps.clock.cancel(this.waveTimer);
    this.running = null;
    this.queue = [];
    this.pendingManual = [];
    for (const app of this.apps) {
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
    this.actor.send({ type: 'GO_DOWN' });
    this.actor.send({ type: 'RECOVER' });
  }

  // ---- faults ----------------------------------------------------------------------------------

  gitUnreachable(untilMs: number): void {
    this.gitDownUntil = untilMs;
  }

  reconcilerDown(untilMs: number): void {
    this.actor.send({ type: 'GO_DOWN' });
    this.deps.clock.schedule(
      untilMs - this.deps.clock.now(),
      () => this.actor.send({ type: 'RECOVER' }),
      'reconciler-recovers',
    );
  }

  // ---- views -----------------------------------------------------------------------------------

  get state(): ReconcilerState {
    return stateOf(this.actor.getSnapshot());
  }

  get snapshot(): SnapshotFrom<typeof reconcilerMachine> {
    return this.actor.getSnapshot();
  }

  get nextPoll(): number {
    return this.nextPollAt;
  }

  /** What a manual sync would change now, per app (the sync plan preview). */
  async preview(): Promise<{ app: string; plan: SyncPlan; resources: ResourceDiff[] }[]> {
    const head = await this.deps.repo.resolve(this.branch);
    const out = [];
    for (const app of this.apps) {
      const desired = await loadDesired(this.deps.repo, head, app.spec);
      const result = this.diff(app, desired);
      out.push({
        app: app.spec.name,
        plan: planSync(result, {
          prune: this.options.prune,
          allowEmpty: this.options.allowEmpty,
          desiredCount: desired.objects.length,
          revision: head,
        }),
        resources: result.resources.filter((r) => r.status === 'OutOfSync'),
      });
    }
    return out;
  }

  /** The live objects an app tracks. */
  tracked(app: AppSpec): KObject[] {
    return this.deps.cluster.list().filter((o) => isTrackedBy(o, app.name));
  }

  // ---- machine effects -------------------------------------------------------------------------

  private send(reason: WakeReason): void {
    if (this.state === 'down') return;
    if (this.state !== 'idle') {
      // Busy: remember the request; it runs when the controller is idle again.
      this.pending = this.pending === 'sync' ? 'sync' : reason;
      return;
    }
    const type = (
      {
        refresh: 'REFRESH',
        webhook: 'WEBHOOK',
        watch: 'WATCH',
        sync: 'SYNC',
        retry: 'RETRY',
        poll: 'REFRESH',
        recovered: 'REFRESH',
      } as const
    )[reason];
    this.actor.send({ type });
  }

  private async fetch(): Promise<void> {
    if (this.deps.clock.now() < this.gitDownUntil) {
      throw new Error(
        `rpc error: code = Unknown desc = failed to fetch ${this.branch}: repository not accessible: dial tcp: i/o timeout`,
      );
    }
    this.fetched = await this.deps.repo.resolve(this.branch);
  }

  private fetchFailed(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    for (const app of this.apps) {
      app.conditions = [{ type: 'ComparisonError', message }];
      this.setSync(app, 'Unknown');
    }
  }

  private reconciled(): void {
    const now = this.deps.clock.now();
    const jitter = this.options.jitter > 0 ? this.deps.rng.int(0, this.options.jitter) : 0;
    this.nextPollAt = now + this.options.pollInterval + jitter;
    if (this.pending) {
      const reason = this.pending;
      this.pending = null;
      this.deps.clock.schedule(0, () => this.send(reason), 'reconciler-pending');
    }
  }

  private diff(app: Application, desired: DesiredApp) {
    const cluster = this.deps.cluster;
    const live = this.tracked(app.spec);
    const byKey = new Map(live.map((o) => [refKey(refOf(o)), o]));
    return reconcile(
      desired.objects.map((o) => o.manifest),
      live,
      {
        ignore: this.options.ignoreDifferences,
        managedFields: (key) => {
          const obj = byKey.get(key);
          return obj ? cluster.managedFields(refOf(obj)) : {};
        },
        namespaced: (kind) => cluster.kinds.forKind(kind)?.namespaced ?? true,
      },
    );
  }

  /** Compares every app; queues the syncs the policy (or a person) asks for. True: sync now. */
  private async compareAll(manual: boolean, reason: WakeReason): Promise<boolean> {
    const head = this.fetched;
    if (head === null) return false;
    const now = this.deps.clock.now();
    const flux = this.options.flavour === 'flux';
    // Flux applies at its interval, or at once for a new source revision it has not tried yet.
    const fluxApplyDue =
      flux &&
      (now - this.lastApplyAt >= this.options.applyInterval ||
        this.apps.some((a) => a.syncedRevision !== head && a.lastAttempt?.revision !== head));
    for (const app of this.apps) {
      const desired = await loadDesired(this.deps.repo, head, app.spec);
      app.comparedTo = head;
      app.reconciledAt = now;
      if (desired.errors.length > 0) {
        app.conditions = [
          {
            type: 'ComparisonError',
            message: desired.errors
              .map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`)
              .join('; '),
          },
        ];
        app.policy = 'cannot compare: manifests do not parse';
        this.setSync(app, 'Unknown');
        continue;
      }
      app.conditions = [];
      // Flux does not watch live objects: between apply intervals it knows only its last apply.
      if (!flux || fluxApplyDue) {
        const result = this.diff(app, desired);
        app.resources = result.resources;
        this.setSync(
          app,
          flux
            ? result.sync === 'OutOfSync' || app.syncedRevision !== head
              ? 'OutOfSync'
              : 'Synced'
            : result.sync,
        );
        if (flux) {
          if (!this.options.suspend && (reason !== 'watch' || manual))
            this.queue.push({
              app,
              revision: head,
              kind: 'auto',
              by: CONTROLLER,
              selective: false,
            });
          app.policy = this.options.suspend
            ? 'suspended'
            : 'Kustomization interval: full server-side apply';
        } else {
          this.decide(app, head, result.onlyPruneNeeded);
        }
      } else {
        this.setSync(
          app,
          app.syncedRevision === head && app.lastAttempt?.failed !== true ? 'Synced' : 'OutOfSync',
        );
        app.policy = `next apply in ${Math.round((this.lastApplyAt + this.options.applyInterval - now) / 1000)}s`;
      }
      this.refreshAppHealth(app);
    }
    if (manual) {
      for (const m of this.pendingManual)
        this.queue.push({ ...m, revision: m.revision === 'HEAD' ? head : m.revision });
      this.pendingManual = [];
    }
    return this.queue.length > 0;
  }

  private decide(app: Application, head: string, onlyPruneNeeded: boolean): void {
    const now = this.deps.clock.now();
    const d = autoSyncDecision({
      options: this.options,
      sync: app.sync,
      onlyPruneNeeded,
      revision: head,
      syncedRevision: app.syncedRevision,
      lastAttempt: app.lastAttempt,
      heal: app.heal,
      now,
    });
    app.policy = d.reason;
    if (d.action === 'sync')
      this.queue.push({ app, revision: head, kind: 'auto', by: CONTROLLER, selective: false });
    else if (d.action === 'heal')
      this.queue.push({ app, revision: head, kind: 'heal', by: CONTROLLER, selective: true });
    else if (d.action === 'wait')
      this.deps.clock.schedule(d.untilMs - now, () => this.send('watch'), 'self-heal-backoff');
  }

  private startNextSync(): void {
    const next = this.queue.shift();
    if (!next) {
      this.actor.send({ type: 'SYNC_DONE' });
      return;
    }
    void this.deps.clock.track(this.beginSync(next));
  }

  private async beginSync(q: QueuedSync): Promise<void> {
    const { app } = q;
    const revision =
      q.revision === 'HEAD'
        ? (this.fetched ?? (await this.deps.repo.resolve(this.branch)))
        : q.revision;
    const desired = await loadDesired(this.deps.repo, revision, app.spec);
    const now = this.deps.clock.now();
    const automated = q.by === CONTROLLER;
    const op: Operation = {
      phase: 'Running',
      revision,
      startedAt: now,
      message: 'running',
      initiatedBy: { username: automated ? 'automated sync policy' : q.by, automated },
      kind: q.kind,
      results: [],
    };
    app.operation = op;
    this.record(
      'deploy-started',
      app,
      revision,
      automated ? 'reconciler' : q.by,
      `${op.initiatedBy.username} initiated ${q.kind === 'heal' ? 'self-heal ' : ''}sync to ${revision.slice(0, 7)}`,
      { trigger: q.kind },
    );
    if (q.kind === 'heal') app.heal = { attempts: app.heal.attempts + 1, lastAt: now };
    const plan: SyncPlan =
      desired.errors.length > 0
        ? {
            waves: [],
            skippedPrune: [],
            warnings: [],
            refused: {
              code: 'ComparisonError',
              message: `ComparisonError: ${desired.errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`).join('; ')}`,
            },
          }
        : planSync(this.diff(app, desired), {
            prune: this.options.prune,
            // Argo guards only automated syncs against pruning everything; a person may.
            allowEmpty: this.options.allowEmpty || q.kind === 'manual' || q.kind === 'rollback',
            selective: q.selective,
            desiredCount: desired.objects.length,
            revision,
          });
    const sync = new SyncOperation(this.deps.cluster, app.spec.name, plan, {
      actor: 'reconciler',
      channel: 'reconciler',
      manager: 'argocd-controller',
      revision,
    });
    this.running = { op, sync, app };
    this.stepSync();
  }

  private stepSync(): void {
    const run = this.running;
    if (!run) return;
    run.sync.step();
    run.op.results = run.sync.state.results;
    run.op.message = run.sync.state.message;
    if (!run.sync.done) {
      this.waveTimer = this.deps.clock.schedule(WAVE_DELAY_MS, () => this.stepSync(), 'sync-wave');
      return;
    }
    this.finishSync(run);
  }

  private finishSync({
    op,
    sync,
    app,
  }: {
    op: Operation;
    sync: SyncOperation;
    app: Application;
  }): void {
    const now = this.deps.clock.now();
    this.running = null;
    this.waveTimer = null;
    op.phase = sync.state.phase;
    op.finishedAt = now;
    this.lastApplyAt = now;
    const by = op.initiatedBy.automated ? 'reconciler' : op.initiatedBy.username;
    if (op.phase === 'Succeeded') {
      app.history = addHistory(app.history, {
        revision: op.revision,
        deployStartedAt: op.startedAt,
        deployedAt: now,
        initiatedBy: op.initiatedBy,
      });
      if (op.kind !== 'heal') app.heal = { attempts: 0, lastAt: null };
      app.syncedRevision = op.revision;
      app.lastAttempt = { revision: op.revision, failed: false, retries: 0 };
      this.record(
        'deploy-succeeded',
        app,
        op.revision,
        by,
        `Sync operation to ${op.revision.slice(0, 7)} succeeded`,
        { trigger: op.kind },
      );
      this.notify(
        'on-sync-succeeded',
        app,
        `Sync operation to ${op.revision.slice(0, 7)} succeeded`,
      );
    } else {
      const retries =
        app.lastAttempt?.revision === op.revision && app.lastAttempt.failed
          ? app.lastAttempt.retries + (op.kind === 'retry' ? 1 : 0)
          : 0;
      app.lastAttempt = { revision: op.revision, failed: true, retries, message: op.message };
      this.record(
        'deploy-failed',
        app,
        op.revision,
        by,
        `Sync operation to ${op.revision.slice(0, 7)} failed: ${op.message}`,
        { trigger: op.kind },
      );
      this.notify('on-sync-failed', app, op.message);
      const retry = this.options.retry;
      if (retry && op.kind !== 'manual' && retries < retry.limit) {
        this.deps.clock.schedule(
          retryDelay(retries, retry),
          () => {
            if (app.lastAttempt?.failed && app.lastAttempt.revision === op.revision) {
              this.queue.push({
                app,
                revision: op.revision,
                kind: 'retry',
                by: CONTROLLER,
                selective: false,
              });
              this.send('retry');
            }
          },
          'sync-retry',
        );
      }
    }
    if (this.queue.length > 0) return this.startNextSync();
    this.actor.send({ type: 'SYNC_DONE' });
    // Argo refreshes an app after its sync: compare again to show the new state.
    this.send('watch');
  }

  // ---- status and the trail --------------------------------------------------------------------

  private setSync(app: Application, sync: SyncStatusCode): void {
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

  private refreshAppHealth(app: Application): void {
    const live = new Map(this.tracked(app.spec).map((o) => [refKey(refOf(o)), o]));
    const inputs = app.resources
      .filter((r) => r.reason !== 'extra')
      .map((r) => {
        const obj = live.get(r.key);
        return obj ? { key: r.key, kind: r.kind, live: obj } : { key: r.key, kind: r.kind };
      });
    const health = appHealth(inputs);
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

  /** The watch: Argo notices a change to a live object it tracks almost at once. */
  private observe(record: AuditRecord): void {
    if (record.cluster !== 'gitops' || record.channel === 'reconciler' || record.object === '*') {
      if (record.object === '*' && record.cluster === 'gitops') this.scheduleWatch();
      return;
    }
    if (record.verb !== 'create' && record.verb !== 'update' && record.verb !== 'delete') return;
    const specChange =
      record.verb === 'delete' || record.changes.some((c) => !c.path.startsWith('status'));
    if (this.apps.some((a) => a.resources.some((r) => r.key === record.object)) && specChange)
      this.scheduleWatch();
    else this.scheduleHealth();
  }

  private scheduleWatch(): void {
    if (this.watchScheduled || this.options.flavour !== 'argo') return this.scheduleHealth();
    this.watchScheduled = true;
    this.deps.clock.schedule(
      WATCH_LATENCY_MS,
      () => {
        this.watchScheduled = false;
        this.send('watch');
      },
      'watch',
    );
  }

  private scheduleHealth(): void {
    if (this.healthScheduled) return;
    this.healthScheduled = true;
    this.deps.clock.schedule(
      0,
      () => {
        this.healthScheduled = false;
        for (const app of this.apps) this.refreshAppHealth(app);
      },
      'health',
    );
  }

  private record(
    verb: 'deploy-started' | 'deploy-succeeded' | 'deploy-failed' | 'status' | 'rollback',
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

  private notify(trigger: Notification['trigger'], app: Application, message: string): void {
    this.notifications.push({ t: this.deps.clock.now(), trigger, app: app.spec.name, message });
  }
}

function stateOf(snap: SnapshotFrom<typeof reconcilerMachine>): ReconcilerState {
  return (
    typeof snap.value === 'string' ? snap.value : Object.keys(snap.value)[0]!
  ) as ReconcilerState;
}
