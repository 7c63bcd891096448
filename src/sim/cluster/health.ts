// Health per kind, as Argo CD's gitops-engine assesses it (pkg/health): one small function per
// kind behind a dispatcher, and a closed, ordered set of statuses. Kinds without a check return
// null: they do not count towards an application's health.
import { podState } from './controllers/kubelet';
import type { KObject } from './object';
import { table } from '../safe-keys';

export type HealthStatus =
  'Healthy' | 'Suspended' | 'Progressing' | 'Missing' | 'Degraded' | 'Unknown';

/** order: Healthy < Suspended < Progressing < Missing < Degraded < Unknown (gitops-engine IsWorse) */
export const HEALTH_ORDER: readonly HealthStatus[] = [
  'Healthy',
  'Suspended',
  'Progressing',
  'Missing',
  'Degraded',
  'Unknown',
];

export interface Health {
  status: HealthStatus;
  message?: string;
}

export function worstHealth(statuses: Iterable<HealthStatus>): HealthStatus {
  let worst: HealthStatus = 'Healthy';
  for (const s of statuses) if (HEALTH_ORDER.indexOf(s) > HEALTH_ORDER.indexOf(worst)) worst = s;
  return worst;
}

type Obj = Record<string, unknown>;
interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

const conditions = (obj: KObject): Condition[] =>
  (obj.status as { conditions?: Condition[] } | undefined)?.conditions ?? [];

function deploymentHealth(obj: KObject): Health {
  const spec = obj.spec as { paused?: boolean; replicas?: number };
  const st = (obj.status ?? {}) as {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    availableReplicas?: number;
  };
  if (spec.paused) return { status: 'Suspended', message: 'Deployment is paused' };
  if ((st.observedGeneration ?? 0) < (obj.metadata.generation ?? 1))
    return {
      status: 'Progressing',
      message:
        'Waiting for rollout to finish: observed deployment generation less than desired generation',
    };
  const progressing = conditions(obj).find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded')
    return {
      status: 'Degraded',
      message: `Deployment "${obj.metadata.name}" exceeded its progress deadline`,
    };
  const want = spec.replicas ?? 1;
  const updated = st.updatedReplicas ?? 0;
  if (updated < want)
    return {
      status: 'Progressing',
      message: `Waiting for rollout to finish: ${updated} out of ${want} new replicas have been updated...`,
    };
  if ((st.replicas ?? 0) > updated)
    return {
      status: 'Progressing',
      message: `Waiting for rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...`,
    };
  if ((st.availableReplicas ?? 0) < updated)
    return {
      status: 'Progressing',
      message: `Waiting for rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...`,
    };
  return { status: 'Healthy' };
}

function replicaSetHealth(obj: KObject): Health {
  const want = ((obj.spec as Obj).replicas as number | undefined) ?? 1;
  const available = ((obj.status as Obj | undefined)?.availableReplicas as number | undefined) ?? 0;
  if (available < want)
    return {
      status: 'Progressing',
      message: `Waiting for rollout to finish: ${available} of ${want} replicas are available...`,
    };
  return { status: 'Healthy' };
}

// gitops-engine pkg/health/health_pod.go: a Pod being deleted is Progressing ("Pending
// deletion"); a waiting reason that starts with `Err` or ends in `Error` or `BackOff`
// (ErrImagePull, CreateContainerConfigError, ImagePullBackOff, CrashLoopBackOff) is Degraded.
// A Pod that ran to completion: Succeeded is Healthy, Failed is Degraded.
function podHealth(obj: KObject): Health {
  const state = podState(obj);
  if (state === 'Completed') return { status: 'Healthy' };
  if (state === 'Error') return { status: 'Degraded', message: 'Error' };
  if (state === 'Terminating') return { status: 'Progressing', message: 'Pending deletion' };
  if (state.startsWith('Err') || state.endsWith('Error') || state.endsWith('BackOff'))
    return { status: 'Degraded', message: state };
  if (state === 'Pending' || state === 'ContainerCreating') return { status: 'Progressing' };
  // A Pod that runs to completion (restartPolicy Never or OnFailure) is Progressing while it runs.
  const restart = (obj.spec as { restartPolicy?: string } | undefined)?.restartPolicy;
  if (restart === 'Never' || restart === 'OnFailure') return { status: 'Progressing' };
  return conditions(obj).some((c) => c.type === 'Ready' && c.status === 'True')
    ? { status: 'Healthy' }
    : { status: 'Progressing' };
}

function serviceHealth(obj: KObject): Health {
  const spec = obj.spec as { type?: string } | undefined;
  const ingress =
    (obj.status as { loadBalancer?: { ingress?: unknown[] } } | undefined)?.loadBalancer?.ingress ??
    [];
  if (spec?.type === 'LoadBalancer' && ingress.length === 0)
    return {
      status: 'Progressing',
      message: 'Waiting for the load balancer (this simulation has no cloud provider)',
    };
  return { status: 'Healthy' };
}

// gitops-engine pkg/health/health_hpa.go checkConditions: the first condition (in status order)
// that is a known failure is Degraded, the first known good one is Healthy; else Progressing.
const HPA_DEGRADED = new Set([
  'AbleToScale/FailedGetScale',
  'AbleToScale/FailedUpdateScale',
  'ScalingActive/FailedGetResourceMetric',
  'ScalingActive/InvalidSelector',
]);
const HPA_HEALTHY = new Set([
  'AbleToScale/SucceededRescale',
  'ScalingLimited/DesiredWithinRange',
  'ScalingLimited/TooFewReplicas',
  'ScalingLimited/TooManyReplicas',
]);

function hpaHealth(obj: KObject): Health {
  for (const c of conditions(obj)) {
    const key = `${c.type}/${c.reason ?? ''}`;
    if (HPA_DEGRADED.has(key)) return { status: 'Degraded', message: c.message ?? '' };
    if (HPA_HEALTHY.has(key)) return { status: 'Healthy', message: c.message ?? '' };
  }
  return { status: 'Progressing', message: 'Waiting to Autoscale' };
}

// gitops-engine pkg/health/health_statefulset.go (after kubectl's rollout status).
function statefulSetHealth(obj: KObject): Health {
  const spec = obj.spec as {
    replicas?: number;
    updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } };
  };
  const st = (obj.status ?? {}) as {
    observedGeneration?: number;
    readyReplicas?: number;
    updatedReplicas?: number;
    currentReplicas?: number;
    currentRevision?: string;
    updateRevision?: string;
  };
  if (!st.observedGeneration || (obj.metadata.generation ?? 1) > st.observedGeneration)
    return {
      status: 'Progressing',
      message: 'Waiting for statefulset spec update to be observed...',
    };
  const want = spec.replicas ?? 1;
  const ready = st.readyReplicas ?? 0;
  const updated = st.updatedReplicas ?? 0;
  if (ready < want)
    return { status: 'Progressing', message: `Waiting for ${want - ready} pods to be ready...` };
  const strategy = spec.updateStrategy ?? {};
  if (strategy.type === 'RollingUpdate' && strategy.rollingUpdate) {
    const partition = strategy.rollingUpdate.partition;
    if (partition !== undefined && updated < want - partition)
      return {
        status: 'Progressing',
        message: `Waiting for partitioned roll out to finish: ${updated} out of ${want - partition} new pods have been updated...`,
      };
    return {
      status: 'Healthy',
      message: `partitioned roll out complete: ${updated} new pods have been updated...`,
    };
  }
  if (strategy.type === 'OnDelete')
    return { status: 'Healthy', message: `statefulset has ${ready} ready pods` };
  if (st.updateRevision !== st.currentRevision)
    return {
      status: 'Progressing',
      message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${st.updateRevision ?? ''}...`,
    };
  return {
    status: 'Healthy',
    message: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision ?? ''}...`,
  };
}

// gitops-engine pkg/health/health_job.go: Progressing until a Complete or Failed condition;
// Failed is Degraded (with the condition's message), Complete is Healthy.
function jobHealth(obj: KObject): Health {
  const cs = conditions(obj);
  const failed = cs.find((c) => c.type === 'Failed' && c.status === 'True');
  if (failed) return { status: 'Degraded', message: failed.message ?? '' };
  const complete = cs.find((c) => c.type === 'Complete' && c.status === 'True');
  if (complete)
    return { status: 'Healthy', ...(complete.message ? { message: complete.message } : {}) };
  return { status: 'Progressing' };
}

const CHECKS = table<(obj: KObject) => Health>({
  Deployment: deploymentHealth,
  ReplicaSet: replicaSetHealth,
  StatefulSet: statefulSetHealth,
  Pod: podHealth,
  Service: serviceHealth,
  HorizontalPodAutoscaler: hpaHealth,
  Job: jobHealth,
});

/** Whether the kind has a health check: without one, an object does not count towards an app's. */
export function hasHealthCheck(kind: string): boolean {
  return CHECKS[kind] !== undefined;
}

/** The object's health, or null for kinds without a health check (ConfigMap, Secret, ...). */
export function healthOf(obj: KObject | undefined): Health | null {
  if (!obj) return { status: 'Missing' };
  const check = CHECKS[obj.kind];
  return check ? check(obj) : null;
}
