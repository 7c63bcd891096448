// What every write to the cluster carries (who, through which channel, as which field manager) and
// what an apply answers.
import type { Channel } from '../audit';
import type { ObjectRef } from './object';
import type { TakeOverFrom } from './takeover';

/** Who writes, through which channel, as which field manager, and from which Git revision. */
export interface WriteContext {
  actor: string;
  channel: Channel;
  manager: string;
  /** The Git revision the change comes from; null for an out-of-band change. */
  revision: string | null;
  /** The manifest's file, for error messages. */
  file?: string;
}

/** How an apply goes: a dry run changes nothing; `takeOver` names managers whose fields it takes. */
export interface ApplyOptions {
  dryRun?: boolean;
  takeOver?: TakeOverFrom;
  /**
   * `kubectl apply --server-side --force-conflicts` by a manager that otherwise applies
   * client-side (Argo CD's `ServerSideApply=true`): field ownership decides, no last-applied.
   */
  serverSide?: boolean;
}

export type ApplyOutcome = 'created' | 'configured' | 'unchanged';

export interface ApplyResult {
  readonly outcome: ApplyOutcome;
  readonly ref: Readonly<ObjectRef>;
  /** The object's store key (`Kind/namespace/name`, its refKey). */
  readonly key: string;
  /** kubectl's name for the object: `deployment.apps/web`, `service/web`. */
  readonly display: string;
  readonly warnings: readonly string[];
}
