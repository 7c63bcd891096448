// Errors of the config repository. Like isomorphic-git's src/errors/*.js: one class per failure,
// a stable `code` that UI and tests match on (never the message text), and a typed `data` payload.
import { CodedError } from '../coded-error';

export class InvalidArgumentError extends CodedError<
  'E_INVALID_ARGUMENT',
  { argument: string; reason: string }
> {
  constructor(argument: string, reason: string) {
    super('E_INVALID_ARGUMENT', `Invalid ${argument}: ${reason}`, { argument, reason });
  }
}

export class InvalidPathError extends CodedError<
  'E_INVALID_PATH',
  { path: string; reason: string }
> {
  constructor(path: string, reason: string) {
    super('E_INVALID_PATH', `Invalid path '${path}': ${reason}`, { path, reason });
  }
}

export class InvalidRefNameError extends CodedError<'E_INVALID_REF_NAME', { name: string }> {
  constructor(name: string) {
    super('E_INVALID_REF_NAME', `'${name}' is not a valid branch or tag name`, { name });
  }
}

export class NothingToCommitError extends CodedError<'E_NOTHING_TO_COMMIT', { branch: string }> {
  constructor(branch: string) {
    super('E_NOTHING_TO_COMMIT', `nothing to commit on '${branch}', working tree clean`, {
      branch,
    });
  }
}

export class PathNotFoundError extends CodedError<
  'E_PATH_NOT_FOUND',
  { path: string; rev: string }
> {
  constructor(path: string, rev: string) {
    super('E_PATH_NOT_FOUND', `path '${path}' does not exist in '${rev}'`, { path, rev });
  }
}

export class PathConflictError extends CodedError<'E_PATH_CONFLICT', { path: string }> {
  constructor(path: string) {
    super('E_PATH_CONFLICT', `'${path}' would be both a file and a directory`, { path });
  }
}

export class UnknownRevisionError extends CodedError<'E_UNKNOWN_REVISION', { rev: string }> {
  constructor(rev: string) {
    super('E_UNKNOWN_REVISION', `unknown revision '${rev}'`, { rev });
  }
}

export class AmbiguousRevisionError extends CodedError<'E_AMBIGUOUS_REVISION', { rev: string }> {
  constructor(rev: string) {
    super('E_AMBIGUOUS_REVISION', `short object ID '${rev}' is ambiguous`, { rev });
  }
}

export type RefKind = 'branch' | 'tag';

export class RefExistsError extends CodedError<'E_REF_EXISTS', { kind: RefKind; name: string }> {
  constructor(kind: RefKind, name: string) {
    super('E_REF_EXISTS', `a ${kind} named '${name}' already exists`, { kind, name });
  }
}

export class RefNotFoundError extends CodedError<
  'E_REF_NOT_FOUND',
  { kind: RefKind; name: string }
> {
  constructor(kind: RefKind, name: string) {
    super('E_REF_NOT_FOUND', `${kind} '${name}' not found`, { kind, name });
  }
}

export class DefaultBranchDeleteError extends CodedError<
  'E_DELETE_DEFAULT_BRANCH',
  { name: string }
> {
  constructor(name: string) {
    super('E_DELETE_DEFAULT_BRANCH', `cannot delete the default branch '${name}'`, { name });
  }
}

export class MergeConflictError extends CodedError<
  'E_MERGE_CONFLICT',
  { base: string; head: string; files: string[] }
> {
  constructor(base: string, head: string, files: string[]) {
    super('E_MERGE_CONFLICT', `'${head}' has conflicts with '${base}' that must be resolved`, {
      base,
      head,
      files,
    });
  }
}

export class RevertConflictError extends CodedError<
  'E_REVERT_CONFLICT',
  { sha: string; files: string[] }
> {
  constructor(sha: string, files: string[]) {
    super(
      'E_REVERT_CONFLICT',
      `could not revert ${sha.slice(0, 7)}: conflicts in ${files.join(', ')}`,
      { sha, files },
    );
  }
}

export class RevertMergeNeedsMainlineError extends CodedError<
  'E_REVERT_MERGE_NEEDS_MAINLINE',
  { sha: string; parents: string[] }
> {
  constructor(sha: string, parents: string[]) {
    super(
      'E_REVERT_MERGE_NEEDS_MAINLINE',
      `commit ${sha.slice(0, 7)} is a merge but no mainline parent was given`,
      {
        sha,
        parents,
      },
    );
  }
}

export class PullRequestNotFoundError extends CodedError<'E_PR_NOT_FOUND', { id: number }> {
  constructor(id: number) {
    super('E_PR_NOT_FOUND', `pull request #${id} not found`, { id });
  }
}

export class PullRequestExistsError extends CodedError<
  'E_PR_EXISTS',
  { id: number; head: string; base: string }
> {
  constructor(id: number, head: string, base: string) {
    super('E_PR_EXISTS', `pull request #${id} from '${head}' into '${base}' is already open`, {
      id,
      head,
      base,
    });
  }
}

export class NothingToCompareError extends CodedError<
  'E_PR_NOTHING_TO_COMPARE',
  { head: string; base: string }
> {
  constructor(head: string, base: string) {
    super('E_PR_NOTHING_TO_COMPARE', `'${base}' is up to date with all commits from '${head}'`, {
      head,
      base,
    });
  }
}

export class PullRequestNotOpenError extends CodedError<
  'E_PR_NOT_OPEN',
  { id: number; state: string }
> {
  constructor(id: number, state: string) {
    super('E_PR_NOT_OPEN', `pull request #${id} is ${state}`, { id, state });
  }
}

export class SelfApprovalError extends CodedError<
  'E_PR_SELF_APPROVAL',
  { id: number; user: string }
> {
  constructor(id: number, user: string) {
    super('E_PR_SELF_APPROVAL', `${user} cannot approve their own pull request #${id}`, {
      id,
      user,
    });
  }
}

export class ApprovalsRequiredError extends CodedError<
  'E_PR_APPROVALS_REQUIRED',
  { id: number; required: number; approvals: number }
> {
  constructor(id: number, required: number, approvals: number) {
    super(
      'E_PR_APPROVALS_REQUIRED',
      `pull request #${id} needs ${required} approval(s), has ${approvals}`,
      {
        id,
        required,
        approvals,
      },
    );
  }
}

export class ExportTargetNotEmptyError extends CodedError<
  'E_EXPORT_TARGET_NOT_EMPTY',
  { dir: string }
> {
  constructor(dir: string) {
    super('E_EXPORT_TARGET_NOT_EMPTY', `export target '${dir}' is not empty`, { dir });
  }
}
