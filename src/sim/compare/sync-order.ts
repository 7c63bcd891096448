// Sync order, as gitops-engine sorts tasks (`pkg/sync/sync_tasks.go`): wave, kind, name, then
// namespace. The diff lists resources in this order; the sync plan (gitops/sync-plan.ts) builds
// its waves from it.
import type { KObject } from '../cluster';

export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';

// prettier-ignore
const KIND_ORDER = [
  'Namespace', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'PodSecurityPolicy',
  'PodDisruptionBudget', 'ServiceAccount', 'Secret', 'SecretList', 'ConfigMap', 'StorageClass',
  'PersistentVolume', 'PersistentVolumeClaim', 'CustomResourceDefinition', 'ClusterRole',
  'ClusterRoleList', 'ClusterRoleBinding', 'ClusterRoleBindingList', 'Role', 'RoleList',
  'RoleBinding', 'RoleBindingList', 'Service', 'DaemonSet', 'Pod', 'ReplicationController',
  'ReplicaSet', 'Deployment', 'HorizontalPodAutoscaler', 'StatefulSet', 'Job', 'CronJob',
  'IngressClass', 'Ingress', 'APIService',
];

const KIND_RANK = new Map(KIND_ORDER.map((kind, i) => [kind, i]));

export function kindRank(kind: string): number {
  return KIND_RANK.get(kind) ?? KIND_ORDER.length;
}

/**
 * The object's sync wave. WARNING: a value that is not an integer is not an error in Argo CD:
 * `syncwaves.Wave()` falls back to the Helm hook weight, then 0 (`strconv.Atoi` fails silently).
 * `invalid` carries the bad text so that the plan can say so; Helm weights are not modelled.
 */
export function syncWaveOf(obj: KObject | undefined): { wave: number; invalid?: string } {
  const text = obj?.metadata.annotations?.[SYNC_WAVE_ANNOTATION];
  if (text === undefined) return { wave: 0 };
  return /^[+-]?\d+$/.test(text) ? { wave: Number(text) } : { wave: 0, invalid: text };
}

export interface Orderable {
  syncWave: number;
  kind: string;
  name: string;
  namespace?: string;
}

export function compareSyncOrder(a: Orderable, b: Orderable): number {
  return (
    a.syncWave - b.syncWave ||
    kindRank(a.kind) - kindRank(b.kind) ||
    cmp(a.name, b.name) ||
    cmp(a.namespace ?? '', b.namespace ?? '')
  );
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
