// A Pod's status as the kubelet reports it and as readers ask about it: the STATUS kubectl prints,
// readiness, availability (minReadySeconds) and the QoS class.
import type { Container, PodCondition, PodSpec, PodStatus } from 'kubernetes-types/core/v1';
import type { KObject } from '../object';
import { virtualMsOf } from '../time';

/**
 * What `kubectl get pods` shows in STATUS: `Terminating` once deletion began, else a waiting
 * container's reason (ContainerCreating, ErrImagePull, ImagePullBackOff, CrashLoopBackOff,
 * CreateContainerConfigError), `Completed` or `Error` for a Pod that ran to completion (a Job's:
 * Succeeded, or Failed with a container's terminated reason), else the phase.
 */
export type PodState =
  | 'Pending'
  | 'Running'
  | 'Terminating'
  | 'Completed'
  | 'Error'
  | 'ContainerCreating'
  | 'ErrImagePull'
  | 'ImagePullBackOff'
  | 'CrashLoopBackOff'
  | 'CreateContainerConfigError';

const WAITING = new Set<string>([
  'ContainerCreating',
  'ErrImagePull',
  'ImagePullBackOff',
  'CrashLoopBackOff',
  'CreateContainerConfigError',
]);

function statusOf(pod: KObject): PodStatus | undefined {
  return pod.status as PodStatus | undefined;
}

export function isTerminating(pod: KObject): boolean {
  return pod.metadata.deletionTimestamp !== undefined;
}

export function podState(pod: KObject): PodState {
  if (isTerminating(pod)) return 'Terminating';
  const status = statusOf(pod);
  if (status?.phase === 'Succeeded') return 'Completed';
  if (status?.phase === 'Failed') return 'Error';
  for (const s of status?.containerStatuses ?? []) {
    const reason = s.state?.waiting?.reason;
    if (reason !== undefined && reason !== 'ContainerCreating' && WAITING.has(reason))
      return reason as PodState;
  }
  if (status?.phase === 'Running') return 'Running';
  return status?.containerStatuses?.some((s) => s.state?.waiting?.reason === 'ContainerCreating')
    ? 'ContainerCreating'
    : 'Pending';
}

function readyCondition(pod: KObject): PodCondition | undefined {
  return statusOf(pod)?.conditions?.find((c) => c.type === 'Ready');
}

export function isPodReady(pod: KObject): boolean {
  return readyCondition(pod)?.status === 'True';
}

/**
 * When a Ready Pod counts as available: `minReadySeconds` after it turned Ready (the ReplicaSet
 * controller's podutil.IsPodAvailable). Null when it is not Ready.
 */
export function availableAt(pod: KObject, minReadySeconds: number): number | null {
  const ready = readyCondition(pod);
  if (ready?.status !== 'True') return null;
  const since = ready.lastTransitionTime ? virtualMsOf(ready.lastTransitionTime) : null;
  return (since ?? 0) + minReadySeconds * 1000;
}

const UNITS: Record<string, number> = {
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
};

/** A resource quantity (`500m`, `128Mi`, `1`) as a number, or NaN when unreadable. */
export function quantity(value: unknown): number {
  const m = /^([0-9.]+)([a-zA-Z]*)$/.exec(String(value));
  if (!m) return Number.NaN;
  const unit = m[2] === '' ? 1 : (UNITS[m[2]!] ?? Number.NaN);
  return Number(m[1]) * unit;
}

/** QoS counts cpu and memory only (Kubernetes' supportedQoSComputeResources). */
const QOS_RESOURCES = ['cpu', 'memory'] as const;

/**
 * The Pod's QoS class (kubernetes.io/docs/concepts/workloads/pods/pod-qos): Guaranteed when every
 * container has cpu and memory limits equal to its requests, BestEffort when none has any, else
 * Burstable. Read after defaulting, which sets missing requests to the limits.
 */
export function qosClass(spec: PodSpec): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers: Container[] = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const requests = (c.resources?.requests ?? {}) as Record<string, unknown>;
    const limits = (c.resources?.limits ?? {}) as Record<string, unknown>;
    for (const r of QOS_RESOURCES) {
      const req = requests[r];
      const lim = limits[r];
      if (req !== undefined || lim !== undefined) any = true;
      if (lim === undefined || req === undefined || quantity(req) !== quantity(lim))
        guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
