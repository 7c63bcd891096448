// The plan of one sync operation: the one place that turns an operation (who asked, for what) and
// the lane's options into `planSync`'s options. The operation runs this plan, and the preview of a
// manual Sync (the UI's sync plan, `argocd app sync --dry-run`) shows this plan, so the two can
// never disagree on order (adjustDeps), waves, prunes or refusals.
import type { DesiredApp } from '../apps/apps';
import type { Operation } from './applications';
import type { ReconcileResult, ResourceDiff } from '../compare/types';
import { comparisonErrorMessage } from './comparison-error';
import { withoutHooks } from '../compare/hooks';
import { pruneDisabled } from './flux-apply';
import { withHooks } from './hook-plan';
import type { GitopsOptions } from './options';
import { argoPlanOptions } from './sync-options-plan';
import type { SyncFlags } from './sync-flags';
import { planSync, type SyncPlan } from './sync-plan';

export interface PlannedOperation {
  kind: Operation['kind'];
  /** Self-heal: only the resources that are not Synced. */
  selective: boolean;
  revision: string;
  /** A manual sync's flags (sync-flags.ts). */
  flags?: SyncFlags;
}

/** Manifests that do not parse refuse the sync, as Argo's ComparisonError does. */
function comparisonError(desired: DesiredApp): SyncPlan {
  return {
    waves: [],
    skippedPrune: [],
    warnings: [],
    refused: {
      code: 'ComparisonError',
      message: `ComparisonError: ${comparisonErrorMessage(desired.errors)}`,
    },
  };
}

/** @param diff the app's diff against `desired` (only asked for when the manifests parse). */
export function operationPlan(
  op: PlannedOperation,
  desired: DesiredApp,
  diff: () => ReconcileResult,
  options: GitopsOptions,
): SyncPlan {
  if (desired.errors.length > 0) return comparisonError(desired);
  const argo = options.flavour === 'argo';
  const plan = planSync(diff(), {
    prune: op.flags?.prune ?? options.prune,
    // Argo guards only automated syncs against pruning everything; a person may.
    allowEmpty: options.allowEmpty || op.kind === 'manual' || op.kind === 'rollback',
    selective: op.selective,
    desiredCount: argo ? withoutHooks(desired.manifests).length : desired.objects.length,
    revision: op.revision,
    ...(options.flavour === 'flux' ? { keepLive: pruneDisabled } : argoPlanOptions(op, options)),
  });
  // Argo CD runs its resource hooks in their phases; to Flux they are plain objects.
  // A selective sync (`--resource`) runs no hooks, as Argo CD's does not.
  const selective = op.selective || (op.flags?.resources?.length ?? 0) > 0;
  return argo ? withHooks(plan, desired.manifests, selective) : plan;
}

/** A manual Sync of Git HEAD, before it runs: its plan and the resources it changes. */
export interface SyncPreview {
  app: string;
  plan: SyncPlan;
  /** The app's OutOfSync resources (none when the manifests do not parse). */
  resources: ResourceDiff[];
}
