// The flags of one manual sync, as `argocd app sync` takes them (argo-cd
// docs/user-guide/commands/argocd_app_sync.md) and the scenario `sync` action writes them:
//
// - `prune`: delete what Git no longer declares in this sync. Simplification: left out, the
//   lane's prune policy decides (Argo's own CLI and UI prune only when asked).
// - `dryRun`: `kubectl apply --dry-run` of every task: the operation reports what it would do
//   ("configured (dry run)", "pruned (dry run)") and changes nothing, nor the app's history.
// - `resources`: a selective sync of only these, each `GROUP:KIND:NAME` or
//   `GROUP:KIND:NAMESPACE/NAME` (the group is empty for the core API: `:Service:web`). As in Argo
//   CD (controller/sync.go persists history only for a sync of every resource), a selective sync
//   adds no history entry.
import type { ResourceDiff } from '../compare/types';
import { CodedError } from '../coded-error';

export interface SyncFlags {
  prune?: boolean;
  dryRun?: boolean;
  resources?: readonly string[];
}

export interface ResourceSelector {
  group: string;
  kind: string;
  namespace?: string;
  name: string;
}

export class ResourceSelectorError extends CodedError<'E_BAD_RESOURCE'> {}

/** `apps:Deployment:web`, `:Service:shop/web`; the CLI's words when it is not that form. */
export function parseResourceSelector(text: string): ResourceSelector {
  const parts = text.split(':');
  if (parts.length !== 3 || !parts[1] || !parts[2])
    throw new ResourceSelectorError(
      'E_BAD_RESOURCE',
      `Resource filter "${text}" is not in the format GROUP:KIND:NAME or GROUP:KIND:NAMESPACE/NAME`,
    );
  const [group, kind, last] = parts as [string, string, string];
  const slash = last.indexOf('/');
  return slash < 0
    ? { group, kind, name: last }
    : { group, kind, namespace: last.slice(0, slash), name: last.slice(slash + 1) };
}

function matches(r: ResourceDiff, s: ResourceSelector): boolean {
  return (
    r.group === s.group &&
    r.kind === s.kind &&
    r.name === s.name &&
    (s.namespace === undefined || (r.namespace ?? '') === s.namespace)
  );
}

/** The resources a selective sync picks; undefined when it syncs every resource. */
export function selectedResources(
  flags: SyncFlags | undefined,
): ((r: ResourceDiff) => boolean) | undefined {
  if (!flags?.resources?.length) return undefined;
  const selectors = flags.resources.map(parseResourceSelector);
  return (r) => selectors.some((s) => matches(r, s));
}
