// How Flux's kustomize-controller applies, where it differs from Argo CD's sync (REFERENCE.md,
// Flux flavour): it applies server-side as the field manager `kustomize-controller`, and at each
// apply it takes over the fields owned by kubectl's field managers (flux FAQ "Why are kubectl edits
// rolled back by Flux?"; kustomize-controller PR #527), so a `kubectl label`, `annotate`, `patch`,
// `edit`, `scale` or `rollout restart` does not survive the next Kustomization interval. Fields of
// controllers (the Deployment controller, the HPA) are left alone. The annotation
// `kustomize.toolkit.fluxcd.io/ssa` opts one object out: `Merge` keeps others' fields (no
// takeover), `Ignore` leaves an existing object alone (it is still created when missing).
import type { KObject } from '../cluster';
import type { TakeOverFrom } from '../cluster/takeover';
import { FLUX_NAME_LABEL } from '../compare/tracking';

export const FLUX_MANAGER = 'kustomize-controller';
export const SSA_ANNOTATION = 'kustomize.toolkit.fluxcd.io/ssa';

/**
 * kubectl's field managers: `kubectl` (server-side apply, and `scale` in recent kubectl) and
 * `kubectl-<command>` (`kubectl-edit`, `-patch`, `-label`, `-annotate`, `-client-side-apply`,
 * `-rollout`, ...), which fluxcd/pkg ssa matches by prefix.
 */
export const isKubectlManager: TakeOverFrom = (manager) =>
  manager === 'kubectl' || manager.startsWith('kubectl-');

export type SsaMode = 'Override' | 'Merge' | 'Ignore';

function modeOf(obj: KObject | undefined): SsaMode | null {
  const value = obj?.metadata.annotations?.[SSA_ANNOTATION];
  if (typeof value !== 'string') return null;
  const lower = value.toLowerCase();
  return lower === 'ignore' ? 'Ignore' : lower === 'merge' ? 'Merge' : null;
}

/** The object's apply mode: from Git's manifest, or from the live object (set in the cluster). */
export function ssaMode(desired: KObject | undefined, live: KObject | undefined): SsaMode {
  const modes = [modeOf(desired), modeOf(live)];
  if (modes.includes('Ignore')) return 'Ignore';
  return modes.includes('Merge') ? 'Merge' : 'Override';
}

// What marks an object as a Kustomization's (REFERENCE.md, Flux flavour): two labels, no Argo CD
// tracking annotation. The simulation's Kustomizations live in `flux-system`, as bootstrap's do.
export const FLUX_NAMESPACE_LABEL = 'kustomize.toolkit.fluxcd.io/namespace';
export const FLUX_NAMESPACE = 'flux-system';
export const PRUNE_ANNOTATION = 'kustomize.toolkit.fluxcd.io/prune';

/** The labels Flux sets on each object a Kustomization named `app` applies. */
export function fluxLabels(app: string): Record<string, string> {
  return { [FLUX_NAME_LABEL]: app, [FLUX_NAMESPACE_LABEL]: FLUX_NAMESPACE };
}

/** `kustomize.toolkit.fluxcd.io/prune: disabled` keeps a live object out of garbage collection. */
export function pruneDisabled(live: KObject | undefined): boolean {
  return (
    live?.metadata.annotations?.[PRUNE_ANNOTATION] === 'disabled' ||
    live?.metadata.labels?.[PRUNE_ANNOTATION] === 'disabled'
  );
}
