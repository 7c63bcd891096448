// The one place that wires the simulation together: the virtual clock and seeded RNG, the audit
// trail, the config repository, the two clusters (`devops` for the push lane, `gitops` for the
// pull lane), the two lanes, and the observer that checks both clusters against Git. Everything a
// runner, the CLI or the UI does to a simulation goes through here, so that every change lands in
// the one audit trail and both lanes see every commit on the watched branch.
//
// WARNING: in Node, import src/platform/node before this module (the browser entry imports
// src/platform/browser): isomorphic-git and lightning-fs need their globals first.
import { defaultApps, type AppSpec } from './apps/apps';
import { Observer } from './apps/observer';
import { AuditLog, recordRepoChange, type ClusterName } from './audit';
import { EPOCH_MS, Rng, VirtualClock, type HostPause } from './clock';
import type { RollbackMethod } from './audit';
import { Cluster, imageCatalog, type ImageBehaviour } from './cluster';
import { DevopsLane, type DevopsOptions } from './devops/lane';
import { ConfigRepo, type CommitOptions, type RepoChange } from './git';
import { GitopsLane } from './gitops/lane';
import type { GitopsOptions } from './gitops/options';
import type { KubectlResult } from './kubectl';
import type { LaneOptionsOf, Lanes } from './lane';

import { computeMetrics, type LaneMetrics } from './metrics';
import { injectFault, rollbackLane } from './rollback';
import type { FaultKind } from './sandbox-errors';
import { laneStatus, type LaneStatus } from './status';

// Loaded on first use: the console's parser and tables are not needed to show the first view.
// The promise is kept: an `import()` resolves its specifier again at every call (under a loader
// such as tsx's, a round trip to the loader's thread), and a sandbox runs kubectl thousands of times.
let kubectl: Promise<typeof import('./kubectl')> | null = null;
const kubectlModule = () => (kubectl ??= import('./kubectl'));

export const CLUSTERS: readonly ClusterName[] = ['devops', 'gitops'];

export { SandboxError, type FaultKind } from './sandbox-errors';

export interface SandboxOptions {
  /** Seed of the sandbox's only random source. Same seed + same actions = the same run. */
  seed?: number;
  /** The repository's first commit. */
  files: Record<string, string>;
  /** Who made the first commit (default `platform-team`). */
  author?: string;
  message?: string;
  /** How simulated images behave (default: Ready after 10 s). */
  images?: Record<string, ImageBehaviour>;
  /** The folders both lanes deploy (default: one app at `path`, or at the root). */
  apps?: AppSpec[];
  path?: string;
  lanes?: { devops?: Partial<DevopsOptions>; gitops?: Partial<GitopsOptions> };
  /** The host's pause between events of virtual time (clock.ts); none in Node. */
  pause?: HostPause;
}

type Listener = () => void;

/** The two lanes, by name. */
export interface SandboxLanes extends Lanes {
  devops: DevopsLane;
  gitops: GitopsLane;
}

/** A commit as the sandbox takes it: time comes from the clock, not from the caller. */
export type SandboxCommit = Omit<CommitOptions, 'timestamp' | 'author'> & { author: string };

export const BRANCH = 'main';

export class Sandbox {
  readonly clusters: Readonly<Record<ClusterName, Cluster>>;
  readonly devops: DevopsLane;
  readonly gitops: GitopsLane;
  /** Both lanes by name; each is a Lane (lanes/lane.ts). */
  readonly lanes: SandboxLanes;
  readonly observer: Observer;
  readonly apps: readonly AppSpec[];
  private readonly listeners = new Set<Listener>();

  private constructor(
    readonly seed: number,
    readonly clock: VirtualClock,
    readonly rng: Rng,
    readonly audit: AuditLog,
    readonly repo: ConfigRepo,
    opts: SandboxOptions,
  ) {
    const images = imageCatalog(opts.images ?? {});
    this.clusters = {
      devops: new Cluster({ name: 'devops', clock, audit, images }),
      gitops: new Cluster({ name: 'gitops', clock, audit, images }),
    };
    this.apps = opts.apps ?? defaultApps(opts.path ?? '');
    const apps = [...this.apps];
    this.devops = new DevopsLane({
      repo,
      cluster: this.clusters.devops,
      clock,
      rng,
      audit,
      apps,
      ...(opts.lanes?.devops ? { options: opts.lanes.devops } : {}),
    });
    this.gitops = new GitopsLane({
      repo,
      cluster: this.clusters.gitops,
      clock,
      rng,
      audit,
      apps,
      branch: BRANCH,
      ...(opts.lanes?.gitops ? { options: opts.lanes.gitops } : {}),
    });
    this.lanes = { devops: this.devops, gitops: this.gitops };
    this.observer = new Observer(repo, BRANCH, clock, audit);
    this.observer.watch('devops', {
      cluster: this.clusters.devops,
      apps,
      createdKeys: (app) => this.devops.createdKeys(app),
      ignoreDifferences: [],
    });
    const gitops = this.gitops;
    this.observer.watch('gitops', {
      cluster: this.clusters.gitops,
      apps,
      createdKeys: (app) => gitops.trackedKeys(app),
      get ignoreDifferences() {
        return gitops.options.ignoreDifferences;
      },
      get hooksAreTasks() {
        return gitops.options.flavour === 'argo';
      },
    });
  }

  static async create(opts: SandboxOptions): Promise<Sandbox> {
    const seed = opts.seed ?? 1;
    const clock = new VirtualClock(opts.pause);
    const audit = new AuditLog(clock);
    const author = opts.author ?? 'platform-team';
    const message = opts.message ?? 'Initial commit';
    const repo = await ConfigRepo.init({
      files: opts.files,
      author: { name: author },
      message,
      timestamp: EPOCH_MS,
    });
    const sandbox = new Sandbox(seed, clock, new Rng(seed), audit, repo, opts);
    const head = await repo.resolve('HEAD');
    recordRepoChange(
      audit,
      {
        kind: 'commit',
        branch: BRANCH,
        sha: head,
        parents: [],
        files: Object.keys(opts.files)
          .sort()
          .map((path) => ({ path, status: 'added' })),
      },
      author,
      message,
    );
    // The repository's first commit is deployed by both lanes when the sandbox starts.
    sandbox.devops.push(head, author);
    await clock.flush();
    return sandbox;
  }

  /** Milliseconds of virtual time since the sandbox started. */
  now(): number {
    return this.clock.now();
  }

  /** Wall-clock-free timestamp for the repository: the virtual epoch plus virtual time. */
  timestamp(): number {
    return EPOCH_MS + this.clock.now();
  }

  async advance(ms: number): Promise<void> {
    await this.clock.advanceBy(ms);
    await this.settle();
  }

  /** Runs what is due now and brings the observer up to date (before a report or a view). */
  async settle(): Promise<void> {
    await this.clock.flush();
    await this.observer.check();
    this.changed();
  }

  // ---- the repository: one audit record per change; both lanes hear about the branch ---------

  async commit(opts: SandboxCommit): Promise<string> {
    const change = await this.repo.commit({
      ...opts,
      author: { name: opts.author },
      timestamp: this.timestamp(),
    });
    return this.landed(change, opts.author, opts.message).sha;
  }

  async revert(rev: string, author: string): Promise<string> {
    const change = await this.repo.revert({
      rev,
      author: { name: author },
      timestamp: this.timestamp(),
    });
    return this.landed(change, author).sha;
  }

  async tag(name: string, rev: string, actor: string): Promise<void> {
    this.landed(await this.repo.tag({ name, rev }), actor);
  }

  async createBranch(name: string, from: string, actor: string): Promise<void> {
    this.landed(await this.repo.createBranch({ name, from }), actor);
  }

  async openPullRequest(opts: {
    head: string;
    base?: string;
    title: string;
    user: string;
  }): Promise<number> {
    return this.landed(
      await this.repo.openPullRequest({ ...opts, timestamp: this.timestamp() }),
      opts.user,
    ).pr.id;
  }

  async approvePullRequest(id: number, user: string): Promise<void> {
    this.landed(await this.repo.approvePullRequest({ id, user }), user);
  }

  async mergePullRequest(id: number, user: string): Promise<string> {
    return this.landed(
      await this.repo.mergePullRequest({ id, author: { name: user }, timestamp: this.timestamp() }),
      user,
    ).sha;
  }

  /** Records a repo change; a new commit on the watched branch fires both lanes' webhooks. */
  private landed<C extends RepoChange>(change: C, actor: string, message?: string): C {
    recordRepoChange(this.audit, change, actor, message);
    if (
      (change.kind === 'commit' || change.kind === 'revert' || change.kind === 'pr-merge') &&
      change.branch === BRANCH
    ) {
      this.devops.push(change.sha, actor);
      this.gitops.webhook();
    }
    this.changed();
    return change;
  }

  // ---- kubectl ---------------------------------------------------------------------------------

  /**
   * A kubectl line typed at one lane's cluster by `actor`. With `leakedToken`, someone uses the CI's
   * credentials: on the push lane the change lands as `ci-bot`; the pull lane has no such
   * credential (the reconciler runs inside the cluster), so the attempt is refused.
   */
  async kubectl(
    lane: ClusterName,
    line: string,
    actor: string,
    opts: { leakedToken?: boolean } = {},
  ): Promise<KubectlResult> {
    const cluster = this.clusters[lane];
    if (opts.leakedToken && !this.lanes[lane].ciToken) {
      const message =
        'error: You must be logged in to the server (Unauthorized): no CI credential exists for this cluster; the reconciler pulls from inside it';
      cluster.refuse('(leaked CI token)', new Error(message), {
        actor,
        channel: 'kubectl',
        manager: 'kubectl',
        revision: null,
      });
      this.changed();
      return { ok: false, stdout: '', stderr: message, changed: false };
    }
    const { repoFileReader, runKubectl } = await kubectlModule();
    const readRepoFile = await repoFileReader(this.repo, BRANCH, line);
    const result = runKubectl(line, {
      cluster,
      actor: opts.leakedToken ? 'ci-bot' : actor,
      channel: 'kubectl',
      revision: null,
      readRepoFile,
    });
    await this.settle();
    return result;
  }

  // ---- rollbacks, faults, options, disasters ------------------------------------------------------

  /** A rollback by one of the methods people use (rollback.ts says what each one does). */
  async rollback(
    lane: ClusterName,
    method: RollbackMethod,
    by: string,
    opts: { to?: string | number; disableAutoSync?: boolean; app?: string } = {},
  ): Promise<string> {
    const text = await rollbackLane(this, lane, method, by, opts);
    await this.settle();
    return text;
  }

  /** Injects a fault for `forMs` of virtual time (or, for counts, the next `count` times). */
  fault(lane: ClusterName, kind: FaultKind, opts: { forMs?: number; count?: number } = {}): void {
    injectFault(this, lane, kind, opts);
    this.changed();
  }

  /** The lane's cluster is lost and recreated empty. The GitOps agent is bootstrapped again with it. */
  async wipe(lane: ClusterName): Promise<void> {
    this.clusters[lane].wipe();
    this.lanes[lane].clusterLost();
    await this.settle();
  }

  setOption<N extends ClusterName, K extends keyof LaneOptionsOf[N]>(
    lane: N,
    key: K,
    value: LaneOptionsOf[N][K],
  ): void {
    const lanes: Lanes = this.lanes;
    lanes[lane].setOption(key, value);
    this.changed();
  }

  /** The lane's DORA and drift metrics since the sandbox started, from the audit trail alone. */
  metrics(lane: ClusterName): LaneMetrics {
    return computeMetrics(this.audit.records(), lane, { start: 0, end: this.now() });
  }

  /** Each lane's status for reports and views: sync (GitOps), health, pipeline (DevOps), in sync with Git. */
  status(lane: ClusterName): LaneStatus {
    return laneStatus(this, lane);
  }

  // ---- observation ---------------------------------------------------------------------------

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells subscribers (the UI adapter) that something changed. */
  changed(): void {
    for (const l of this.listeners) l();
  }
}
