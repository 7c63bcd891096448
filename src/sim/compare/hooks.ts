// Argo CD's resource hooks as the diff sees them (argo-cd docs/user-guide/resource_hooks.md;
// REFERENCE.md, hooks): a manifest annotated `argocd.argoproj.io/hook` is not part of the app's
// desired state. It is run by the sync (gitops/hooks.ts), never compared, never OutOfSync and
// never pruned; `Skip` is never applied at all. Lane-neutral, like tracking.ts: the Argo CD
// compare, its sync plan and DriftLab's own "Matches Git" all leave hooks out.
import type { KObject } from '../cluster';

export const HOOK_ANNOTATION = 'argocd.argoproj.io/hook';
export const HOOK_DELETE_POLICY_ANNOTATION = 'argocd.argoproj.io/hook-delete-policy';

/** The phases a hook runs in. `PostDelete` (on app deletion) is not modelled. */
export const HOOK_PHASES = ['PreSync', 'Sync', 'PostSync', 'SyncFail'] as const;
export type HookPhase = (typeof HOOK_PHASES)[number];
export type HookType = HookPhase | 'Skip';
export type HookDeletePolicy = 'BeforeHookCreation' | 'HookSucceeded' | 'HookFailed';

const TYPES = new Set<string>([...HOOK_PHASES, 'Skip']);
const POLICIES = new Set<string>(['BeforeHookCreation', 'HookSucceeded', 'HookFailed']);

function list(text: unknown, known: Set<string>): string[] {
  if (typeof text !== 'string') return [];
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => known.has(s));
}

/** Whether the object carries the hook annotation (a hook, or a `Skip`ped manifest). */
export function isHook(obj: KObject | undefined): boolean {
  return obj?.metadata.annotations?.[HOOK_ANNOTATION] !== undefined;
}

/** The hook types an object names: "Multiple hooks can be specified as a comma separated list". */
export function hookTypesOf(obj: KObject): HookType[] {
  return list(obj.metadata.annotations?.[HOOK_ANNOTATION], TYPES) as HookType[];
}

/** The delete policies of a hook; `BeforeHookCreation` when it names none (Argo CD's default). */
export function deletePoliciesOf(obj: KObject): HookDeletePolicy[] {
  const named = list(obj.metadata.annotations?.[HOOK_DELETE_POLICY_ANNOTATION], POLICIES);
  return named.length > 0 ? (named as HookDeletePolicy[]) : ['BeforeHookCreation'];
}

// The same array (Git's manifests are frozen and shared per folder content; a live list is kept
// while nothing in it changes) gives the same answer: the diff and the observer ask at every look.
const kept = new WeakMap<readonly KObject[], readonly KObject[]>();

/**
 * The objects without hooks. Returns `objects` itself when none is a hook (the common case), so
 * that caches keyed by the array keep working; otherwise one frozen copy per array.
 */
export function withoutHooks<T extends KObject>(objects: readonly T[]): readonly T[] {
  let out = kept.get(objects);
  if (!out) {
    out = objects.some(isHook) ? Object.freeze(objects.filter((o) => !isHook(o))) : objects;
    kept.set(objects, out);
  }
  return out as readonly T[];
}

/** The hooks among the objects (not the `Skip`ped ones), in the order given. */
export function hooksAmong(objects: readonly KObject[]): KObject[] {
  return objects.filter((o) => hookTypesOf(o).some((t) => t !== 'Skip'));
}
