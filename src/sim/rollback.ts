// Rollbacks and faults, as the sandbox offers them to scenarios, the console and the app. Each
// acts through the sandbox's own parts (its lanes, clusters, repository and audit trail); the
// sandbox settles and notifies afterwards.
import type { ClusterName, RollbackMethod } from './audit';
import { ops, refOf } from './cluster';
import { GitopsError } from './gitops/lane';
import type { Sandbox } from './sandbox';
import { SandboxError, type FaultKind } from './sandbox-errors';

/**
 * A rollback, by one of the methods people use:
 * - rollout-undo: `kubectl rollout undo` on every Deployment of the lane (the cluster now
 *   disagrees with Git);
 * - rerun: re-run the pipeline of an earlier commit (default: the previous successful run's);
 * - git-revert: revert a commit (default HEAD) in Git: both lanes deploy the revert;
 * - history: Argo CD's rollback to a history id (default: the previous entry).
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
      channel: lane === 'devops' ? 'pipeline' : 'reconciler',
      verb: 'rollback',
      object: `app/${sandbox.apps.map((a) => a.name).join(',')}`,
      revision,
      changes: [],
      message,
      operation: { method },
    });
  let text: string;
  switch (method) {
    case 'rollout-undo': {
      record(
        'kubectl rollout undo: the cluster runs the previous ReplicaSet template; Git is unchanged',
      );
      const cluster = sandbox.clusters[lane];
      const lines = cluster
        .list({ kind: 'Deployment' })
        .map((d) => ops.rolloutUndo(cluster, refOf(d), { actor: by }));
      text = lines.join('\n');
      break;
    }
    case 'rerun': {
      if (lane !== 'devops')
        throw new SandboxError(
          'E_BAD_ROLLBACK',
          'rerun is a pipeline rollback: the GitOps lane has no pipeline to re-run',
        );
      const revision =
        opts.to !== undefined
          ? await sandbox.repo.resolve(String(opts.to))
          : sandbox.devops.lastSuccessfulRevision(sandbox.devops.latestRun?.id ?? Infinity);
      if (!revision)
        throw new SandboxError('E_BAD_ROLLBACK', 'no earlier successful run to re-run');
      record(
        `re-run the pipeline of ${revision.slice(0, 7)}; Git HEAD still names the newer commit`,
        revision,
      );
      sandbox.devops.rerun(revision, by);
      text = `re-running ${revision.slice(0, 7)}`;
      break;
    }
    case 'git-revert': {
      const target = await sandbox.repo.resolve(opts.to !== undefined ? String(opts.to) : 'HEAD');
      record(`git revert ${target.slice(0, 7)}: Git and the cluster roll back together`, target);
      const sha = await sandbox.revert(target, by);
      text = `reverted ${target.slice(0, 7)} in ${sha.slice(0, 7)}`;
      break;
    }
    case 'history': {
      if (lane !== 'gitops')
        throw new SandboxError(
          'E_BAD_ROLLBACK',
          'history rollback is an Argo CD feature: the push lane has no sync history',
        );
      try {
        const entry = sandbox.gitops.rollback(by, {
          ...(typeof opts.to === 'number' ? { id: opts.to } : {}),
          ...(opts.disableAutoSync ? { disableAutoSync: true } : {}),
          ...(opts.app !== undefined ? { app: opts.app } : {}),
        });
        text = `rolling back to history id ${entry.id} (${entry.revision.slice(0, 7)})`;
      } catch (e) {
        if (e instanceof GitopsError) throw new SandboxError(e.code, e.message);
        throw e;
      }
      break;
    }
  }
  return text;
}

/** Injects a fault for `forMs` of virtual time (or, for counts, the next `count` times). */
export function injectFault(
  sandbox: Sandbox,
  lane: ClusterName,
  kind: FaultKind,
  opts: { forMs?: number; count?: number },
): void {
  const until = sandbox.now() + (opts.forMs ?? 0);
  const wrong = () =>
    new SandboxError('E_BAD_FAULT', `fault ${kind} does not apply to the ${lane} lane`);
  switch (kind) {
    case 'flaky-tests':
      if (lane !== 'devops') throw wrong();
      sandbox.devops.failTests(
        opts.forMs !== undefined ? { untilMs: until } : { runs: opts.count ?? 1 },
      );
      break;
    case 'deploy-fails-after':
      if (lane !== 'devops') throw wrong();
      sandbox.devops.deployFailsAfter(opts.count ?? 1);
      break;
    case 'ci-down':
      if (lane !== 'devops') throw wrong();
      sandbox.devops.ciDown(until);
      break;
    case 'git-unreachable':
      if (lane !== 'gitops') throw wrong();
      sandbox.gitops.gitUnreachable(until);
      break;
    case 'reconciler-down':
      if (lane !== 'gitops') throw wrong();
      sandbox.gitops.reconcilerDown(until);
      break;
  }
}
