// The audit trail both lanes write to: one typed record for every change to a cluster or to the
// config repository, who made it, through which channel, and from which Git revision.

export type ClusterName = 'devops' | 'gitops';
/** Where a change happened: one of the two clusters, or the config repository. */
export type AuditScope = ClusterName | 'repo';
/** How a change arrived. `controller` covers in-cluster controllers (ReplicaSets, Pods, HPA). */
export type Channel = 'git' | 'pipeline' | 'reconciler' | 'kubectl' | 'controller';

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
export type Verb = ClusterVerb | RepoVerb;

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
}

export type AuditInput = Omit<AuditRecord, 'seq' | 't'>;
