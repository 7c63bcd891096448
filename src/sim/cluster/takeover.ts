// An apply that takes over the fields of some other field managers before it merges, as Flux's
// kustomize-controller does with kubectl's (REFERENCE.md, Flux flavour: "kubectl edits do not
// survive"; kustomize-controller PR #527, fluxcd/pkg ssa `Cleanup.FieldManagers`). The taken fields
// become the applier's, so the apply that follows deletes those its manifest no longer sets (a
// label from `kubectl label`, `rollout restart`'s `restartedAt`) and sets Git's value on the rest.
// Fields of managers it does not take from (the Deployment controller, the HPA) stay theirs.
import type { FieldPath } from './fieldpath';
import type { Ownership } from './ownership';

/** Which managers' fields an apply takes over. */
export type TakeOverFrom = (manager: string) => boolean;

/** Whether a manager that `from` names owns at least one field: the apply has something to take. */
export function hasFieldsToTake(ownership: Ownership | undefined, from: TakeOverFrom): boolean {
  for (const [manager, paths] of ownership ?? []) if (paths.size > 0 && from(manager)) return true;
  return false;
}

/** Moves every field of the managers `from` names to `manager`. Edits `ownership`. */
export function takeOverFields(ownership: Ownership, manager: string, from: TakeOverFrom): void {
  const mine = new Map<string, FieldPath>(ownership.get(manager));
  for (const [other, paths] of ownership) {
    if (other === manager || !from(other)) continue;
    for (const [text, path] of paths) mine.set(text, path);
    ownership.delete(other);
  }
  ownership.set(manager, mine);
}
