// At most one pending timer per object: what a controller needs to wake itself up for an object
// later (a kubelet back-off, the HPA's next sync, a progress deadline). Setting a key again
// replaces its pending timer, so a controller never has to remember what it scheduled.
import type { TimerId, VirtualClock } from './clock';

export class ObjectTimers {
  private readonly ids = new Map<string, TimerId>();

  /** `label` prefixes each timer's label on the clock (`kubelet:Pod/default/web-x`). */
  constructor(
    private readonly clock: VirtualClock,
    private readonly label: string,
  ) {}

  /** Runs `fn` after `delayMs` of virtual time, replacing the key's pending timer if any. */
  set(key: string, delayMs: number, fn: () => void): void {
    this.cancel(key);
    const id = this.clock.schedule(
      delayMs,
      () => {
        this.ids.delete(key);
        fn();
      },
      `${this.label}:${key}`,
    );
    this.ids.set(key, id);
  }

  has(key: string): boolean {
    return this.ids.has(key);
  }

  cancel(key: string): void {
    const id = this.ids.get(key);
    if (id === undefined) return;
    this.clock.cancel(id);
    this.ids.delete(key);
  }

  /** Cancels every pending timer (the objects are gone: a cluster was wiped). */
  reset(): void {
    for (const id of this.ids.values()) this.clock.cancel(id);
    this.ids.clear();
  }

  get size(): number {
    return this.ids.size;
  }
}
