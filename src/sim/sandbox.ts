// The one place that wires the simulation together: the virtual clock and seeded RNG, the audit
// trail, the config repository, and the two clusters (`devops` for the push lane, `gitops` for the
// pull lane). Everything a runner, the CLI or the UI does to a simulation goes through here, so
// that every change to the repo or a cluster lands in the one audit trail.
//
// WARNING: in Node, import src/platform/node before this module (the browser entry imports
// src/platform/browser): isomorphic-git and lightning-fs need their globals first.
import { AuditLog, type AuditRecord, type ClusterName } from './audit';
import { EPOCH_MS, Rng, VirtualClock } from './clock';
import { Cluster, imageCatalog, type ImageBehaviour } from './cluster';
import { ConfigRepo, type RepoChange } from './git';
import type { CommitOptions } from './git';

export const CLUSTERS: readonly ClusterName[] = ['devops', 'gitops'];

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
}

type Listener = () => void;

/** A commit as the sandbox takes it: time comes from the clock, not from the caller. */
export type SandboxCommit = Omit<CommitOptions, 'timestamp' | 'author'> & { author: string };

export class Sandbox {
  readonly clusters: Readonly<Record<ClusterName, Cluster>>;
  private readonly listeners = new Set<Listener>();

  private constructor(
    readonly seed: number,
    readonly clock: VirtualClock,
    readonly rng: Rng,
    readonly audit: AuditLog,
    readonly repo: ConfigRepo,
    images: Record<string, ImageBehaviour>,
  ) {
    const catalog = imageCatalog(images);
    this.clusters = {
      devops: new Cluster({ name: 'devops', clock, audit, images: catalog }),
      gitops: new Cluster({ name: 'gitops', clock, audit, images: catalog }),
    };
  }

  static async create(opts: SandboxOptions): Promise<Sandbox> {
    const seed = opts.seed ?? 1;
    const clock = new VirtualClock();
    const audit = new AuditLog(clock);
    const author = opts.author ?? 'platform-team';
    const message = opts.message ?? 'Initial commit';
    const repo = await ConfigRepo.init({
      files: opts.files,
      author: { name: author },
      message,
      timestamp: EPOCH_MS,
    });
    const sandbox = new Sandbox(seed, clock, new Rng(seed), audit, repo, opts.images ?? {});
    const head = await repo.resolve('HEAD');
    sandbox.recordRepo(
      {
        kind: 'commit',
        branch: 'main',
        sha: head,
        parents: [],
        files: Object.keys(opts.files)
          .sort()
          .map((path) => ({ path, status: 'added' })),
      },
      author,
      message,
    );
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
    this.changed();
  }

  // ---- the repository, with one audit record per change --------------------------------------

  async commit(opts: SandboxCommit): Promise<string> {
    const change = await this.repo.commit({
      ...opts,
      author: { name: opts.author },
      timestamp: this.timestamp(),
    });
    this.recordRepo(change, opts.author, opts.message);
    return change.sha;
  }

  async revert(rev: string, author: string): Promise<string> {
    const change = await this.repo.revert({
      rev,
      author: { name: author },
      timestamp: this.timestamp(),
    });
    this.recordRepo(change, author);
    return change.sha;
  }

  async tag(name: string, rev: string, actor: string): Promise<void> {
    this.recordRepo(await this.repo.tag({ name, rev }), actor);
  }

  async createBranch(name: string, from: string, actor: string): Promise<void> {
    this.recordRepo(await this.repo.createBranch({ name, from }), actor);
  }

  async openPullRequest(opts: {
    head: string;
    base?: string;
    title: string;
    user: string;
  }): Promise<number> {
    const change = await this.repo.openPullRequest({ ...opts, timestamp: this.timestamp() });
    this.recordRepo(change, opts.user);
    return change.pr.id;
  }

  async approvePullRequest(id: number, user: string): Promise<void> {
    this.recordRepo(await this.repo.approvePullRequest({ id, user }), user);
  }

  async mergePullRequest(id: number, user: string): Promise<string> {
    const change = await this.repo.mergePullRequest({
      id,
      author: { name: user },
      timestamp: this.timestamp(),
    });
    this.recordRepo(change, user);
    return change.sha;
  }

  // ---- observation ------------------------------------------------------------------------

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells subscribers (the UI adapter) that something changed. */
  changed(): void {
    for (const l of this.listeners) l();
  }

  private recordRepo(change: RepoChange, actor: string, message?: string): AuditRecord {
    const base = { cluster: 'repo' as const, actor, channel: 'git' as const };
    let record: AuditRecord;
    switch (change.kind) {
      case 'commit':
      case 'revert':
        record = this.audit.append({
          ...base,
          verb: change.kind,
          object: `refs/heads/${change.branch}`,
          revision: change.sha,
          changes: change.files.map((f) => ({ path: f.path, after: f.status })),
          ...(message ? { message } : {}),
        });
        break;
      case 'pr-merge':
        record = this.audit.append({
          ...base,
          verb: 'pr-merge',
          object: `pull/${change.pr.id}`,
          revision: change.sha,
          changes: change.files.map((f) => ({ path: f.path, after: f.status })),
          message: change.pr.title,
        });
        break;
      case 'pr-open':
        record = this.audit.append({
          ...base,
          verb: 'pr-open',
          object: `pull/${change.pr.id}`,
          revision: null,
          changes: [
            { path: 'head', after: change.pr.head },
            { path: 'base', after: change.pr.base },
          ],
          message: change.pr.title,
        });
        break;
      case 'pr-approve':
        record = this.audit.append({
          ...base,
          verb: 'pr-approve',
          object: `pull/${change.pr.id}`,
          revision: null,
          changes: [{ path: 'approvals', after: change.pr.approvals }],
        });
        break;
      case 'tag':
        record = this.audit.append({
          ...base,
          verb: 'tag',
          object: `refs/tags/${change.name}`,
          revision: change.sha,
          changes: [],
        });
        break;
      case 'branch-create':
        record = this.audit.append({
          ...base,
          verb: 'branch',
          object: `refs/heads/${change.name}`,
          revision: change.sha,
          changes: [],
        });
        break;
      case 'branch-delete':
        record = this.audit.append({
          ...base,
          verb: 'branch-delete',
          object: `refs/heads/${change.name}`,
          revision: null,
          changes: [],
        });
        break;
      case 'pr-close':
        record = this.audit.append({
          ...base,
          verb: 'pr-close',
          object: `pull/${change.pr.id}`,
          revision: null,
          changes: [],
        });
        break;
    }
    this.changed();
    return record;
  }
}
