// Re-applies answered without the long way. Most applies re-apply a settled (frozen, already
// admitted) manifest that changes nothing: both lanes re-apply every object of an app at every
// deploy and sync. Admission is a function of the manifest, the kinds served and whether its
// namespace exists, and succeeds without side effects, so what it answered is kept per manifest.
// Whether an apply changes nothing depends on the stored object and its field ownership, which a
// write replaces and never edits (ownership is copied, changed, then set), so that answer is kept
// per manifest and manager while both are the same objects.
import { refKey, type KObject, type ObjectRef } from './object';
import { appliedFields, applyChangesNothing, type Ownership } from './ownership';
import { hasFieldsToTake, type TakeOverFrom } from './takeover';
import type { ApplyResult } from './write';

/** What admission answered for a settled manifest, and what an unchanged re-apply prints. */
export interface Admitted {
  kinds: number;
  ref: ObjectRef;
  key: string;
  display: string;
  warnings: readonly string[];
}

/** The cluster as a re-apply reads it: the generation of its kinds, its objects, their owners. */
export interface ReapplyEnv {
  readonly kinds: number;
  readonly objects: { get(key: string): KObject | undefined };
  readonly owners: ReadonlyMap<string, Ownership>;
}

/** A re-apply found to change nothing, and the objects it was found for. */
interface Unchanged {
  manager: string;
  existing: KObject;
  ownership: Ownership | undefined;
  result: ApplyResult;
}

type Entry = Admitted & {
  /** The latest manager's answer (a manifest is nearly always re-applied by one manager). */
  last: Unchanged | null;
  others: Map<string, Unchanged> | null;
};

export class Reapplies {
  private readonly admitted = new WeakMap<KObject, Entry>();

  admit(settled: KObject, a: Pick<Admitted, 'kinds' | 'ref' | 'display' | 'warnings'>): void {
    const ref = Object.freeze({ ...a.ref });
    this.admitted.set(settled, { ...a, ref, key: refKey(ref), last: null, others: null });
  }

  /**
   * The answer to re-applying `settled` as `manager` when it changes nothing; else null. The same
   * frozen answer each time, while the stored object and its field ownership are the same. (An
   * object stored means its namespace is: deleting a namespace deletes what is in it.)
   */
  unchanged(
    settled: KObject,
    manager: string,
    env: ReapplyEnv,
    takeOver?: TakeOverFrom,
  ): ApplyResult | null {
    const entry = this.admitted.get(settled);
    if (!entry || entry.kinds !== env.kinds) return null;
    const { key } = entry;
    const existing = env.objects.get(key);
    if (!existing) return null;
    const ownership = env.owners.get(key);
    // Fields to take over (takeover.ts) make the apply a write whatever else it finds.
    if (takeOver && hasFieldsToTake(ownership, takeOver)) return null;
    const seen = entry.last?.manager === manager ? entry.last : entry.others?.get(manager);
    if (seen?.existing === existing && seen.ownership === ownership) return seen.result;
    if (
      !applyChangesNothing(existing, settled.apiVersion, appliedFields(settled), ownership, manager)
    )
      return null;
    const result: ApplyResult = Object.freeze({
      outcome: 'unchanged',
      ref: entry.ref,
      key,
      display: entry.display,
      warnings: Object.freeze([...entry.warnings]),
    });
    const found = { manager, existing, ownership, result };
    if (entry.last && entry.last.manager !== manager)
      (entry.others ??= new Map()).set(entry.last.manager, entry.last);
    entry.last = found;
    return result;
  }
}
