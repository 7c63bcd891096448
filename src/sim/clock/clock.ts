// Virtual time for the whole sandbox: a discrete-event queue ordered by (time, insertion order).
// Nothing in src/sim reads the wall clock; every delay (XState `after`, pod start-up, poll
// intervals, stage durations) is an entry in this queue.
//
// The clock also implements XState's `Clock` interface (setTimeout / clearTimeout), so a machine
// created with `createActor(machine, { clock })` schedules its delays here, exactly as XState's
// own `SimulatedClock` would, but on the one queue the rest of the sandbox shares.
import { CodedError } from '../coded-error';

export type TimerId = number;
type Callback = () => void | Promise<void>;

interface Entry {
  id: TimerId;
  at: number;
  seq: number;
  label: string;
  fn: Callback;
}

export interface PendingTimer {
  id: TimerId;
  at: number;
  label: string;
}

export class ClockError extends CodedError<'E_CLOCK'> {
  constructor(message: string) {
    super('E_CLOCK', message);
  }
}

/**
 * The host's chance to breathe between two events of virtual time: the browser returns a promise
 * (a task boundary, so the page can paint and take input) once its slice of the main thread is
 * spent, and null otherwise. The simulation never reads the wall clock itself: the host decides.
 */
export type HostPause = () => Promise<void> | null;

export class VirtualClock {
  /**
   * WARNING: `pause` changes when work runs on the host's event loop, never what runs or in
   * which order: each event still starts once the one before it and its tracked work are done.
   */
  constructor(private readonly pause?: HostPause) {}

  private t = 0;
  private seq = 0;
  private nextId = 1;
  private readonly inFlight = new Set<Promise<unknown>>();
  // Kept sorted by (at, seq); queues stay small (tens of entries), so a sorted insert is cheaper
  // than a heap and keeps iteration order obvious.
  private queue: Entry[] = [];

  /** Milliseconds of virtual time since the sandbox started. */
  now(): number {
    return this.t;
  }

  /** Runs `fn` once the clock reaches `now() + delayMs`. Negative delays count as 0. */
  schedule(delayMs: number, fn: Callback, label = 'timer'): TimerId {
    if (!Number.isFinite(delayMs)) throw new ClockError(`delay must be finite, got ${delayMs}`);
    const entry: Entry = {
      id: this.nextId++,
      at: this.t + Math.max(0, delayMs),
      seq: this.seq++,
      label,
      fn,
    };
    let i = this.queue.length;
    while (i > 0 && this.queue[i - 1]!.at > entry.at) i--;
    this.queue.splice(i, 0, entry);
    return entry.id;
  }

  cancel(id: TimerId): void {
    const i = this.queue.findIndex((e) => e.id === id);
    if (i >= 0) this.queue.splice(i, 1);
  }

  /**
   * Registers async work started by a timer callback or a machine action (an isomorphic-git read,
   * say) that the clock must wait for before it runs anything else: virtual time never moves on
   * while such work is in flight, so runs interleave identically. Returns the same promise.
   */
  track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    const done = () => this.inFlight.delete(work);
    work.then(done, done);
    return work;
  }

  /** Waits until no tracked work is in flight (work may start more work). */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** The time of the next due entry, or null when nothing is scheduled. */
  nextAt(): number | null {
    return this.queue[0]?.at ?? null;
  }

  pending(): PendingTimer[] {
    return this.queue.map(({ id, at, label }) => ({ id, at, label }));
  }

  /**
   * Moves time forward to `target`, running every entry due on the way, in order. Each callback is
   * awaited before the next one runs, so async work (isomorphic-git is promise-based) finishes
   * before virtual time moves on: two runs interleave identically.
   * WARNING: callbacks may schedule new entries; those that fall before `target` run in this call.
   */
  async advanceTo(target: number): Promise<void> {
    if (target < this.t) throw new ClockError(`cannot move time back from ${this.t} to ${target}`);
    await this.settle();
    for (;;) {
      const head = this.queue[0];
      if (!head || head.at > target) break;
      this.queue.shift();
      this.t = head.at;
      await head.fn();
      await this.settle();
      const breath = this.pause?.();
      if (breath) await breath;
    }
    this.t = target;
  }

  advanceBy(ms: number): Promise<void> {
    return this.advanceTo(this.t + ms);
  }

  /** Runs every entry due now (delay 0) without moving time. */
  flush(): Promise<void> {
    return this.advanceTo(this.t);
  }

  // XState's Clock interface. XState calls these synchronously; its callbacks are synchronous.
  setTimeout = (fn: (...args: unknown[]) => void, timeout: number): TimerId =>
    this.schedule(timeout, () => fn(), 'xstate');

  clearTimeout = (id: TimerId): void => this.cancel(id);
}
