// The push lane's pipelines: one pipeline machine for the lane, and with the `parallel` CI
// concurrency model (machine.ts) one more per run that arrives while the others are busy, as a
// workflow without a concurrency group runs each push in its own job (REFERENCE.md, push lane:
// "Runs of the same workflow at once"). The lane is shown by one of them: the one with the newest
// run in progress.
import type { Actor, SnapshotFrom } from 'xstate';
import { observeTransitions, type Transition, type Transitions } from '../lanes/transitions';
import type { pipelineMachine } from './machine';

export type PipelineState =
  | 'idle'
  | 'queued'
  | 'checkout'
  | 'build'
  | 'test'
  | 'waiting-approval'
  | 'deploy'
  | 'verify'
  | 'succeeded'
  | 'failed';

export type Pipeline = Actor<typeof pipelineMachine>;

export class Pipelines {
  /** The lane's own pipeline, which lives as long as the lane. */
  private readonly own: Pipeline;
  /** Pipelines `parallel` started, one run each. */
  private readonly parallel: Pipeline[] = [];
  /** Each pipeline's last change of state (the lane shows the one it is shown by). */
  private readonly transitions = new Map<Pipeline, Transitions<PipelineState>>();

  /** `create` makes a pipeline actor, not started yet. */
  constructor(private readonly create: () => Pipeline) {
    this.own = this.start();
  }

  private start(): Pipeline {
    const actor = this.create();
    this.transitions.set(actor, observeTransitions(actor, stateOf));
    actor.start();
    return actor;
  }

  /** Every pipeline of the lane: the lane's own, then those `parallel` started. */
  all(): Pipeline[] {
    return this.parallel.length === 0 ? [this.own] : [this.own, ...this.parallel];
  }

  /**
   * The pipeline a new request goes to: the lane's own, or with `parallel` while it is busy a new
   * one (finished parallel pipelines are dropped first).
   */
  target(parallel: boolean): Pipeline {
    if (!parallel || !busy(this.own)) return this.own;
    for (let i = this.parallel.length - 1; i >= 0; i--)
      if (!busy(this.parallel[i]!)) {
        const done = this.parallel.splice(i, 1)[0]!;
        done.stop();
        this.transitions.delete(done);
      }
    const started = this.start();
    this.parallel.push(started);
    return started;
  }

  /** The pipeline the lane is shown by: the one with the newest run in progress, else its own. */
  shown(): Pipeline {
    if (this.parallel.length === 0) return this.own;
    let best = this.own;
    let bestId = -1;
    for (const p of this.all()) {
      const { context } = p.getSnapshot();
      const id = busy(p) ? (context.run?.id ?? 0) : -1;
      if (id > bestId) [best, bestId] = [p, id];
    }
    return best;
  }

  /** The shown pipeline's last change of state and the event behind it. */
  lastTransition(): Transition<PipelineState> | null {
    return this.transitions.get(this.shown())?.last ?? null;
  }

  /** The pipeline waiting for approval of run `id`. */
  awaiting(id: number | undefined): Pipeline | undefined {
    return this.all().find(
      (p) => p.getSnapshot().matches('waiting-approval') && p.getSnapshot().context.run?.id === id,
    );
  }

  /** The runs waiting for a person's approval, oldest first (several only with `parallel`). */
  awaitingApproval(): number[] {
    return this.all()
      .filter((p) => p.getSnapshot().matches('waiting-approval'))
      .map((p) => p.getSnapshot().context.run?.id ?? 0)
      .sort((a, b) => a - b);
  }

  /** Runs in progress at once (more than one only with the `parallel` model). */
  running(): number {
    return this.all().filter(busy).length;
  }
}

/** A pipeline with a run in progress or waiting for a runner. */
function busy(p: Pipeline): boolean {
  const snap = p.getSnapshot();
  return !['idle', 'succeeded', 'failed'].includes(stateOf(snap)) || snap.context.queue.length > 0;
}

/** A pipeline snapshot's state as the lane names it (the per-app loop counts as `deploy`). */
export function stateOf(snap: SnapshotFrom<typeof pipelineMachine>): PipelineState {
  const value = snap.value;
  const top = typeof value === 'string' ? value : Object.keys(value)[0]!;
  if (top === 'gate' || top === 'next-app') return 'deploy';
  return top as PipelineState;
}
