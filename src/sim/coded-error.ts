// The one shape of a refusal, as isomorphic-git's src/errors/*.js have it: a class per kind of
// failure, a stable `code` that the UI, the CLI and tests match on (never the message text), and a
// typed `data` payload naming what was at fault. Each layer's errors (git, cluster, kubectl,
// scenario, sandbox, ...) extend it.

/** The data argument: optional when every field of `Data` is (then it defaults to `{}`). */
type DataArg<Data> = object extends Data ? [data?: Data] : [data: Data];

export class CodedError<Code extends string = string, Data extends object = object> extends Error {
  readonly code: Code;
  readonly data: Data;

  constructor(code: Code, message: string, ...[data]: DataArg<Data>) {
    super(message);
    this.code = code;
    this.data = data ?? ({} as Data);
    // The subclass's name (`ClusterError`), as a thrown error prints it.
    this.name = new.target.name;
  }
}

/** Whether `e` is a refusal with a stable code (and not a bug). */
export function isCodedError(e: unknown): e is CodedError {
  return e instanceof CodedError;
}
