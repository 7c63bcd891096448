// When each Deployment's current rollout started and last made progress, so that
// `progressDeadlineSeconds` can expire on virtual time: a timer wakes the Deployment controller at
// the deadline. As in the Deployment controller (kubernetes.io/docs/concepts/workloads/
// controllers/deployment/#progress-deadline-seconds; pkg/controller/deployment/progress.go), the
// deadline counts from the last progress: more updated, ready or available replicas, or fewer old
// ones, restart the count.
import { ObjectTimers } from '../../clock';
import type { Cluster } from '../cluster';
import { refOf, type KObject } from '../object';

/** The counts whose movement is progress. */
export interface RolloutCounts {
  updated: number;
  ready: number;
  available: number;
  old: number;
}

interface Rollout {
  hash: string;
  at: number;
  progressAt: number;
  counts: RolloutCounts;
}

function progressed(before: RolloutCounts, now: RolloutCounts): boolean {
  return (
    now.updated > before.updated ||
    now.ready > before.ready ||
    now.available > before.available ||
    now.old < before.old
  );
}

export class RolloutClock {
  private readonly rollouts = new Map<string, Rollout>();
  private readonly timers: ObjectTimers;

  constructor(private readonly cluster: Cluster) {
    this.timers = new ObjectTimers(cluster.clock, 'progress-deadline');
  }

  /**
   * Notes the rollout of template `hash` at `counts`; returns whether it has gone `deadlineMs`
   * without progress. A new template restarts the count, as Kubernetes resets the Progressing
   * condition on a new revision.
   */
  track(
    deploy: KObject,
    hash: string,
    complete: boolean,
    deadlineMs: number,
    counts: RolloutCounts,
  ): boolean {
    const uid = deploy.metadata.uid!;
    const current = this.rollouts.get(uid);
    const now = this.cluster.clock.now();
    if (complete) {
      this.timers.cancel(uid);
      this.rollouts.delete(uid);
      return false;
    }
    if (current && current.hash === hash) {
      if (progressed(current.counts, counts)) {
        current.progressAt = now;
        this.wake(deploy, uid, deadlineMs);
      }
      current.counts = counts;
      return now - current.progressAt >= deadlineMs;
    }
    this.rollouts.set(uid, { hash, at: now, progressAt: now, counts });
    this.wake(deploy, uid, deadlineMs);
    return false;
  }

  private wake(deploy: KObject, uid: string, deadlineMs: number): void {
    const ref = refOf(deploy);
    this.timers.set(uid, deadlineMs, () => {
      if (this.cluster.get(ref)) this.cluster.touch(ref);
    });
  }

  startedAt(deploy: KObject): number | null {
    return this.rollouts.get(deploy.metadata.uid!)?.at ?? null;
  }

  reset(): void {
    this.timers.reset();
    this.rollouts.clear();
  }
}
