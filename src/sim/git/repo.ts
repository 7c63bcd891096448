// ConfigRepo: the one Git repository both lanes deploy from, held in memory (isomorphic-git over
// lightning-fs with a MemoryBackend). Branches, tags, commits, reverts and pull requests behave as
// on GitHub; reads are cached by object id. Every mutating call returns a RepoChange describing
// what happened, which the caller turns into an audit record: the repository knows no audit trail.
// Mutations run one at a time, in call order, so two lanes committing in the same tick cannot race
// on a branch ref.
import type LightningFS from '@isomorphic-git/lightning-fs';
import {
  assertCommitBasics,
  commitChanges,
  type CommitOptions,
  writeBlobs,
  writeCommitOnBranch,
} from './commit';
import { diffTrees } from './diff';
import { DefaultBranchDeleteError, InvalidArgumentError, PathNotFoundError } from './errors';
import { exportEntries } from './export';
import { type LogOptions, walkCommits } from './history';
import { ManifestReader, type ManifestSet } from './manifests';
import { mergeConflicts } from './merge';
import { createMemoryRepo, DEFAULT_BRANCH } from './memory-fs';
import { EMPTY_FLAT, type FlatTree, type GitContext, ObjectStore } from './objects';
import { PullRequestBook } from './pr';
import {
  mergePullRequest,
  type MergePullRequestOptions,
  openPullRequest,
  type OpenPullRequestOptions,
} from './pull-requests';
import { branchHead, createRef, deleteBranchRef, listBranches, listTags } from './refs';
import { resolveRev } from './revparse';
import { revertCommit, type RevertOptions } from './revert';
import { createTag, type TagOptions } from './tag';
import { buildTree } from './tree-build';
import type * as T from './types';
import { assertRepoPath, assertTimestamp, assertUser, normalizeFolder } from './validate';

export { DEFAULT_BRANCH };

export interface InitOptions {
  files: Record<string, string>;
  author: T.Author;
  /** Virtual time of the first commit, ms since the Unix epoch. */
  timestamp: number;
  /** Defaults to "Initial commit". */
  message?: string;
  /** lightning-fs name; see createMemoryRepo for why it must be unique in the browser. */
  name?: string;
  /** Branch protection: approvals a pull request needs before it can be merged. Defaults to 0. */
  requiredApprovals?: number;
}

export class ConfigRepo {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly manifests: ManifestReader;

  private constructor(
    private readonly lfs: LightningFS,
    private readonly ctx: GitContext,
    private readonly store: ObjectStore,
    private readonly prs: PullRequestBook,
  ) {
    this.manifests = new ManifestReader(store);
  }

  /** A new repository whose `main` holds `files` in one root commit. */
  static async init(opts: InitOptions): Promise<ConfigRepo> {
    const message = opts.message ?? 'Initial commit';
    assertCommitBasics(opts.author, message, opts.timestamp);
    if (Object.keys(opts.files).length === 0)
      throw new InvalidArgumentError('files', 'must hold at least one file');
    const required = opts.requiredApprovals ?? 0;
    if (!Number.isInteger(required) || required < 0)
      throw new InvalidArgumentError('requiredApprovals', 'must be an integer >= 0');

    const { lfs, ctx } = await createMemoryRepo(opts.name);
    const store = new ObjectStore(ctx);
    const built = await buildTree(store, EMPTY_FLAT, await writeBlobs(store, opts.files), []);
    await writeCommitOnBranch(ctx, store, {
      ...opts,
      message,
      branch: DEFAULT_BRANCH,
      parents: [],
      tree: built.flat,
    });
    return new ConfigRepo(lfs, ctx, store, new PullRequestBook(required));
  }

  /** Object reads that missed every cache, for tests and the bench. */
  get stats(): Readonly<{ objectReads: number }> {
    return this.store.stats;
  }

  get requiredApprovals(): number {
    return this.prs.requiredApprovals;
  }

  // Reads ---------------------------------------------------------------------------------------

  /** The commit `rev` names; kept until a write, with the refs, in the repository's one cache. */
  resolve(rev: string): Promise<string> {
    return this.ctx.revisions.resolve(`rev ${rev}`, () => resolveRev(this.ctx, this.store, rev));
  }

  async readCommit(rev: string): Promise<T.CommitInfo> {
    return this.store.commit(await this.resolve(rev));
  }

  async log(rev = 'HEAD', opts: LogOptions = {}): Promise<T.CommitInfo[]> {
    return walkCommits(this.store, [await this.resolve(rev)], opts);
  }

  /** Every commit reachable from a branch or tag, newest first, like `git log --all`. */
  async allCommits(): Promise<T.CommitInfo[]> {
    const starts = [
      ...(await listBranches(this.ctx)),
      ...(await listTags(this.ctx, this.store)),
    ].map((r) => r.sha);
    return walkCommits(this.store, starts);
  }

  listBranches(): Promise<T.BranchInfo[]> {
    return listBranches(this.ctx);
  }

  branchHead(name: string): Promise<string> {
    return branchHead(this.ctx, name);
  }

  listTags(): Promise<T.TagInfo[]> {
    return listTags(this.ctx, this.store);
  }

  async readFile(rev: string, path: string): Promise<string> {
    assertRepoPath(path);
    const entry = (await this.flatAt(rev)).files.get(path);
    if (!entry) throw new PathNotFoundError(path, rev);
    return this.store.text(entry.oid);
  }

  /** Every file under `folder` ('' = all), recursively, sorted by path. */
  async listFiles(rev: string, folder = ''): Promise<T.TreeFile[]> {
    const dir = normalizeFolder(folder);
    const flat = await this.flatAt(rev);
    if (!flat.dirs.has(dir)) throw new PathNotFoundError(dir, rev);
    const prefix = dir === '' ? '' : `${dir}/`;
    return [...flat.files]
      .filter(([path]) => path.startsWith(prefix))
      .map(([path, { oid, mode }]) => ({ path, oid, mode }))
      .sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  async readManifests(rev: string, folder: string): Promise<ManifestSet> {
    return this.manifests.read(await this.flatAt(rev), normalizeFolder(folder), rev);
  }

  async diff(from: string, to: string): Promise<T.FileDiff[]> {
    return diffTrees(this.store, await this.flatAt(from), await this.flatAt(to));
  }

  pullRequests(): T.PullRequest[] {
    return this.prs.list();
  }

  pullRequest(id: number): T.PullRequest {
    return this.prs.get(id);
  }

  /** Files that would conflict if pull request `id` were merged now; [] when it merges cleanly
   * (GitHub's "This branch has no conflicts with the base branch"). Writes nothing. */
  pullRequestConflicts(id: number): Promise<string[]> {
    // Queued like a write: it runs isomorphic-git's merge machinery, index lock included.
    return this.exclusive(() => {
      const pr = this.prs.get(id);
      return mergeConflicts(this.ctx, pr.base, pr.head);
    });
  }

  // Writes ----------------------------------------------------------------------------------------

  commit(opts: CommitOptions): Promise<T.ChangeOf<'commit'>> {
    return this.exclusive(() => commitChanges(this.ctx, this.store, opts));
  }

  revert(opts: RevertOptions): Promise<T.ChangeOf<'revert'>> {
    return this.exclusive(async () =>
      revertCommit(this.ctx, this.store, await this.resolve(opts.rev), opts),
    );
  }

  createBranch(opts: { name: string; from?: string }): Promise<T.ChangeOf<'branch-create'>> {
    return this.exclusive(async () => {
      const sha = await this.resolve(opts.from ?? DEFAULT_BRANCH);
      await createRef(this.ctx, 'branch', opts.name, sha);
      return { kind: 'branch-create', name: opts.name, sha };
    });
  }

  /** Deleting a branch closes the open pull requests from or into it, as on GitHub. */
  deleteBranch(opts: { name: string; timestamp: number }): Promise<T.ChangeOf<'branch-delete'>> {
    return this.exclusive(async () => {
      assertTimestamp(opts.timestamp);
      if (opts.name === DEFAULT_BRANCH) throw new DefaultBranchDeleteError(opts.name);
      const sha = await deleteBranchRef(this.ctx, opts.name);
      const closed = this.prs
        .openOn(opts.name)
        .map((pr) => this.prs.close(pr.id, opts.timestamp).id);
      return { kind: 'branch-delete', name: opts.name, sha, closedPullRequests: closed };
    });
  }

  tag(opts: TagOptions): Promise<T.ChangeOf<'tag'>> {
    return this.exclusive(async () =>
      createTag(this.ctx, await this.resolve(opts.rev ?? 'HEAD'), opts),
    );
  }

  openPullRequest(opts: OpenPullRequestOptions): Promise<T.ChangeOf<'pr-open'>> {
    return this.exclusive(() => openPullRequest(this.ctx, this.prs, opts));
  }

  /** The PR author cannot approve their own pull request (GitHub's rule). */
  approvePullRequest(opts: { id: number; user: string }): Promise<T.ChangeOf<'pr-approve'>> {
    return this.exclusive(() => ({
      kind: 'pr-approve',
      pr: this.prs.approve(opts.id, opts.user),
      user: opts.user,
    }));
  }

  closePullRequest(opts: {
    id: number;
    user: string;
    timestamp: number;
  }): Promise<T.ChangeOf<'pr-close'>> {
    return this.exclusive(() => {
      assertUser(opts.user);
      return { kind: 'pr-close', pr: this.prs.close(opts.id, opts.timestamp) };
    });
  }

  mergePullRequest(opts: MergePullRequestOptions): Promise<T.ChangeOf<'pr-merge'>> {
    return this.exclusive(() => mergePullRequest(this.ctx, this.store, this.prs, opts));
  }

  /** The `.git` directory plus a checked-out work tree of `main`; see export.ts. */
  exportRepository(): Promise<T.ExportEntry[]> {
    return this.exclusive(() => exportEntries(this.ctx, this.lfs.promises, DEFAULT_BRANCH));
  }

  // Internals -------------------------------------------------------------------------------------

  private async flatAt(rev: string): Promise<FlatTree> {
    return this.store.flat((await this.readCommit(rev)).tree);
  }

  private exclusive<R>(fn: () => R | Promise<R>): Promise<R> {
    // Every write goes through the revision cache, which forgets what was resolved around it.
    const run = this.tail.then(() => this.ctx.revisions.whileWriting(fn));
    this.tail = run.catch(() => undefined);
    return run;
  }
}
