// The pull lane: a reconciler in the cluster that polls Git, diffs each Application's desired state
// against what is live, and syncs by the policy (policy.ts), one Application per app. It runs the
// reconciler machine (machine.ts) on the sandbox clock and gives its states their effects: the
// comparison (compare.ts), the sync operations (operations.ts) and the watch (watch.ts).
// Credentials never leave the cluster: nothing outside it can push a change in.
import { createActor, fromPromise, type Actor, type SnapshotFrom } from 'xstate';
import { loadDesired, type AppSpec } from '../apps/apps';
import type { AuditLog } from '../audit';
import type { Rng, VirtualClock } from '../clock';
import type { Cluster, KObject } from '../cluster';
import { CodedError } from '../coded-error';
import type { ConfigRepo } from '../git';
import type { FaultTiming, Lane, LaneRollbackRequest } from '../lane';
import { observeTransitions, type Transition, type Transitions } from '../lanes/transitions';
import { SandboxError, type FaultKind } from '../sandbox-errors';
import { Applications, type Application, type Notification } from './applications';
import type { SyncStatusCode } from './app-status';
import { Comparer } from './compare';
import { rollbackTarget, type HistoryEntry } from './history';
import { reconcilerMachine, type WakeEvent, type WakeReason } from './machine';
import { operationPlan, type SyncPreview } from './operation-plan';
import { Operations } from './operations';
import { gitopsOptions, type GitopsOptions } from './options';
import type { SyncFlags } from './sync-flags';
import { Watch } from './watch';

export type { Application, Notification, Operation } from './applications';
export { WATCH_LATENCY_MS } from './watch';

/** The machine event for each reason to reconcile (a poll or a recovery asks for a refresh). */
const WAKE_EVENTS: Readonly<Record<WakeReason, WakeEvent>> = {
  refresh: 'REFRESH',
  webhook: 'WEBHOOK',
  watch: 'WATCH',
  sync: 'SYNC',
  retry: 'RETRY',
  applied: 'APPLIED',
  poll: 'REFRESH',
  recovered: 'REFRESH',
};

export type ReconcilerState = 'idle' | 'fetching' | 'comparing' | 'syncing' | 'down';

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

export class GitopsError extends CodedError<'E_ROLLBACK_AUTOSYNC' | 'E_NO_HISTORY' | 'E_NO_APP'> {}

export class GitopsLane implements Lane<'gitops'> {
  readonly name = 'gitops';
  readonly channel = 'reconciler';
  /** The reconciler runs inside the cluster: no credential outside it can leak. */
  readonly ciToken = false;
  /** A reconciler has no pipeline. */
  readonly pipeline = null;
  readonly options: GitopsOptions;
  readonly apps: Application[];
  readonly notifications: Notification[];
  private readonly transitions: Transitions<ReconcilerState>;
  private readonly actor: Actor<typeof reconcilerMachine>;
  private readonly branch: string;
  private readonly applications: Applications;
  private readonly operations: Operations;
  private readonly comparer: Comparer;
  private readonly watch: Watch;
  /** Git HEAD as the last successful fetch saw it. */
  private fetched: string | null = null;
  private nextPollAt = 0;
  private gitDownUntil = -1;

  constructor(private readonly deps: GitopsDeps) {
    this.options = gitopsOptions(deps.options);
    this.branch = deps.branch ?? 'main';
    const { repo, cluster, clock } = deps;
    const options = this.options;
    const wake = (reason: WakeReason) => this.send(reason);
    const applications = new Applications({ cluster, clock, audit: deps.audit }, deps.apps);
    const operations = new Operations({
      repo,
      cluster,
      clock,
      branch: this.branch,
      options,
      applications,
      fetched: () => this.fetched,
      diff: (app, desired) => this.comparer.diff(app, desired),
      done: () => this.actor.send({ type: 'SYNC_DONE' }),
      wake,
    });
    this.applications = applications;
    this.operations = operations;
    this.comparer = new Comparer({ repo, cluster, clock, options, applications, operations, wake });
    this.watch = new Watch({ clock, options, applications, wake });
    this.apps = applications.all;
    this.notifications = applications.notifications;
    const machine = reconcilerMachine.provide({
      delays: { pollDelay: () => Math.max(0, this.nextPollAt - clock.now()) },
      actors: {
        fetch: fromPromise(() => clock.track(this.fetch())),
        compare: fromPromise(({ input }) =>
          clock.track(this.comparer.compareAll(this.fetched, input.manual, input.reason)),
        ),
      },
      guards: {
        webhookEnabled: () => this.options.webhook,
        watchEnabled: () => this.options.flavour === 'argo',
      },
      actions: {
        startSync: () => operations.startNext(),
        fetchFailed: (_, { error }) => this.fetchFailed(error),
        reconciled: () => this.reconciled(),
        wentDown: () => operations.terminate('the application controller went down'),
      },
    });
    this.actor = createActor(machine, { clock });
    this.transitions = observeTransitions(this.actor, stateOf);
    deps.audit.subscribe((record) => this.watch.observe(record));
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

  /**
   * "Sync": a manual sync of every app (or one) to Git's current HEAD, or to `revision`, with
   * `argocd app sync`'s flags (sync-flags.ts).
   */
  sync(by: string, appName?: string, revision = 'HEAD', flags?: SyncFlags): void {
    for (const app of this.apps)
      if (!appName || app.spec.name === appName)
        this.operations.request({
          app,
          revision,
          kind: 'manual',
          by,
          selective: false,
          ...(flags ? { flags } : {}),
        });
    this.send('sync');
  }

  /** `argocd app terminate-op`: ends the app's running operation; false when none runs. */
  terminateOperation(appName: string): boolean {
    return this.operations.terminateApp(appName);
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
    const app = this.apps.find((a) => !opts.app || a.spec.name === opts.app);
    if (!app) throw new GitopsError('E_NO_APP', `there is no Application "${opts.app}"`);
    const target = rollbackTarget(app.history, opts.id);
    if (!target)
      throw new GitopsError(
        'E_NO_HISTORY',
        opts.id === undefined
          ? 'there is no earlier deployment in the history to roll back to'
          : `history id ${opts.id} not found`,
      );
    const disabled = this.options.automated;
    this.options.automated = false;
    this.applications.record(
      'rollback',
      app,
      target.revision,
      by,
      `rollback to history id ${target.id} (${target.revision.slice(0, 7)})${disabled ? '; auto-sync turned off first' : ''}`,
      { method: 'history' },
    );
    this.operations.request({
      app,
      revision: target.revision,
      kind: 'rollback',
      by,
      selective: false,
    });
    this.send('sync');
    return target;
  }

  /** Argo CD's history rollback (the sandbox's way in; GitopsError becomes SandboxError). */
  ownRollback(request: LaneRollbackRequest): Promise<string> {
    // A promise like the pipeline's (which reads Git): a refusal is its rejection.
    return new Promise((resolve) => resolve(this.historyRollback(request)));
  }

  private historyRollback(request: LaneRollbackRequest): string {
    if (request.method !== 'history')
      throw new SandboxError(
        'E_BAD_ROLLBACK',
        'rerun is a pipeline rollback: the GitOps lane has no pipeline to re-run',
      );
    try {
      const entry = this.rollback(request.by, {
        ...(typeof request.to === 'number' ? { id: request.to } : {}),
        ...(request.disableAutoSync ? { disableAutoSync: true } : {}),
        ...(request.app !== undefined ? { app: request.app } : {}),
      });
      return `rolling back to history id ${entry.id} (${entry.revision.slice(0, 7)})`;
    } catch (e) {
      if (e instanceof GitopsError) throw new SandboxError(e.code, e.message);
      throw e;
    }
  }

  setOption<K extends keyof GitopsOptions>(key: K, value: GitopsOptions[K]): void {
    // Switching tools brings that tool's timing with it (poll, jitter, apply interval, prune).
    if (key === 'flavour' && value !== this.options.flavour) {
      const defaults = gitopsOptions({ flavour: value as GitopsOptions['flavour'] });
      Object.assign(this.options, {
        pollInterval: defaults.pollInterval,
        jitter: defaults.jitter,
        applyInterval: defaults.applyInterval,
        prune: defaults.prune,
      });
    }
    this.options[key] = value;
    // A changed policy (prune, selfHeal or allowEmpty turned on) acts at the next comparison, as
    // in Argo (a changed Application spec is refreshed).
    const policyKeys = ['automated', 'selfHeal', 'prune', 'allowEmpty', 'suspend'];
    if (policyKeys.includes(key)) this.send('watch');
  }

  /**
   * The cluster was lost and recreated: the agent is bootstrapped again in it (as `flux bootstrap`
   * or an Argo CD install would be), with no history, and pulls everything from Git.
   */
  clusterLost(): void {
    this.operations.clear('the cluster was lost');
    this.applications.bootstrappedAgain();
    this.actor.send({ type: 'GO_DOWN' });
    this.actor.send({ type: 'RECOVER' });
  }

  // ---- faults ----------------------------------------------------------------------------------

  fault(kind: FaultKind, timing: FaultTiming): boolean {
    switch (kind) {
      case 'git-unreachable':
        this.gitUnreachable(timing.untilMs);
        return true;
      case 'reconciler-down':
        this.reconcilerDown(timing.untilMs);
        return true;
      default:
        return false;
    }
  }

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

  /** The last change of state and the event behind it (the UI marks it on the diagram). */
  get lastTransition(): Transition<ReconcilerState> | null {
    return this.transitions.last;
  }

  get snapshot(): SnapshotFrom<typeof reconcilerMachine> {
    return this.actor.getSnapshot();
  }

  get syncStatuses(): ReadonlyMap<string, SyncStatusCode> {
    const out = new Map<string, SyncStatusCode>();
    for (const app of this.apps) if (!out.has(app.spec.name)) out.set(app.spec.name, app.sync);
    return out;
  }

  get nextPoll(): number {
    return this.nextPollAt;
  }

  /**
   * What a manual Sync of Git HEAD would do now, per app: the plan that operation would run
   * (operation-plan.ts), and the resources it would change.
   */
  async preview(): Promise<SyncPreview[]> {
    const head = await this.deps.repo.resolve(this.branch);
    const out: SyncPreview[] = [];
    for (const app of this.apps) {
      const desired = await loadDesired(this.deps.repo, head, app.spec);
      // Manifests that do not parse have no diff: the plan is then a refusal.
      const result = desired.errors.length === 0 ? this.comparer.diff(app, desired) : null;
      const plan = operationPlan(
        { kind: 'manual', selective: false, revision: head },
        desired,
        () => result ?? this.comparer.diff(app, desired),
        this.options,
      );
      const resources = result?.resources.filter((r) => r.status === 'OutOfSync') ?? [];
      out.push({ app: app.spec.name, plan, resources });
    }
    return out;
  }

  /** The live objects an app tracks. */
  tracked(app: AppSpec): readonly KObject[] {
    return this.applications.tracked(app);
  }

  /** Their store keys, in the same order (the same array while the same objects are tracked). */
  trackedKeys(app: AppSpec): readonly string[] {
    return this.applications.trackedKeys(app);
  }

  // ---- machine effects -------------------------------------------------------------------------

  /** A request to reconcile; a busy controller queues it, a down one drops it (machine.ts). */
  private send(reason: WakeReason): void {
    this.actor.send({ type: WAKE_EVENTS[reason] });
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
      this.applications.setSync(app, 'Unknown');
    }
  }

  private reconciled(): void {
    const now = this.deps.clock.now();
    const jitter = this.options.jitter > 0 ? this.deps.rng.int(0, this.options.jitter) : 0;
    this.nextPollAt = now + this.options.pollInterval + jitter;
  }
}

function stateOf(snap: SnapshotFrom<typeof reconcilerMachine>): ReconcilerState {
  return (
    typeof snap.value === 'string' ? snap.value : Object.keys(snap.value)[0]!
  ) as ReconcilerState;
}
