// Errors the simulated API server answers with. Each has a stable `code` (tests and the UI match
// on it) and a `data` payload naming the object, the file and the field where known. Messages
// follow what kubectl prints for the same mistake.
import { CodedError } from '../coded-error';

export interface ClusterErrorData {
  object?: string;
  file?: string;
  field?: string;
  /** The line of `file` at fault, when the file itself does not parse. */
  line?: number;
  /**
   * Found by kubectl before any request (no resource mapping, a schema type error), so a
   * client-side dry run finds it too; every other refusal is the API server's.
   */
  clientSide?: true;
}

export type ClusterErrorCode =
  | 'E_INVALID'
  | 'E_FORBIDDEN'
  | 'E_NO_KIND_MATCH'
  | 'E_NOT_FOUND'
  | 'E_NO_ROLLOUT_HISTORY'
  | 'E_BAD_PATCH'
  /** A field named `__proto__`, `constructor` or `prototype` (src/sim/safe-keys.ts). */
  | 'E_UNSAFE_KEY';

export class ClusterError extends CodedError<ClusterErrorCode, ClusterErrorData> {}

export function isClusterError(e: unknown): e is ClusterError {
  return e instanceof ClusterError;
}

/**
 * The file an applied object came from, and whether the apply was creating it or patching the one
 * stored: what `kubectl apply -f` puts in front of a server refusal (cmdutil.AddSourceToErr).
 */
export interface ManifestSource {
  file: string;
  /** Asked only when a refusal is written: a valid apply never looks the object up for it. */
  verb: () => 'creating' | 'patching';
}

/**
 * A server refusal as kubectl prints it: `Error from server (NotFound): <status>`, and with a
 * source `Error from server (Invalid): error when creating "deploy.yaml": <status>`. For a patch,
 * kubectl's full text also quotes the patch and the object before `for: "deploy.yaml": `; only the
 * clause that names the file is kept.
 */
export function fromServer(reason: string, status: string, source?: ManifestSource): string {
  const where = source ? `error when ${source.verb()} "${source.file}": ` : '';
  return `Error from server (${reason}): ${where}${status}`;
}

/**
 * A manifest file that is not valid YAML. kubectl refuses it before any request, with the same
 * code as an invalid object (bad input either way); the file stands for the object it never got to.
 */
export function unparsableFile(file: string, line: number, message: string): ClusterError {
  return new ClusterError(
    'E_INVALID',
    `error: error parsing ${file}: error converting YAML to JSON: yaml: line ${line}: ${message}`,
    { object: file, file, line },
  );
}
