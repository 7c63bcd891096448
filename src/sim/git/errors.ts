// Errors of the config repository. Like isomorphic-git's src/errors/*.js: one class per failure,
// a stable `code` that UI and tests match on (never the message text), and a typed `data` payload.

export abstract class GitError<Code extends string = string, Data = unknown> extends Error {
  abstract readonly code: Code;
  readonly data: Data;
  constructor(message: string, data: Data) {
    super(message);
    this.name = new.target.name;
    this.data = data;
  }
}

export class InvalidArgumentError extends GitError<
  'E_INVALID_ARGUMENT',
  { argument: string; reason: string }
> {
  readonly code = 'E_INVALID_ARGUMENT';
  constructor(argument: string, reason: string) {
    super(`Invalid ${argument}: ${reason}`, { argument, reason });
  }
}

export class InvalidPathError extends GitError<'E_INVALID_PATH', { path: string; reason: string }> {
  readonly code = 'E_INVALID_PATH';
  constructor(path: string, reason: string) {
    super(`Invalid path '${path}': ${reason}`, { path, reason });
  }
}

export class InvalidRefNameError extends GitError<'E_INVALID_REF_NAME', { name: string }> {
  readonly code = 'E_INVALID_REF_NAME';
  constructor(name: string) {
    super(`'${name}' is not a valid branch or tag name`, { name });
  }
}

export class NothingToCommitError extends GitError<'E_NOTHING_TO_COMMIT', { branch: string }> {
  readonly code = 'E_NOTHING_TO_COMMIT';
  constructor(branch: string) {
    super(`nothing to commit on '${branch}', working tree clean`, { branch });
  }
}

export class PathNotFoundError extends GitError<'E_PATH_NOT_FOUND', { path: string; rev: string }> {
  readonly code = 'E_PATH_NOT_FOUND';
  constructor(path: string, rev: string) {
    super(`path '${path}' does not exist in '${rev}'`, { path, rev });
  }
}

export class PathConflictError extends GitError<'E_PATH_CONFLICT', { path: string }> {
  readonly code = 'E_PATH_CONFLICT';
  constructor(path: string) {
    super(`'${path}' would be both a file and a directory`, { path });
  }
}

export class UnknownRevisionError extends GitError<'E_UNKNOWN_REVISION', { rev: string }> {
  readonly code = 'E_UNKNOWN_REVISION';
  constructor(rev: string) {
    super(`unknown revision '${rev}'`, { rev });
  }
}

export class AmbiguousRevisionError extends GitError<'E_AMBIGUOUS_REVISION', { rev: string }> {
  readonly code = 'E_AMBIGUOUS_REVISION';
  constructor(rev: string) {
    super(`short object ID '${rev}' is ambiguous`, { rev });
  }
}

export type RefKind = 'branch' | 'tag';

export class RefExistsError extends GitError<'E_REF_EXISTS', { kind: RefKind; name: string }> {
  readonly code = 'E_REF_EXISTS';
  constructor(kind: RefKind, name: string) {
    super(`a ${kind} named '${name}' already exists`, { kind, name });
  }
}

export class RefNotFoundError extends GitError<'E_REF_NOT_FOUND', { kind: RefKind; name: string }> {
  readonly code = 'E_REF_NOT_FOUND';
  constructor(kind: RefKind, name: string) {
    super(`${kind} '${name}' not found`, { kind, name });
  }
}

export class DefaultBranchDeleteError extends GitError<
  'E_DELETE_DEFAULT_BRANCH',
  { name: string }
> {
  readonly code = 'E_DELETE_DEFAULT_BRANCH';
  constructor(name: string) {
    super(`cannot delete the default branch '${name}'`, { name });
  }
}

export class MergeConflictError extends GitError<
  'E_MERGE_CONFLICT',
  { base: string; head: string; files: string[] }
> {
  readonly code = 'E_MERGE_CONFLICT';
  constructor(base: string, head: string, files: string[]) {
    super(`'${head}' has conflicts with '${base}' that must be resolved`, { base, head, files });
  }
}

export class RevertConflictError extends GitError<
  'E_REVERT_CONFLICT',
  { sha: string; files: string[] }
> {
  readonly code = 'E_REVERT_CONFLICT';
  constructor(sha: string, files: string[]) {
    super(`could not revert ${sha.slice(0, 7)}: conflicts in ${files.join(', ')}`, { sha, files });
  }
}

export class RevertMergeNeedsMainlineError extends GitError<
  'E_REVERT_MERGE_NEEDS_MAINLINE',
  { sha: string; parents: string[] }
> {
  readonly code = 'E_REVERT_MERGE_NEEDS_MAINLINE';
  constructor(sha: string, parents: string[]) {
    super(`commit ${sha.slice(0, 7)} is a merge but no mainline parent was given`, {
      sha,
      parents,
    });
  }
}

export class PullRequestNotFoundError extends GitError<'E_PR_NOT_FOUND', { id: number }> {
  readonly code = 'E_PR_NOT_FOUND';
  constructor(id: number) {
    super(`pull request #${id} not found`, { id });
  }
}

export class PullRequestExistsError extends GitError<
  'E_PR_EXISTS',
  { id: number; head: string; base: string }
> {
  readonly code = 'E_PR_EXISTS';
  constructor(id: number, head: string, base: string) {
    super(`pull request #${id} from '${head}' into '${base}' is already open`, { id, head, base });
  }
}

export class NothingToCompareError extends GitError<
  'E_PR_NOTHING_TO_COMPARE',
  { head: string; base: string }
> {
  readonly code = 'E_PR_NOTHING_TO_COMPARE';
  constructor(head: string, base: string) {
    super(`'${base}' is up to date with all commits from '${head}'`, { head, base });
  }
}

export class PullRequestNotOpenError extends GitError<
  'E_PR_NOT_OPEN',
  { id: number; state: string }
> {
  readonly code = 'E_PR_NOT_OPEN';
  constructor(id: number, state: string) {
    super(`pull request #${id} is ${state}`, { id, state });
  }
}

export class SelfApprovalError extends GitError<
  'E_PR_SELF_APPROVAL',
  { id: number; user: string }
> {
  readonly code = 'E_PR_SELF_APPROVAL';
  constructor(id: number, user: string) {
    super(`${user} cannot approve their own pull request #${id}`, { id, user });
  }
}

export class ApprovalsRequiredError extends GitError<
  'E_PR_APPROVALS_REQUIRED',
  { id: number; required: number; approvals: number }
> {
  readonly code = 'E_PR_APPROVALS_REQUIRED';
  constructor(id: number, required: number, approvals: number) {
    super(`pull request #${id} needs ${required} approval(s), has ${approvals}`, {
      id,
      required,
      approvals,
    });
  }
}

export class ExportTargetNotEmptyError extends GitError<
  'E_EXPORT_TARGET_NOT_EMPTY',
  { dir: string }
> {
  readonly code = 'E_EXPORT_TARGET_NOT_EMPTY';
  constructor(dir: string) {
    super(`export target '${dir}' is not empty`, { dir });
  }
}
