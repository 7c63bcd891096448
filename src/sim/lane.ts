// What every lane offers the sandbox, whatever its way of deploying: its options, its machine's
// state and last transition, its part of the lane status, its own rollback method, its faults,
// and what happens to it when its cluster is lost. The sandbox, rollbacks, faults and status
// speak to this interface; nothing outside a lane's folder asks which lane it is talking to.
// The push lane (devops/lane.ts) and the pull lane (gitops/lane.ts) implement it.
import type { ClusterName, RollbackMethod } from './audit';
import type { PipelineState } from './devops/lane';
import type { DevopsOptions } from './devops/options';
import type { GitopsOptions } from './gitops/options';
import type { SyncStatusCode } from './gitops/app-status';
import type { FaultKind } from './sandbox-errors';
import type { Transition } from './lanes/transitions';

/** Each lane's options, by lane name: the one place that says which options belong to which. */
export interface LaneOptionsOf {
  devops: DevopsOptions;
  gitops: GitopsOptions;
}

/** When a fault starts and how long or how often it lasts (from the `fault` action). */
export interface FaultTiming {
  /** Virtual time at which a timed fault ends (now + `forMs`). */
  untilMs: number;
  forMs?: number;
  count?: number;
}

/** A rollback a lane offers beyond the two every lane has (`rollout-undo`, `git-revert`). */
export type LaneRollbackMethod = Exclude<RollbackMethod, 'rollout-undo' | 'git-revert'>;

export interface LaneRollbackRequest {
  method: LaneRollbackMethod;
  by: string;
  to?: string | number;
  disableAutoSync?: boolean;
  app?: string;
  /** Writes the rollback's audit record (the sandbox's, shared by every method). */
  record: (message: string, revision?: string | null) => void;
}

export interface Lane<N extends ClusterName = ClusterName> {
  readonly name: N;
  /** The audit channel the lane's deployer writes through. */
  readonly channel: 'pipeline' | 'reconciler';
  /**
   * Whether the deployer holds cluster credentials outside the cluster (a CI token), which can
   * leak. The pull lane's reconciler runs inside the cluster: there is nothing to leak.
   */
  readonly ciToken: boolean;
  readonly options: LaneOptionsOf[N];
  setOption<K extends keyof LaneOptionsOf[N]>(key: K, value: LaneOptionsOf[N][K]): void;

  /** The lane machine's state as the UI names it, and its last change. */
  readonly state: string;
  readonly lastTransition: Transition<string> | null;
  /** Argo CD's sync status of each app, by app name, for a lane that has one (else null). */
  readonly syncStatuses: ReadonlyMap<string, SyncStatusCode> | null;
  /** The pipeline's state while a run is under way, for a lane that has a pipeline (else null). */
  readonly pipeline: Exclude<PipelineState, 'idle'> | null;

  /**
   * The lane's own rollback (`rerun` of a pipeline, Argo CD's `history`): the text to show, or a
   * SandboxError E_BAD_ROLLBACK when the lane has no such method.
   */
  ownRollback(request: LaneRollbackRequest): Promise<string>;
  /** Injects a fault of this lane's; false when the fault does not apply to the lane. */
  fault(kind: FaultKind, timing: FaultTiming): boolean;
  /** The lane's cluster was lost and recreated empty. */
  clusterLost(): void;
}

/** Both lanes, by name: a record the compiler checks to be complete. */
export type Lanes = { [N in ClusterName]: Lane<N> };
