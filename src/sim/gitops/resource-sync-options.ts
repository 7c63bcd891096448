// Argo CD's per-resource sync options: the annotation `argocd.argoproj.io/sync-options`, a
// comma-separated list of `Name=value` (argo-cd docs/user-guide/sync-options.md: "concatenated with
// a `,` in the annotation value; white-space will be trimmed"; gitops-engine pkg/sync/common
// `SyncOptionDisablePrune = "Prune=false"` and its siblings). Each one the simulation models:
//
// - `Prune=false`: never pruned; the resource still requires pruning and the app stays OutOfSync;
//   its sync result reads "ignored (no prune)" (gitops-engine `pruneObject`).
// - `Delete=false`: kept when the Application is deleted (argo-cd `shouldBeDeleted`). It does not
//   stop a prune. DriftLab never deletes an Application, so it changes nothing here.
// - `Replace=true`: `kubectl replace` (or `create`) instead of `kubectl apply`.
// - `ServerSideApply=true|false`: `kubectl apply --server-side`, overriding the app's option.
// - `PruneLast=true`: this resource is pruned after every other wave.
// - `RespectIgnoreDifferences=true|false`: overrides the app's option for this resource.
// Where an option is set both on the app and on the resource, the resource wins (the doc: "setting
// a Prune sync option on the resource will always override" the Application's).
import type { KObject } from '../cluster';

export const SYNC_OPTIONS_ANNOTATION = 'argocd.argoproj.io/sync-options';

// Most objects carry no sync options: they all share this empty answer (a sync asks per resource).
const NONE: ReadonlyMap<string, string> = new Map();

/** The options an object's annotation sets, by name (`Prune` -> `false`). */
export function resourceSyncOptions(obj: KObject | undefined): ReadonlyMap<string, string> {
  const text = obj?.metadata.annotations?.[SYNC_OPTIONS_ANNOTATION];
  if (typeof text !== 'string') return NONE;
  const out = new Map<string, string>();
  for (const item of text.split(',')) {
    const eq = item.indexOf('=');
    if (eq <= 0) continue;
    out.set(item.slice(0, eq).trim(), item.slice(eq + 1).trim());
  }
  return out;
}

/** The resource's own true/false for `name`, or undefined when it does not set it. */
export function resourceFlag(obj: KObject | undefined, name: string): boolean | undefined {
  const value = resourceSyncOptions(obj).get(name)?.toLowerCase();
  return value === 'true' ? true : value === 'false' ? false : undefined;
}

/** `Prune=false`, read from the live object (the one that is pruned), or from Git's. */
export function pruneDisabledByAnnotation(live: KObject | undefined): boolean {
  return resourceFlag(live, 'Prune') === false;
}

/** `Delete=false`: kept when its Application is deleted (not when it is pruned). */
export function deletionDisabled(obj: KObject | undefined): boolean {
  return resourceFlag(obj, 'Delete') === false;
}
