// Applies the cluster already knows the answer to. Both lanes re-apply every object of an app at
// every deploy and sync, and nearly all of those applies change nothing. When the manifest is a
// stored object (../stored.ts: Git's parsed manifests and the copies made of them, shared and never
// edited), what its apply answers can be kept:
//
// - Admission is a function of the manifest, the kinds served and whether its namespace exists,
//   and succeeds without side effects: its answer (the object's ref, kubectl's name for it, the
//   deprecation warnings) is kept per manifest while the kinds served stay the same.
// - Whether an apply changes nothing depends on the stored object and its field ownership. Every
//   write to either is a write to the store under the object's key (store.ts `writtenAt`), so an
//   `unchanged` found at store version v holds, for that manager, while the key's latest write
//   is no later than v. (An object stored means its namespace is: deleting a namespace deletes
//   what is in it.)
//
// Only answers found without a write are kept: an apply that took fields over, or noted new field
// ownership, is a write and is worked out again next time. A dry run and an apply answer the same
// for a manifest that changes nothing, so one memory serves both.
import type { Stored } from '../stored';
import { settledManifest } from './admission';
import { appliesClientSide, withLastApplied } from './last-applied';
import { refKey, type KObject, type ObjectRef } from './object';
import { appliedFields, applyChangesNothing, type Ownership } from './ownership';
import { hasFieldsToTake, type TakeOverFrom } from './takeover';
import type { ApplyResult } from './write';

/** What admission answered for a manifest: the kinds served then, and what an apply prints. */
export interface AdmissionAnswer {
  kinds: number;
  ref: ObjectRef;
  display: string;
  warnings: readonly string[];
}

/** The cluster as a re-apply reads it. */
export interface KnownAppliesEnv {
  readonly kinds: { readonly generation: number };
  readonly objects: {
    readonly version: number;
    get(key: string): Stored<KObject> | undefined;
    writtenAt(key: string): number | undefined;
  };
  readonly owners: ReadonlyMap<string, Ownership>;
}

/** An apply by `manager` found to change nothing at store version `at`. */
interface Unchanged {
  manager: string;
  takeOver: TakeOverFrom | undefined;
  at: number;
  result: ApplyResult;
}

interface Entry extends AdmissionAnswer {
  key: string;
  /** The latest manager's answer (a manifest is nearly always applied by one manager). */
  last: Unchanged | null;
  others: Map<string, Unchanged> | null;
}

/** A manifest as a client-side apply sends it (with last-applied), settled (admission.ts). */
const settledClientSide = (manifest: unknown) => settledManifest(withLastApplied(manifest));

export class KnownApplies {
  private readonly entries = new WeakMap<Stored<KObject>, Entry>();

  constructor(private readonly env: KnownAppliesEnv) {}

  /** The answer to an apply of `manifest` by `manager` that changes nothing; else null. */
  readonly answer = (
    manifest: Stored<KObject>,
    manager: string,
    opts: { takeOver?: TakeOverFrom },
  ): ApplyResult | null =>
    this.unchanged(
      manifest,
      appliesClientSide(manager) ? settledClientSide : settledManifest,
      manager,
      opts.takeOver,
    );

  /** What admission answered for `manifest`. */
  admitted(manifest: Stored<KObject>, a: AdmissionAnswer): void {
    const ref = Object.freeze({ ...a.ref });
    this.entries.set(manifest, { ...a, ref, key: refKey(ref), last: null, others: null });
  }

  /**
   * The answer to applying `manifest` as `manager` when it changes nothing, else null. `settled`
   * is the manifest as admission would take it (with its last-applied annotation for a
   * client-side manager): what the fields it sets are read from. The same frozen answer each time
   * while it holds.
   */
  private unchanged(
    manifest: Stored<KObject>,
    settled: (manifest: Stored<KObject>) => KObject | null,
    manager: string,
    takeOver: TakeOverFrom | undefined,
  ): ApplyResult | null {
    const env = this.env;
    const entry = this.entries.get(manifest);
    if (!entry || entry.kinds !== env.kinds.generation) return null;
    const { key } = entry;
    const seen = entry.last?.manager === manager ? entry.last : entry.others?.get(manager);
    const written = env.objects.writtenAt(key);
    if (seen && seen.takeOver === takeOver && written !== undefined && written <= seen.at)
      return seen.result;
    const existing = env.objects.get(key);
    const applied = settled(manifest);
    if (!existing || !applied) return null;
    const ownership = env.owners.get(key);
    // Fields to take over (takeover.ts) make the apply a write whatever else it finds.
    if (takeOver && hasFieldsToTake(ownership, takeOver)) return null;
    if (
      !applyChangesNothing(existing, applied.apiVersion, appliedFields(applied), ownership, manager)
    )
      return null;
    const result: ApplyResult =
      seen?.result ??
      Object.freeze({
        outcome: 'unchanged',
        ref: entry.ref,
        key,
        display: entry.display,
        warnings: Object.freeze([...entry.warnings]),
      });
    const found = { manager, takeOver, at: env.objects.version, result };
    if (entry.last && entry.last.manager !== manager)
      (entry.others ??= new Map()).set(entry.last.manager, entry.last);
    entry.last = found;
    return result;
  }
}
