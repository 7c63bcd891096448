import type { VirtualClock } from '../clock';
import { getOrCreate } from '../get-or-create';
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
  /** Shared changes with primitive values, by path, then value before, then value after. */
  private readonly changes = new Map<string, Map<unknown, Map<unknown, FieldChange>>>();
  private kept = 0;

  private value(v: unknown): unknown {
    return typeof v === 'string' && v.length <= 64 ? this.of(v) : v;
  }

  change(c: FieldChange): FieldChange {
    const hasBefore = 'before' in c;
    const hasAfter = 'after' in c;
    const before = hasBefore ? c.before : ABSENT;
    const after = hasAfter ? c.after : ABSENT;
    const shared = isPrimitive(before) && isPrimitive(after);
    // Map keys compare as SameValueZero: 1 and '1' stay apart, and so do a value and its absence.
    const byBefore = shared ? this.changes.get(c.path) : undefined;
    const known = byBefore?.get(before)?.get(after);
    if (known) return known;
    const out: FieldChange = { path: this.of(c.path) };
    if (hasBefore) out.before = this.value(c.before);
    if (hasAfter) out.after = this.value(c.after);
    if (!shared) return out;
    // Bounded: values such as timestamps rarely repeat. Changes kept before stay shared.
    if (this.kept >= CHANGES_KEPT) {
      this.changes.clear();
      this.kept = 0;
    }
    const paths = getOrCreate(this.changes, out.path, () => new Map());
    getOrCreate(paths, before, () => new Map()).set(after, Object.freeze(out));
    this.kept++;
    return out;
  }
}

const CHANGES_KEPT = 50_000;

/** Stands for a value a change does not have (a field created or removed). */
const ABSENT = Symbol('absent');

/** A value a change can be shared for: not an object (a container list is kept as it is). */
function isPrimitive(v: unknown): boolean {
  return v === null || typeof v !== 'object';
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
