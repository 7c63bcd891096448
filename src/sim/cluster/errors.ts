// Errors the simulated API server answers with. Each has a stable `code` (tests and the UI match
// on it) and a `data` payload naming the object, the file and the field where known. Messages
// follow what kubectl prints for the same mistake.

export interface ClusterErrorData {
  object?: string;
  file?: string;
  field?: string;
}

export type ClusterErrorCode =
  'E_INVALID' | 'E_NO_KIND_MATCH' | 'E_NOT_FOUND' | 'E_NO_ROLLOUT_HISTORY' | 'E_BAD_PATCH';

export class ClusterError extends Error {
  constructor(
    readonly code: ClusterErrorCode,
    message: string,
    readonly data: ClusterErrorData = {},
  ) {
    super(message);
    this.name = 'ClusterError';
  }
}

export function isClusterError(e: unknown): e is ClusterError {
  return e instanceof ClusterError;
}
