// Plain data shapes of the config repository's public API.
//
// Time: every `timestamp` is virtual time in ms since the Unix epoch (the sandbox clock's epoch
// plus its offset). Git stores whole seconds in UTC, so commits round down to the second and
// always carry timezone +0000; that is what makes SHAs identical on every run.

export interface Author {
  name: string;
  /** Optional; git writes `<>` when absent. */
  email?: string;
}

export type FileStatus = 'added' | 'modified' | 'deleted';

export interface FileChange {
  path: string;
  status: FileStatus;
}

export interface CommitInfo {
  sha: string;
  parents: string[];
  tree: string;
  author: Required<Author>;
  /** Full message as stored, ending in a single newline. */
  message: string;
  /** First line of the message, as `git log --format=%s` prints it. */
  subject: string;
  /** Author time in ms (a whole number of seconds). */
  timestamp: number;
}

export interface TreeFile {
  path: string;
  oid: string;
  mode: string;
}

export interface BranchInfo {
  name: string;
  sha: string;
}

export interface TagInfo {
  name: string;
  /** The commit the tag points at (peeled, for annotated tags). */
  sha: string;
  annotated: boolean;
}

export interface FileDiff extends FileChange {
  oldOid: string | null;
  newOid: string | null;
  /** Unified diff (`--- a/path`, `+++ b/path`, hunks), 3 lines of context like git. */
  patch: string;
}

export type PullRequestState = 'open' | 'merged' | 'closed';

export interface PullRequest {
  readonly id: number;
  readonly title: string;
  readonly author: string;
  /** The branch with the changes. */
  readonly head: string;
  /** The branch they go into. */
  readonly base: string;
  readonly state: PullRequestState;
  readonly approvals: readonly string[];
  readonly createdAt: number;
  readonly mergedAt?: number;
  readonly mergeSha?: string;
  readonly closedAt?: number;
}

export interface ExportEntry {
  /** Relative to the repository root, e.g. `.git/HEAD` or `apps/guestbook/deployment.yaml`. */
  path: string;
  bytes: Uint8Array;
}

// What each mutating call did, so the caller can write one audit record per change without the
// repository depending on the audit layer.
export type RepoChange =
  | {
      kind: 'commit';
      branch: string;
      sha: string;
      parents: string[];
      files: FileChange[];
      createdBranch?: boolean;
    }
  | {
      kind: 'revert';
      branch: string;
      sha: string;
      parents: string[];
      reverted: string;
      files: FileChange[];
    }
  | { kind: 'branch-create'; name: string; sha: string }
  | { kind: 'branch-delete'; name: string; sha: string; closedPullRequests: number[] }
  | { kind: 'tag'; name: string; sha: string; annotated: boolean }
  | { kind: 'pr-open'; pr: PullRequest }
  | { kind: 'pr-approve'; pr: PullRequest; user: string }
  | { kind: 'pr-close'; pr: PullRequest }
  | {
      kind: 'pr-merge';
      pr: PullRequest;
      branch: string;
      sha: string;
      parents: string[];
      files: FileChange[];
    };

export type ChangeOf<K extends RepoChange['kind']> = Extract<RepoChange, { kind: K }>;
