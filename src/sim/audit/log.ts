import type { VirtualClock } from '../clock';
import type { AuditInput, AuditRecord } from './types';

type Listener = (record: AuditRecord) => void;

/**
 * Append-only audit trail. Records are frozen once written: metrics and views read them, nothing
 * edits them.
 */
export class AuditLog {
  private readonly items: AuditRecord[] = [];
  private readonly listeners = new Set<Listener>();

  constructor(private readonly clock: Pick<VirtualClock, 'now'>) {}

  append(input: AuditInput): AuditRecord {
    const record = Object.freeze({ seq: this.items.length, t: this.clock.now(), ...input });
    this.items.push(record);
    for (const listener of this.listeners) listener(record);
    return record;
  }

  /** Every record so far, oldest first. WARNING: the array is live; copy it to keep a snapshot. */
  records(): readonly AuditRecord[] {
    return this.items;
  }

  get size(): number {
    return this.items.length;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
