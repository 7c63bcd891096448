// Rollbacks and faults, as the sandbox offers them to scenarios, the console and the app. Each
// acts through the sandbox's own parts (its lanes, clusters, repository and audit trail); the
// sandbox settles and notifies afterwards.
import type { ClusterName, RollbackMethod } from './audit';
import { ops, refOf } from './cluster';
import type { Sandbox } from './sandbox';
import { SandboxError, type FaultKind } from './sandbox-errors';

/**
 * A rollback, by one of the methods people use:
 * - rollout-undo: `kubectl rollout undo` on every Deployment of the lane (the cluster now
 *   disagrees with Git);
 * - git-revert: revert a commit (default HEAD) in Git: both lanes deploy the revert;
 * - a lane's own: `rerun` re-runs the pipeline of an earlier commit (default: the previous
 *   successful run's), `history` is Argo CD's rollback to a history id (default: the previous
 *   entry); the other lane refuses it (Lane.ownRollback).
 */
export async function rollbackLane(
  sandbox: Sandbox,
  lane: ClusterName,
  method: RollbackMethod,
  by: string,
  opts: { to?: string | number; disableAutoSync?: boolean; app?: string },
): Promise<string> {
  const record = (message: string, revision: string | null = null) =>
    sandbox.audit.append({
      cluster: lane,
      actor: by,
      channel: sandbox.lanes[lane].channel,
      verb: 'rollback',
      object: `app/${sandbox.apps.map((a) => a.name).join(',')}`,
      revision,
      changes: [],
      message,
      operation: { method },
    });
  switch (method) {
    case 'rollout-undo': {
      record(
        'kubectl rollout undo: the cluster runs the previous ReplicaSet template; Git is unchanged',
      );
      const cluster = sandbox.clusters[lane];
      const lines = cluster
        .list({ kind: 'Deployment' })
        .map((d) => ops.rolloutUndo(cluster, refOf(d), { actor: by }));
      return lines.join('\n');
    }
    case 'git-revert': {
      const target = await sandbox.repo.resolve(opts.to !== undefined ? String(opts.to) : 'HEAD');
      record(`git revert ${target.slice(0, 7)}: Git and the cluster roll back together`, target);
      const sha = await sandbox.revert(target, by);
      return `reverted ${target.slice(0, 7)} in ${sha.slice(0, 7)}`;
    }
    // A lane's own method (a pipeline re-run, Argo CD's history), or its refusal.
    default:
      return sandbox.lanes[lane].ownRollback({ method, by, ...opts, record });
  }
}

/** Injects a fault for `forMs` of virtual time (or, for counts, the next `count` times). */
export function injectFault(
  sandbox: Sandbox,
  lane: ClusterName,
  kind: FaultKind,
  opts: { forMs?: number; count?: number },
): void {
  const timing = { untilMs: sandbox.now() + (opts.forMs ?? 0), ...opts };
  if (!sandbox.lanes[lane].fault(kind, timing))
    throw new SandboxError('E_BAD_FAULT', `fault ${kind} does not apply to the ${lane} lane`);
}
