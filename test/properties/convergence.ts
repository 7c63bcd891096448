// The end of every random history: the conditions of the convergence promise are made true (argo
// flavour, automated + selfHeal + prune on, no fault active, a HEAD that is valid and not empty),
// then the pull lane must match Git HEAD within poll interval + jitter + self-heal backoff.
import { HISTORY_FILES, APP_PATH, act, type History } from './random-history';
import { headIsValid } from './invariants';

/** Poll 120 s + jitter up to 60 s + self-heal backoff and a sync: 10 minutes is ample. */
const CONVERGENCE_MS = 10 * 60_000;

export interface ConvergenceOutcome {
  /** HEAD was invalid or empty: a commit put the starter files back first. */
  repaired: boolean;
  /**
   * The last sync of HEAD had failed (a fault stopped it): Argo CD never retries a failed sync of
   * the same SHA (REFERENCE.md), so a person presses Sync first.
   */
  manualSync: boolean;
  problems: string[];
}

async function repairHead(h: History): Promise<void> {
  const present = (await h.sandbox.repo.listFiles('HEAD', APP_PATH).catch(() => [])).map(
    (f) => f.path,
  );
  const remove = present.filter((p) => !(p in HISTORY_FILES));
  await act(
    h,
    {
      commit: {
        message: 'Put the app back as it was',
        author: 'operator',
        write: { ...HISTORY_FILES },
        ...(remove.length > 0 ? { remove } : {}),
      },
    },
    true,
  );
}

export async function converge(h: History): Promise<ConvergenceOutcome> {
  const { sandbox } = h;
  const out: ConvergenceOutcome = { repaired: false, manualSync: false, problems: [] };
  const faultLeft = h.pullFaultUntil - sandbox.now();
  if (faultLeft > 0) await act(h, { wait: `${faultLeft + 1_000}ms` }, true);
  await act(h, { set: { lane: 'gitops', automated: true, selfHeal: true, prune: true } }, true);
  if (!(await headIsValid(h))) {
    await repairHead(h);
    out.repaired = true;
    if (!(await headIsValid(h))) {
      out.problems.push('HEAD is still invalid after the repair commit');
      return out;
    }
  }
  const head = await sandbox.repo.resolve('HEAD');
  const app = sandbox.gitops.apps[0]!;
  if (app.lastAttempt?.failed && app.lastAttempt.revision === head) {
    await act(h, { sync: { lane: 'gitops', by: 'operator' } }, true);
    out.manualSync = true;
  }
  await act(h, { wait: `${CONVERGENCE_MS}ms` }, true);
  const status = sandbox.status('gitops');
  // Two independent judges: DriftLab's observer (inSyncWithGit) and the reconciler's own diff.
  if (!status.inSyncWithGit || status.sync !== 'Synced') {
    const unsynced = app.resources
      .filter((r) => r.status !== 'Synced')
      .map((r) => `${r.key} ${r.status}`);
    out.problems.push(
      `the gitops cluster does not match HEAD ${head.slice(0, 7)} ${CONVERGENCE_MS / 60_000} min after the last change: ` +
        JSON.stringify({
          sync: status.sync,
          health: status.health,
          reconciler: sandbox.gitops.state,
          policy: app.policy,
          syncedRevision: app.syncedRevision?.slice(0, 7),
          lastAttempt: app.lastAttempt,
          operation: app.operation && {
            phase: app.operation.phase,
            kind: app.operation.kind,
            message: app.operation.message,
          },
          unsynced,
        }),
    );
  }
  return out;
}
