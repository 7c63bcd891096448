import type { VirtualClock } from '../clock';
import { StringPool } from '../strings';
import type { AuditInput, AuditRecord, FieldChange } from './types';

type Listener = (record: AuditRecord) => void;

/**
 * One copy of each field path, object key and short value the trail holds. A long trail repeats
 * the same few hundred of them (`status.conditions[type=Ready].status`, `True`) tens of thousands
 * of times: the trail's memory is mostly these (see strings.ts).
 */
class TrailStrings extends StringPool {
  private value(v: unknown): unknown {
    return typeof v === 'string' && v.length <= 64 ? this.of(v) : v;
  }

  change(c: FieldChange): FieldChange {
    const out: FieldChange = { path: this.of(c.path) };
    if ('before' in c) out.before = this.value(c.before);
    if ('after' in c) out.after = this.value(c.after);
    return out;
  }
}

/**
 * Append-only audit trail. Records are frozen once written: metrics and views read them, nothing
 * edits them.
 */
export class AuditLog {
  private readonly items: AuditRecord[] = [];
  private readonly strings = new TrailStrings();
  private readonly listeners = new Set<Listener>();

  constructor(private readonly clock: Pick<VirtualClock, 'now'>) {}

  append(input: AuditInput): AuditRecord {
    const record = Object.freeze({
      seq: this.items.length,
      t: this.clock.now(),
      ...input,
      object: this.strings.of(input.object),
      changes: input.changes.map((c) => this.strings.change(c)),
    });
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
