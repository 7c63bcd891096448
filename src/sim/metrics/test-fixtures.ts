// Hand-built audit trails for the metrics tests: each helper appends one record as the module that
// owns it would write it (repo, pipeline, reconciler, kubectl, controllers, the observer).
import type {
  AuditRecord,
  Channel,
  ClusterName,
  ClusterVerb,
  DeployTrigger,
  FieldChange,
  RollbackMethod,
} from '../audit';

export const SECOND = 1_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

type Write = {
  actor?: string;
  channel?: Channel;
  revision?: string | null;
  changes?: FieldChange[];
};

export class Trail {
  readonly records: AuditRecord[] = [];

  private add(t: number, r: Omit<AuditRecord, 'seq' | 't'>): AuditRecord {
    const record: AuditRecord = { seq: this.records.length, t, ...r };
    this.records.push(record);
    return record;
  }

  commit(t: number, sha: string, verb: 'commit' | 'revert' | 'pr-merge' = 'commit'): AuditRecord {
    return this.add(t, {
      cluster: 'repo',
      actor: 'alice',
      channel: 'git',
      verb,
      object: 'refs/heads/main',
      revision: sha,
      changes: [],
    });
  }

  /** A deploy-succeeded (ok) or deploy-failed record of the lane's pipeline or reconciler. */
  deploy(
    t: number,
    lane: ClusterName,
    sha: string,
    opts: { ok?: boolean; trigger?: DeployTrigger; app?: string } = {},
  ): AuditRecord {
    const gitops = lane === 'gitops';
    return this.add(t, {
      cluster: lane,
      actor: gitops ? 'reconciler' : 'ci-bot',
      channel: gitops ? 'reconciler' : 'pipeline',
      verb: opts.ok === false ? 'deploy-failed' : 'deploy-succeeded',
      object: `app/${opts.app ?? 'app'}`,
      revision: sha,
      changes: [],
      operation: { trigger: opts.trigger ?? (gitops ? 'auto' : 'push') },
    });
  }

  /** A write to a cluster object; by default a person's out-of-band `kubectl` update. */
  write(
    t: number,
    lane: ClusterName,
    object: string,
    verb: ClusterVerb = 'update',
    w: Write = {},
  ): AuditRecord {
    return this.add(t, {
      cluster: lane,
      actor: w.actor ?? 'alice',
      channel: w.channel ?? 'kubectl',
      verb,
      object,
      revision: w.revision ?? null,
      changes: w.changes ?? [],
    });
  }

  /** A write the lane's pipeline or reconciler made from revision `sha`. */
  apply(
    t: number,
    lane: ClusterName,
    object: string,
    sha: string,
    changes: FieldChange[] = [],
    verb: ClusterVerb = 'update',
  ): AuditRecord {
    const gitops = lane === 'gitops';
    return this.write(t, lane, object, verb, {
      actor: gitops ? 'reconciler' : 'ci-bot',
      channel: gitops ? 'reconciler' : 'pipeline',
      revision: sha,
      changes,
    });
  }

  /** A controller's write (the HPA by default). */
  controller(
    t: number,
    lane: ClusterName,
    object: string,
    verb: ClusterVerb = 'update',
    actor = 'horizontal-pod-autoscaler',
  ): AuditRecord {
    return this.write(t, lane, object, verb, {
      actor,
      channel: 'controller',
      changes: [{ path: 'spec.replicas', before: 2, after: 4 }],
    });
  }

  observe(
    t: number,
    lane: ClusterName,
    inSync: boolean,
    cause: 'commit' | 'change' = 'commit',
    causeSeq?: number,
  ): AuditRecord {
    return this.add(t, {
      cluster: lane,
      actor: 'driftlab',
      channel: 'observer',
      verb: 'observe',
      object: 'cluster',
      revision: 'head',
      changes: [],
      operation: { inSync, cause, ...(causeSeq === undefined ? {} : { causeSeq }) },
    });
  }

  /** The GitOps lane's own view changed (`Synced -> OutOfSync` by default). */
  status(
    t: number,
    lane: ClusterName,
    message = 'Updated sync status: Synced -> OutOfSync',
  ): AuditRecord {
    return this.add(t, {
      cluster: lane,
      actor: 'reconciler',
      channel: 'reconciler',
      verb: 'status',
      object: 'app/app',
      revision: 'head',
      changes: [],
      message,
    });
  }

  rollback(t: number, lane: ClusterName, method: RollbackMethod): AuditRecord {
    return this.add(t, {
      cluster: lane,
      actor: 'alice',
      channel: lane === 'gitops' ? 'reconciler' : 'kubectl',
      verb: 'rollback',
      object: 'app/app',
      revision: null,
      changes: [],
      operation: { method },
    });
  }
}
