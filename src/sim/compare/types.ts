// The plain data a diff produces, which the GitOps lane's sync plan, the observer, health and the
// UI read.
import type { HealthStatus, KObject, ObjectRef } from '../cluster';

export type ResourceSyncStatus = 'Synced' | 'OutOfSync';
/** missing: in Git, not live. extra: live (tracked by the app), not in Git. modified: fields differ. */
export type DiffReason = 'missing' | 'extra' | 'modified';

/** One field the manifest sets whose live value differs or is absent. Secret values are hashes. */
export interface FieldDiff {
  path: string;
  desired?: unknown;
  live?: unknown;
}

export interface ResourceDiff {
  key: string;
  ref: ObjectRef;
  group: string;
  kind: string;
  name: string;
  namespace?: string;
  status: ResourceSyncStatus;
  reason: DiffReason | null;
  requiresPruning: boolean;
  /** From the desired object, else the live one (Argo's `ResourceStatus.syncWave`). */
  syncWave: number;
  fields: FieldDiff[];
  /** Fields that differ but ignoreDifferences hides. */
  ignored: string[];
  /**
   * The manifest as Git has it (namespace resolved by reconcile): what a sync applies.
   * WARNING: a Secret's values are here as Git holds them; show it through maskObject.
   */
  desired?: KObject;
  /** The live object with Secret values masked: safe to show. */
  live?: KObject;
  /** Unified diff, live -> desired, over the fields the manifest sets; only when OutOfSync. */
  textDiff?: string;
}

export interface AppCondition {
  type: 'RepeatedResourceWarning';
  message: string;
}

export interface ReconcileResult {
  /** Sorted by sync order: wave, kind, name. */
  resources: ResourceDiff[];
  sync: ResourceSyncStatus;
  /** OutOfSync only because of resources to prune (auto-sync skips this when prune is off). */
  onlyPruneNeeded: boolean;
  conditions: AppCondition[];
}

/** One app of a lane's cluster against Git HEAD, as the observer sees it (apps/in-sync.ts). */
export interface AppSyncView {
  inSyncWithGit: boolean;
  /** Keys of the objects that differ from Git (missing, modified, or orphaned). */
  differing: string[];
  /** Every object compared, with its field-level diff (Secret values masked). */
  resources: ResourceDiff[];
  health: HealthStatus;
  healthMessage?: string;
  /** Git HEAD's manifests for the app do not parse: the cluster cannot match them. */
  invalid: boolean;
}
