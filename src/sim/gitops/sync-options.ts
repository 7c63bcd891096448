// Argo CD's app-level sync options (`spec.syncPolicy.syncOptions`, argo-cd
// docs/user-guide/sync-options.md), as the GitOps lane holds them: one switch each, all off by
// default as in a new Application. A scenario writes them as Argo's list (`- PruneLast=true`).
//
// - CreateNamespace: create a namespace the app's objects live in when it is missing.
//   Simplification: DriftLab's Applications have no `spec.destination.namespace`, so every
//   namespace the app's manifests name (and do not declare) is created; like Argo's, it is not
//   tracked, so it is never pruned.
// - PruneLast: prune after every apply wave (and once they are healthy) instead of in the waves.
// - ApplyOutOfSyncOnly: apply only the resources that are not Synced (still a history entry).
// - RespectIgnoreDifferences: the fields ignoreDifferences names keep their live value at sync.
// - ServerSideApply: `kubectl apply --server-side --force-conflicts`, field manager
//   `argocd-controller`, no last-applied annotation.
// - Replace: `kubectl replace`/`create` instead of `kubectl apply` (takes precedence over
//   ServerSideApply, as the doc says).
import type { KObject } from '../cluster';
import type { IgnoreDifference } from '../compare/ignore';
import { resourceFlag } from './resource-sync-options';

export interface SyncOptions {
  CreateNamespace: boolean;
  PruneLast: boolean;
  ApplyOutOfSyncOnly: boolean;
  RespectIgnoreDifferences: boolean;
  ServerSideApply: boolean;
  Replace: boolean;
}

export type SyncOptionName = keyof SyncOptions;

export const SYNC_OPTION_NAMES: readonly SyncOptionName[] = [
  'CreateNamespace',
  'PruneLast',
  'ApplyOutOfSyncOnly',
  'RespectIgnoreDifferences',
  'ServerSideApply',
  'Replace',
];

/** A new Application's: none set. */
export const NO_SYNC_OPTIONS: Readonly<SyncOptions> = Object.freeze({
  CreateNamespace: false,
  PruneLast: false,
  ApplyOutOfSyncOnly: false,
  RespectIgnoreDifferences: false,
  ServerSideApply: false,
  Replace: false,
});

/** What each does, in plain words (the lane's options show them). */
export const SYNC_OPTION_WORDS: Readonly<Record<SyncOptionName, string>> = {
  CreateNamespace: 'Create a missing namespace that the app deploys into, before applying',
  PruneLast: 'Delete removed objects only at the end, after every wave is applied and healthy',
  ApplyOutOfSyncOnly: 'Apply only the objects that differ from Git, not every object',
  RespectIgnoreDifferences: 'Fields in ignoreDifferences keep their live value when syncing',
  ServerSideApply:
    'kubectl apply --server-side: field ownership instead of the last-applied annotation',
  Replace: 'kubectl replace: the live object becomes exactly the manifest (fields not in Git go)',
};

/** The written list (`PruneLast=true`, ...) as switches; an unknown entry is refused by the schema. */
export function syncOptionsFrom(written: readonly string[]): SyncOptions {
  const out: SyncOptions = { ...NO_SYNC_OPTIONS };
  for (const item of written) {
    const [name, value] = item.split('=') as [SyncOptionName, string];
    if (SYNC_OPTION_NAMES.includes(name)) out[name] = value.trim().toLowerCase() === 'true';
  }
  return out;
}

/** The switches as Argo's list writes them: only those on. */
export function syncOptionsList(options: SyncOptions): string[] {
  return SYNC_OPTION_NAMES.filter((n) => options[n]).map((n) => `${n}=true`);
}

/** How one resource is applied: the resource's annotation first, then the app's option. */
export type ApplyMode = 'apply' | 'server-side' | 'replace';

export function applyModeOf(manifest: KObject | undefined, app: SyncOptions): ApplyMode {
  if (resourceFlag(manifest, 'Replace') ?? app.Replace) return 'replace';
  if (resourceFlag(manifest, 'ServerSideApply') ?? app.ServerSideApply) return 'server-side';
  return 'apply';
}

/** Whether ignoreDifferences is respected at sync for this resource (its annotation first). */
export function respectsIgnore(manifest: KObject | undefined, app: SyncOptions): boolean {
  // The doc: `=false` on the resource turns it off; `=true` turns it on without the app's.
  return resourceFlag(manifest, 'RespectIgnoreDifferences') ?? app.RespectIgnoreDifferences;
}

/** Whether this resource is pruned last: the app's PruneLast, or `PruneLast=true` on it. */
export function prunesLast(live: KObject | undefined, app: SyncOptions): boolean {
  return app.PruneLast || resourceFlag(live, 'PruneLast') === true;
}

/** What an Argo CD sync needs to know to apply each resource (sync-run.ts, argo-apply.ts). */
export interface ArgoSyncSettings {
  syncOptions: SyncOptions;
  ignoreDifferences: readonly IgnoreDifference[];
}

export const NO_ARGO_SETTINGS: ArgoSyncSettings = {
  syncOptions: NO_SYNC_OPTIONS,
  ignoreDifferences: [],
};
