// The status the kubelet writes for a Pod: phase, the Ready condition (whose lastTransitionTime
// minReadySeconds counts from), startTime, the QoS class and one status per container.
import type { Container, ContainerStatus, PodCondition, PodStatus } from 'kubernetes-types/core/v1';
import type { PodSpec } from 'kubernetes-types/core/v1';
import type { KObject } from '../object';
import { isoTime } from '../time';
import { qosClass } from './pod-status';

/** A container's status without the runtime's ids (the simulation runs no images). */
type SimContainerStatus = Omit<ContainerStatus, 'imageID'>;
type SimPodStatus = Omit<PodStatus, 'containerStatuses'> & {
  containerStatuses: SimContainerStatus[];
};

/** What one container is doing, in virtual ms. */
export type ContainerView =
  | { waiting: string; message?: string; restarts?: number; exited?: number }
  | { running: number; ready: boolean }
  | { terminated: { exitCode: number; startedAt: number; finishedAt: number } };

/** A Pod's phase; Succeeded and Failed only for Pods that are not restarted (a Job's). */
export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

function containerStatus(c: Container, view: ContainerView): SimContainerStatus {
  const base = { name: c.name, image: c.image ?? '' };
  if ('terminated' in view) {
    const t = view.terminated;
    return {
      ...base,
      ready: false,
      started: false,
      restartCount: 0,
      state: {
        terminated: {
          exitCode: t.exitCode,
          reason: t.exitCode === 0 ? 'Completed' : 'Error',
          startedAt: isoTime(t.startedAt),
          finishedAt: isoTime(t.finishedAt),
        },
      },
    };
  }
  if ('running' in view)
    return {
      ...base,
      ready: view.ready,
      started: true,
      restartCount: 0,
      state: { running: { startedAt: isoTime(view.running) } },
    };
  const at = view.exited === undefined ? undefined : isoTime(view.exited);
  return {
    ...base,
    ready: false,
    restartCount: view.restarts ?? 0,
    ...(view.exited === undefined ? {} : { started: false }),
    state: {
      waiting: { reason: view.waiting, ...(view.message ? { message: view.message } : {}) },
    },
    ...(at === undefined
      ? {}
      : {
          lastState: {
            terminated: { exitCode: 1, reason: 'Error', startedAt: at, finishedAt: at },
          },
        }),
  };
}

export function podStatus(
  pod: KObject,
  phase: PodPhase,
  now: number,
  views: { c: Container; view: ContainerView }[],
): SimPodStatus {
  const prev = pod.status as PodStatus | undefined;
  const at = isoTime(now);
  const unready = views
    .filter(({ view }) => !('running' in view && view.ready))
    .map((v) => v.c.name);
  const ready = unready.length === 0 ? 'True' : 'False';
  const before = prev?.conditions?.find((c) => c.type === 'Ready');
  const since = before?.status === ready ? (before.lastTransitionTime ?? at) : at;
  const finished = phase === 'Succeeded' || phase === 'Failed';
  const readyCondition: PodCondition =
    ready === 'True'
      ? { type: 'Ready', status: 'True', lastTransitionTime: since }
      : finished
        ? { type: 'Ready', status: 'False', lastTransitionTime: since, reason: 'PodCompleted' }
        : {
            type: 'Ready',
            status: 'False',
            lastTransitionTime: since,
            reason: 'ContainersNotReady',
            message: `containers with unready status: [${unready.join(' ')}]`,
          };
  const startTime = prev?.startTime ?? at;
  return {
    phase,
    conditions: [
      { type: 'PodScheduled', status: 'True', lastTransitionTime: startTime },
      readyCondition,
    ],
    startTime,
    qosClass: qosClass(pod.spec as PodSpec),
    containerStatuses: views.map(({ c, view }) => containerStatus(c, view)),
  };
}
