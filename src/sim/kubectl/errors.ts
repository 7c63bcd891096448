// Errors kubectl itself answers with, before or around a call to the API server: a line that does
// not parse, an unknown command, flag or resource type, a missing file. Each has a stable `code`;
// the message is the text kubectl prints (several lines when kubectl adds a usage hint). Refusals
// by the API server stay ClusterErrors (src/sim/cluster/errors.ts).
import { CodedError } from '../coded-error';

export type KubectlErrorCode =
  | 'E_SYNTAX' // the line does not split into words (an unterminated quote)
  | 'E_UNKNOWN_COMMAND'
  | 'E_UNSUPPORTED' // a real kubectl command or form DriftLab does not simulate
  | 'E_UNKNOWN_FLAG'
  | 'E_FLAG_VALUE' // a flag without its value, or with a value of the wrong type
  | 'E_MISSING_ARGUMENT'
  | 'E_BAD_ARGUMENT'
  | 'E_UNSAFE_KEY' // a label, annotation or container named __proto__, constructor or prototype
  | 'E_UNKNOWN_RESOURCE_TYPE'
  | 'E_NO_REPO' // `-f` was used where no repository is attached
  | 'E_NO_LOGS' // logs of a container that has not started, or of no previous instance (BadRequest)
  | 'E_NO_PODS' // `logs TYPE/NAME` of a workload that has no Pod
  | 'E_FILE'; // a manifest path is missing (YAML that does not parse is a ClusterError E_INVALID)

export interface KubectlErrorData {
  /** The command the error is about: `get`, `rollout undo`. */
  command?: string;
  /** The word of the line that is at fault. */
  token?: string;
  file?: string;
}

export class KubectlError extends CodedError<KubectlErrorCode, KubectlErrorData> {}

export function isKubectlError(value: unknown): value is KubectlError {
  return value instanceof KubectlError;
}

/** cobra's UsageErrorf: the message, then where to find the command's help. */
export function usageError(
  code: KubectlErrorCode,
  command: string,
  message: string,
  token?: string,
): KubectlError {
  return new KubectlError(
    code,
    `error: ${message}\nSee 'kubectl ${command} -h' for help and examples`,
    { command, ...(token !== undefined ? { token } : {}) },
  );
}

/** pflag's errors (unknown flag, bad value) as kubectl prints them. */
export function flagError(
  code: KubectlErrorCode,
  command: string,
  message: string,
  token: string,
): KubectlError {
  return new KubectlError(code, `error: ${message}\nSee 'kubectl ${command} --help' for usage.`, {
    command,
    token,
  });
}
