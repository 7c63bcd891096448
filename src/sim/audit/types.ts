// The audit trail both lanes write to: one typed record for every change to a cluster or to the
// config repository, who made it, through which channel, and from which Git revision.

export type ClusterName = 'devops' | 'gitops';
/** Where a change happened: one of the two clusters, or the config repository. */
export type AuditScope = ClusterName | 'repo';
/** How a change arrived. `controller` covers in-cluster controllers (ReplicaSets, Pods, HPA). */
/** `observer` is DriftLab itself noting when a cluster goes out of or back in sync with Git. */
export type Channel = 'git' | 'pipeline' | 'reconciler' | 'kubectl' | 'controller' | 'observer';

export type ClusterVerb = 'create' | 'update' | 'delete' | 'refuse';
export type RepoVerb =
  | 'commit'
  | 'revert'
  | 'tag'
  | 'branch'
  | 'branch-delete'
  | 'pr-open'
  | 'pr-approve'
  | 'pr-merge'
  | 'pr-close';
/**
 * What a lane records about its own work, in the words Argo CD's events and CI run logs use. These
 * change nothing by themselves; the metrics read deployments, detections and rollbacks from them.
 * - deploy-started / -succeeded / -failed: a pipeline deploy (push) or a sync operation (pull)
 * - status: a lane's view changed (`Synced -> OutOfSync`, `Healthy -> Degraded`)
 * - rollback: a rollback was initiated (its method in `operation.method`)
 * - observe: DriftLab's observer saw the cluster go out of sync with Git HEAD, or back in sync
 * - approve: a person approved a pipeline's waiting deploy (the promotion gate)
 */
export type LaneVerb =
  | 'deploy-started'
  | 'deploy-succeeded'
  | 'deploy-failed'
  | 'status'
  | 'rollback'
  | 'observe'
  | 'approve';

/** Why a deployment ran: a push or re-run (pipeline); an auto-sync, self-heal, retry or a person's sync or rollback (reconciler). */
export type DeployTrigger = 'push' | 'rerun' | 'auto' | 'heal' | 'retry' | 'manual' | 'rollback';
export type RollbackMethod = 'rollout-undo' | 'rerun' | 'git-revert' | 'history';

/** Structured detail of a lane record (deploy-*, rollback, observe). */
export interface OperationDetail {
  trigger?: DeployTrigger;
  method?: RollbackMethod;
  /** observe: whether the cluster now matches Git HEAD. */
  inSync?: boolean;
  /** observe: what moved it: a commit (Git moved ahead) or a change in the cluster. */
  cause?: 'commit' | 'change';
  /** observe: the change record (seq) that moved it, when a cluster change did. */
  causeSeq?: number;
  /** Flux: the Ready reason a reconcile ended with (`flux events` shows it). */
  reason?: string;
}
export type Verb = ClusterVerb | RepoVerb | LaneVerb;

/** One field that changed. `before`/`after` absent = the field did not exist on that side. */
export interface FieldChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditRecord {
  /** Position in the trail, from 0; records are appended in the order they happened. */
  seq: number;
  /** Milliseconds of virtual time since the sandbox started. */
  t: number;
  cluster: AuditScope;
  actor: string;
  channel: Channel;
  verb: Verb;
  /** `Kind/namespace/name` for cluster objects; a ref, tag, PR or file list for the repo. */
  object: string;
  /** The Git revision the change came from; `null` marks an out-of-band change. */
  revision: string | null;
  changes: FieldChange[];
  /** Free text: a commit subject, a refusal's error, a controller's reason. */
  message?: string;
  /** Lane records only: why a deployment ran, how a rollback was made, what the observer saw. */
  operation?: OperationDetail;
}

export type AuditInput = Omit<AuditRecord, 'seq' | 't'>;
