import type { VirtualClock } from '../clock';
import { StringPool } from '../strings';
import type { AuditInput, AuditRecord, FieldChange } from './types';

type Listener = (record: AuditRecord) => void;

/**
 * One copy of each field path, object key and short value the trail holds, and of each change made
 * of them. A long trail repeats the same few thousand (`status.phase: Pending -> Running`, `True`)
 * hundreds of thousands of times: the trail's memory is mostly these (see strings.ts). A change
 * with an object value (a container list) is kept as it is.
 */
class TrailStrings extends StringPool {
  private readonly changes = new Map<string, FieldChange>();

  private value(v: unknown): unknown {
    return typeof v === 'string' && v.length <= 64 ? this.of(v) : v;
  }

  change(c: FieldChange): FieldChange {
    const out: FieldChange = { path: this.of(c.path) };
    if ('before' in c) out.before = this.value(c.before);
    if ('after' in c) out.after = this.value(c.after);
    const before = 'before' in out ? tag(out.before) : '-';
    const after = 'after' in out ? tag(out.after) : '-';
    if (before === null || after === null) return out;
    const key = `${out.path.length}:${out.path}${before}${after}`;
    const known = this.changes.get(key);
    if (known) return known;
    // Bounded: values such as timestamps rarely repeat. Changes kept before stay shared.
    if (this.changes.size >= CHANGES_KEPT) this.changes.clear();
    this.changes.set(key, Object.freeze(out));
    return out;
  }
}

const CHANGES_KEPT = 50_000;

/** A primitive value as a self-delimiting token that tells its type; null for an object. */
function tag(v: unknown): string | null {
  if (v === null) return 'z';
  switch (typeof v) {
    case 'string':
      return `s${v.length}:${v}`;
    case 'number':
      return `n${String(v)};`;
    case 'bigint':
      return `b${String(v)};`;
    case 'boolean':
      return v ? 'T' : 'F';
    case 'undefined':
      return 'u';
    default:
      return null;
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
