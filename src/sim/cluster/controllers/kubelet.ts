// The kubelet, reduced to what a learner sees: a new Pod is Pending (ContainerCreating), then
// Running and Ready after its image's start-up time, or stuck in CrashLoopBackOff or
// ImagePullBackOff when the scenario marks its image broken. Each transition is a status write
// on the virtual clock.
//
// Simplification: a crashing container is reported once in CrashLoopBackOff (restartCount 3)
// instead of restarting forever, so an idle broken cluster does not fill the audit trail.
import type { Container as PodContainer, PodSpec, PodStatus } from 'kubernetes-types/core/v1';
import type { Cluster } from '../cluster';
import {
  CRASH_AFTER_MS,
  DEFAULT_READY_AFTER_MS,
  PULL_ERROR_AFTER_MS,
  type ImageBehaviour,
} from '../images';
import { refKey, refOf, type KObject, type ObjectRef } from '../object';
import { isoTime } from '../time';
import { controllerContext } from './context';

const CTX = controllerContext('kubelet');

/** A container as the kubelet starts it: by its image (required of a Deployment's template). */
type Container = PodContainer & { image: string };

export type PodState = 'Pending' | 'Running' | 'CrashLoopBackOff' | 'ImagePullBackOff';

export function isPodReady(pod: KObject): boolean {
  const conditions = (pod.status as PodStatus | undefined)?.conditions ?? [];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

/** What `kubectl get pods` shows in STATUS. */
export function podState(pod: KObject): PodState {
  const statuses = (pod.status as PodStatus | undefined)?.containerStatuses ?? [];
  for (const s of statuses) {
    const reason = s.state?.waiting?.reason;
    if (reason === 'CrashLoopBackOff' || reason === 'ImagePullBackOff') return reason;
  }
  return (pod.status as PodStatus | undefined)?.phase === 'Running' ? 'Running' : 'Pending';
}

function containersOf(pod: KObject): Container[] {
  return ((pod.spec as PodSpec).containers as Container[] | undefined) ?? [];
}

export class Kubelet {
  private readonly timers = new Map<string, number>();

  constructor(private readonly cluster: Cluster) {}

  /** Starts the lifecycle of a Pod seen for the first time. */
  observe(pod: KObject): void {
    const key = refKey(refOf(pod));
    if (pod.status !== undefined || this.timers.has(key)) return;
    const containers = containersOf(pod);
    const behaviours = containers.map((c) => this.cluster.images(c.image));
    this.write(refOf(pod), {
      phase: 'Pending',
      conditions: [
        { type: 'PodScheduled', status: 'True' },
        { type: 'Ready', status: 'False', reason: 'ContainersNotReady' },
      ],
      containerStatuses: containers.map((c) => ({
        name: c.name,
        image: c.image,
        ready: false,
        restartCount: 0,
        state: { waiting: { reason: 'ContainerCreating' } },
      })),
    });
    const pull = behaviours.findIndex((b) => b.pullError);
    const crash = behaviours.findIndex((b) => b.crash);
    const ref = refOf(pod);
    if (pull >= 0)
      this.after(ref, PULL_ERROR_AFTER_MS, () => this.pullFailed(ref, containers, pull));
    else if (crash >= 0)
      this.after(ref, CRASH_AFTER_MS, () => this.crashed(ref, containers, crash));
    else
      this.after(ref, Math.max(...behaviours.map(readyAfter), 0), () =>
        this.ready(ref, containers),
      );
  }

  forget(ref: ObjectRef): void {
    const key = refKey(ref);
    const timer = this.timers.get(key);
    if (timer !== undefined) this.cluster.clock.cancel(timer);
    this.timers.delete(key);
  }

  reset(): void {
    for (const timer of this.timers.values()) this.cluster.clock.cancel(timer);
    this.timers.clear();
  }

  private after(ref: ObjectRef, ms: number, fn: () => void): void {
    const key = refKey(ref);
    this.timers.set(
      key,
      this.cluster.clock.schedule(
        ms,
        () => {
          this.timers.delete(key);
          if (this.cluster.get(ref)) fn();
        },
        `kubelet:${ref.name}`,
      ),
    );
  }

  private ready(ref: ObjectRef, containers: Container[]): void {
    const startedAt = isoTime(this.cluster.clock.now());
    this.write(ref, {
      phase: 'Running',
      conditions: [
        { type: 'PodScheduled', status: 'True' },
        { type: 'Ready', status: 'True' },
      ],
      containerStatuses: containers.map((c) => ({
        name: c.name,
        image: c.image,
        ready: true,
        restartCount: 0,
        state: { running: { startedAt } },
      })),
    });
  }

  private crashed(ref: ObjectRef, containers: Container[], which: number): void {
    this.write(ref, {
      phase: 'Running',
      conditions: [
        { type: 'PodScheduled', status: 'True' },
        { type: 'Ready', status: 'False', reason: 'ContainersNotReady' },
      ],
      containerStatuses: containers.map((c, i) =>
        i === which
          ? {
              name: c.name,
              image: c.image,
              ready: false,
              restartCount: 3,
              state: {
                waiting: {
                  reason: 'CrashLoopBackOff',
                  message: `back-off 40s restarting failed container=${c.name}`,
                },
              },
              lastState: { terminated: { exitCode: 1, reason: 'Error' } },
            }
          : { name: c.name, image: c.image, ready: true, restartCount: 0, state: { running: {} } },
      ),
    });
  }

  private pullFailed(ref: ObjectRef, containers: Container[], which: number): void {
    this.write(ref, {
      phase: 'Pending',
      conditions: [
        { type: 'PodScheduled', status: 'True' },
        { type: 'Ready', status: 'False', reason: 'ContainersNotReady' },
      ],
      containerStatuses: containers.map((c, i) => ({
        name: c.name,
        image: c.image,
        ready: false,
        restartCount: 0,
        state: {
          waiting:
            i === which
              ? { reason: 'ImagePullBackOff', message: `Back-off pulling image "${c.image}"` }
              : { reason: 'PodInitializing' },
        },
      })),
    });
  }

  private write(ref: ObjectRef, status: Record<string, unknown>): void {
    this.cluster.updateStatus(ref, CTX, status);
  }
}

function readyAfter(b: ImageBehaviour): number {
  return b.readyAfterMs ?? DEFAULT_READY_AFTER_MS;
}
