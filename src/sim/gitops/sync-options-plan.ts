// What Argo CD's sync options and a manual sync's flags change in the plan of one operation
// (operation-plan.ts passes them to planSync): `Prune=false` objects are left alone, prunes run in
// the waves or last (PruneLast), ApplyOutOfSyncOnly applies only what differs, `--resource` picks
// the resources of a selective sync.
import type { GitopsOptions } from './options';
import { pruneDisabledByAnnotation } from './resource-sync-options';
import { selectedResources, type SyncFlags } from './sync-flags';
import { prunesLast } from './sync-options';
import type { PlanOptions } from './sync-plan';

export function argoPlanOptions(
  op: { selective: boolean; flags?: SyncFlags },
  options: GitopsOptions,
): Partial<PlanOptions> {
  const { syncOptions } = options;
  const only = selectedResources(op.flags);
  return {
    keepLive: pruneDisabledByAnnotation,
    pruneLast: (r) => prunesLast(r.live, syncOptions),
    // docs "Apply Resources OutOfSync Only": syncs only out-of-sync resources.
    selective: op.selective || syncOptions.ApplyOutOfSyncOnly,
    ...(only ? { only } : {}),
  };
}
