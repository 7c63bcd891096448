// The kubelet (and the scheduler's one step, binding), reduced to what a learner sees in
// `kubectl get pods` and `describe`, on the virtual clock:
// - a new Pod is ContainerCreating until its image has started (the image's start-up time);
// - an image that cannot be pulled: ErrImagePull, then ImagePullBackOff, pulled again with the
//   kubelet's back-off (back-off.ts);
// - a crashing container: CrashLoopBackOff between restarts, 10 s, 20 s, 40 s … 300 s, with its
//   restartCount (kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-restarts);
// - a missing ConfigMap or Secret (or key): CreateContainerConfigError, retried until it appears;
// - an image whose readiness probe fails for a while: Running, not Ready;
// - a Pod that is not restarted (`restartPolicy: Never`/`OnFailure`, a Job's) runs to completion:
//   its container exits after the image's `runFor` with its `exitCode`, and the Pod is Succeeded
//   (exit 0) or Failed (pod-lifecycle "Pod phase");
// - a deleted Pod is Terminating for its grace period, then removed (pod-lifecycle
//   "Termination of Pods"); its ReplicaSet already counts it gone.
// Each step records the Events the real kubelet and scheduler record.
//
// Simplification: one node; the containers ignore SIGTERM, so a Pod stays Terminating for its
// whole grace period; the first failing container decides the Pod's path. `OnFailure` is run as
// `Never`: a failed container is not restarted in place, its Job makes a new Pod.
import type { Container as PodContainer, PodSpec } from 'kubernetes-types/core/v1';
import { ObjectTimers } from '../../clock';
import type { Cluster } from '../cluster';
import type { EventType } from '../events';
import {
  CRASH_START_MS,
  DEFAULT_READY_AFTER_MS,
  DEFAULT_RUN_FOR_MS,
  PULL_ERROR_AFTER_MS,
  type ImageBehaviour,
} from '../images';
import { refKey, refOf, type KObject, type ObjectRef } from '../object';
import { isoTime, virtualMsOf } from '../time';
import type { WriteContext } from '../write';
import { backOffMs, goDuration, POD_RETRY_MS } from './back-off';
import { configProblem } from './config-refs';
import { controllerContext } from './context';
import { isTerminating } from './pod-status';
import { podStatus, type ContainerView, type PodPhase } from './kubelet-status';

export { podState, isPodReady, type PodState } from './pod-status';

const CTX = controllerContext('kubelet');
export const NODE_NAME = 'node-1';
export const DEFAULT_GRACE_SECONDS = 30;

/** A container as the kubelet starts it: by its image (required of a Deployment's template). */
type Container = PodContainer & { image: string };

function containersOf(pod: KObject): Container[] {
  return ((pod.spec as PodSpec).containers as Container[] | undefined) ?? [];
}

/** A Pod whose containers are not restarted when they exit: it runs to completion (a Job's). */
function runsToCompletion(pod: KObject): boolean {
  const policy = (pod.spec as PodSpec).restartPolicy;
  return policy === 'Never' || policy === 'OnFailure';
}

export class Kubelet {
  private readonly timers: ObjectTimers;
  /** Images already on the node: a second Pod of the same image is not pulled again. */
  private readonly pulled = new Set<string>();

  constructor(private readonly cluster: Cluster) {
    this.timers = new ObjectTimers(cluster.clock, 'kubelet');
  }

  /** Starts the lifecycle of a Pod seen for the first time. */
  observe(pod: KObject): void {
    const key = refKey(refOf(pod));
    if (pod.status !== undefined || this.timers.has(key) || isTerminating(pod)) return;
    const ref = refOf(pod);
    const containers = containersOf(pod);
    this.event(
      pod,
      'Normal',
      'Scheduled',
      `Successfully assigned ${pod.metadata.namespace ?? 'default'}/${pod.metadata.name} to ${NODE_NAME}`,
      'default-scheduler',
    );
    this.write(
      pod,
      'Pending',
      containers.map((c) => ({ c, view: { waiting: 'ContainerCreating' } })),
    );
    const behaviours = containers.map((c) => this.cluster.images(c.image));
    const pull = behaviours.findIndex((b) => b.pullError);
    if (pull >= 0) {
      this.event(pod, 'Normal', 'Pulling', `Pulling image "${containers[pull]!.image}"`);
      this.timers.set(key, PULL_ERROR_AFTER_MS, () => this.pullFailed(ref, pull, 1));
      return;
    }
    for (const c of containers)
      if (!this.pulled.has(c.image))
        this.event(pod, 'Normal', 'Pulling', `Pulling image "${c.image}"`);
    const startIn = behaviours.some((b) => b.crash)
      ? CRASH_START_MS
      : Math.max(0, ...behaviours.map((b) => b.readyAfterMs ?? DEFAULT_READY_AFTER_MS));
    this.timers.set(key, startIn, () => this.create(ref, startIn));
  }

  /**
   * A Pod is being deleted: unless the grace period is 0 (`--force --grace-period=0`), it turns
   * Terminating (deletionTimestamp set) and is removed when the grace period ends. A second delete
   * may shorten the wait, never lengthen it. Returns whether the Pod stays for now.
   */
  beginDeletion(pod: KObject, ctx: WriteContext, graceSeconds?: number): boolean {
    const ref = refOf(pod);
    const key = refKey(ref);
    const grace =
      graceSeconds ??
      (pod.spec as PodSpec | undefined)?.terminationGracePeriodSeconds ??
      DEFAULT_GRACE_SECONDS;
    const now = this.cluster.clock.now();
    if (isTerminating(pod)) {
      if (grace <= 0) return false;
      // Simplification: the earlier end is kept in the timer; deletionTimestamp is not rewritten.
      const deadline = virtualMsOf(String(pod.metadata.deletionTimestamp));
      if (deadline === null || now + grace * 1000 < deadline)
        this.timers.set(key, grace * 1000, () => this.remove(ref));
      return true;
    }
    if (grace <= 0) return false;
    this.cluster.update(ref, ctx, (d) => {
      d.metadata.deletionTimestamp = isoTime(now + grace * 1000);
      d.metadata.deletionGracePeriodSeconds = grace;
    });
    for (const c of containersOf(pod))
      this.event(pod, 'Normal', 'Killing', `Stopping container ${c.name}`);
    this.timers.set(key, grace * 1000, () => this.remove(ref));
    return true;
  }

  forget(ref: ObjectRef): void {
    this.timers.cancel(refKey(ref));
  }

  reset(): void {
    this.timers.reset();
    this.pulled.clear();
  }

  private remove(ref: ObjectRef): void {
    if (this.cluster.get(ref)) this.cluster.delete(ref, CTX, { gracePeriodSeconds: 0 });
  }

  /** The Pod as stored now, unless it is gone or going. */
  private live(ref: ObjectRef): KObject | undefined {
    const pod = this.cluster.get(ref);
    return pod && !isTerminating(pod) ? pod : undefined;
  }

  /** The image is on the node (pulled now, or before): creates and starts the containers. */
  private create(ref: ObjectRef, pullMs: number): void {
    const pod = this.live(ref);
    if (!pod) return;
    const containers = containersOf(pod);
    for (const c of containers) {
      if (this.pulled.has(c.image))
        this.event(
          pod,
          'Normal',
          'Pulled',
          `Container image "${c.image}" already present on machine`,
        );
      else {
        this.pulled.add(c.image);
        this.event(
          pod,
          'Normal',
          'Pulled',
          `Successfully pulled image "${c.image}" in ${goDuration(pullMs)}`,
        );
      }
    }
    const problem = configProblem(pod, (kind, name) =>
      this.cluster.get({ kind, name, namespace: pod.metadata.namespace }),
    );
    if (problem) {
      this.write(
        pod,
        'Pending',
        containers.map((c) => ({
          c,
          view:
            c.name === problem.container
              ? { waiting: 'CreateContainerConfigError', message: problem.message }
              : { waiting: 'ContainerCreating' },
        })),
      );
      this.event(pod, 'Warning', 'Failed', `Error: ${problem.message}`);
      this.timers.set(refKey(ref), POD_RETRY_MS, () => this.create(ref, 0));
      return;
    }
    for (const c of containers) {
      this.event(pod, 'Normal', 'Created', `Created container ${c.name}`);
      this.event(pod, 'Normal', 'Started', `Started container ${c.name}`);
    }
    const behaviours = containers.map((c) => this.cluster.images(c.image));
    if (runsToCompletion(pod)) return this.runToCompletion(ref, behaviours);
    const crash = behaviours.findIndex((b) => b.crash);
    if (crash >= 0) {
      this.crashed(ref, crash, 0);
      return;
    }
    const since = this.cluster.clock.now();
    const unready = (b: ImageBehaviour) => b.ready === false || (b.notReadyForMs ?? 0) > 0;
    this.write(
      pod,
      'Running',
      containers.map((c, i) => ({ c, view: { running: since, ready: !unready(behaviours[i]!) } })),
    );
    if (!behaviours.some(unready)) return;
    for (const c of containers.filter((_, i) => unready(behaviours[i]!)))
      this.event(
        pod,
        'Warning',
        'Unhealthy',
        `Readiness probe failed: container ${c.name} is not ready yet`,
      );
    if (behaviours.some((b) => b.ready === false)) return;
    const wait = Math.max(...behaviours.map((b) => b.notReadyForMs ?? 0));
    this.timers.set(refKey(ref), wait, () => {
      const now = this.live(ref);
      if (now)
        this.write(
          now,
          'Running',
          containers.map((c) => ({ c, view: { running: since, ready: true } })),
        );
    });
  }

  /**
   * The containers of a Pod that is not restarted run for their images' `runFor`, then exit; the
   * first non-zero exit code (a crashing image exits 1 at once) makes the Pod Failed.
   */
  private runToCompletion(ref: ObjectRef, behaviours: ImageBehaviour[]): void {
    const pod = this.live(ref);
    if (!pod) return;
    const containers = containersOf(pod);
    const started = this.cluster.clock.now();
    const exitCode = behaviours.map((b) => (b.crash ? 1 : (b.exitCode ?? 0))).find((c) => c !== 0);
    const runFor = Math.max(
      0,
      ...behaviours.map((b) => (b.crash ? 0 : (b.runForMs ?? DEFAULT_RUN_FOR_MS))),
    );
    this.write(
      pod,
      'Running',
      containers.map((c) => ({ c, view: { running: started, ready: true } })),
    );
    this.timers.set(refKey(ref), runFor, () => {
      const now = this.live(ref);
      if (!now) return;
      const finishedAt = this.cluster.clock.now();
      this.write(
        now,
        exitCode === undefined ? 'Succeeded' : 'Failed',
        containers.map((c, i) => ({
          c,
          view: {
            terminated: {
              exitCode: behaviours[i]!.crash ? 1 : (behaviours[i]!.exitCode ?? 0),
              startedAt: started,
              finishedAt,
            },
          },
        })),
      );
    });
  }

  /** Container `which` has exited for the `restarts`+1-th time: back-off, then start it again. */
  private crashed(ref: ObjectRef, which: number, restarts: number): void {
    const pod = this.live(ref);
    if (!pod) return;
    const containers = containersOf(pod);
    const c = containers[which]!;
    const now = this.cluster.clock.now();
    const wait = backOffMs(restarts);
    const podId = `${pod.metadata.name}_${pod.metadata.namespace ?? 'default'}(${pod.metadata.uid ?? ''})`;
    this.write(
      pod,
      'Running',
      containers.map((x, i) => ({
        c: x,
        view:
          i === which
            ? {
                waiting: 'CrashLoopBackOff',
                message: `back-off ${goDuration(wait)} restarting failed container=${c.name} pod=${podId}`,
                restarts,
                exited: now,
              }
            : { running: now, ready: true },
      })),
    );
    this.event(
      pod,
      'Warning',
      'BackOff',
      `Back-off restarting failed container ${c.name} in pod ${podId}`,
    );
    this.timers.set(refKey(ref), wait, () => {
      const again = this.live(ref);
      if (!again) return;
      this.event(
        again,
        'Normal',
        'Pulled',
        `Container image "${c.image}" already present on machine`,
      );
      this.event(again, 'Normal', 'Created', `Created container ${c.name}`);
      this.event(again, 'Normal', 'Started', `Started container ${c.name}`);
      this.crashed(ref, which, restarts + 1);
    });
  }

  /** Pull `attempt` of container `which`'s image failed: ErrImagePull until the next Pod sync. */
  private pullFailed(ref: ObjectRef, which: number, attempt: number): void {
    const pod = this.live(ref);
    if (!pod) return;
    const image = containersOf(pod)[which]!.image;
    this.pullState(
      pod,
      which,
      'ErrImagePull',
      `failed to pull and unpack image "${image}": not found`,
    );
    this.event(pod, 'Warning', 'Failed', `Failed to pull image "${image}": not found`);
    this.event(pod, 'Warning', 'Failed', 'Error: ErrImagePull');
    const wait = backOffMs(attempt);
    this.timers.set(refKey(ref), POD_RETRY_MS, () => {
      const now = this.live(ref);
      if (!now) return;
      this.pullState(now, which, 'ImagePullBackOff', `Back-off pulling image "${image}"`);
      this.event(now, 'Normal', 'BackOff', `Back-off pulling image "${image}"`);
      this.event(now, 'Warning', 'Failed', 'Error: ImagePullBackOff');
      this.timers.set(refKey(ref), wait - POD_RETRY_MS, () => {
        const later = this.live(ref);
        if (!later) return;
        this.event(later, 'Normal', 'Pulling', `Pulling image "${image}"`);
        this.pullFailed(ref, which, attempt + 1);
      });
    });
  }

  private pullState(pod: KObject, which: number, reason: string, message: string): void {
    this.write(
      pod,
      'Pending',
      containersOf(pod).map((c, i) => ({
        c,
        view: i === which ? { waiting: reason, message } : { waiting: 'ContainerCreating' },
      })),
    );
  }

  private write(
    pod: KObject,
    phase: PodPhase,
    views: { c: Container; view: ContainerView }[],
  ): void {
    const status = podStatus(pod, phase, this.cluster.clock.now(), views);
    this.cluster.updateStatus(refOf(pod), CTX, status);
  }

  private event(
    pod: KObject,
    type: EventType,
    reason: string,
    message: string,
    source = 'kubelet',
  ): void {
    this.cluster.events.record(pod, type, reason, message, source);
  }
}
