// When each Deployment's current rollout started, so that `progressDeadlineSeconds` can expire on
// virtual time: a timer wakes the Deployment controller at the deadline.
import type { Cluster } from '../cluster';
import { refOf, type KObject } from '../object';

interface Rollout {
  hash: string;
  at: number;
  timer: number | null;
}

export class RolloutClock {
  private readonly rollouts = new Map<string, Rollout>();

  constructor(private readonly cluster: Cluster) {}

  /**
   * Notes the rollout of template `hash`; returns whether it has run past its deadline. A new
   * template restarts the count, as Kubernetes resets the Progressing condition on a new revision.
   */
  track(deploy: KObject, hash: string, complete: boolean, deadlineMs: number): boolean {
    const uid = deploy.metadata.uid!;
    const current = this.rollouts.get(uid);
    if (complete) {
      if (current?.timer != null) this.cluster.clock.cancel(current.timer);
      this.rollouts.delete(uid);
      return false;
    }
    if (current && current.hash === hash)
      return this.cluster.clock.now() - current.at >= deadlineMs;
    if (current?.timer != null) this.cluster.clock.cancel(current.timer);
    const ref = refOf(deploy);
    const rollout: Rollout = { hash, at: this.cluster.clock.now(), timer: null };
    rollout.timer = this.cluster.clock.schedule(
      deadlineMs,
      () => {
        rollout.timer = null;
        if (this.cluster.get(ref)) this.cluster.touch(ref);
      },
      `progress-deadline:${ref.name}`,
    );
    this.rollouts.set(uid, rollout);
    return false;
  }

  startedAt(deploy: KObject): number | null {
    return this.rollouts.get(deploy.metadata.uid!)?.at ?? null;
  }

  reset(): void {
    for (const r of this.rollouts.values())
      if (r.timer !== null) this.cluster.clock.cancel(r.timer);
    this.rollouts.clear();
  }
}
