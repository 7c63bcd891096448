// A list of stored manifests applied by one manager, pass after pass: a pipeline's deploy of an
// app, a sync's dry run and its apply. What the cluster knows of each manifest (known-applies.ts)
// answers most of them; a pass also remembers, by position, the answers found without a write,
// so that the next pass over the same manifests answers an object nothing wrote since (the
// store's journal says which were written) without any lookup at all. Callers only apply.
import { isStored, type Stored } from '../stored';
import { isRecord, type KObject } from './object';
import type { ApplyOptions, ApplyResult, WriteContext } from './write';

/** What an applier needs of its cluster. */
export interface ApplierHost {
  readonly version: number;
  readonly kinds: { readonly generation: number };
  changedSince(version: number): readonly string[] | null;
  apply(manifest: unknown, ctx: WriteContext, opts?: ApplyOptions): ApplyResult;
}

/** The cluster's answer to an apply that changes nothing, found without a write; else null. */
export type KnownAnswer = (
  manifest: Stored<KObject>,
  manager: string,
  opts: ApplyOptions,
) => ApplyResult | null;

/** One pass: its manifests, when it began, and the answers found without a write, by position. */
export interface Pass {
  manager: string;
  kinds: number;
  since: number;
  /** Stored manifests are answered from memory; any others go the long way. */
  manifests: readonly unknown[];
  known: (ApplyResult | undefined)[];
}

/** The previous pass a new one may answer from, and which pass to keep for the next one. */
export function nextPass(
  host: ApplierHost,
  last: Pass | undefined,
  manager: string,
  manifests: readonly unknown[],
): { pass: Pass; previous: Pass | null; keep: Pass } {
  const pass: Pass = {
    manager,
    kinds: host.kinds.generation,
    since: host.version,
    manifests,
    known: [],
  };
  const same = last !== undefined && last.kinds === pass.kinds;
  // A pass over a few of the manifests (a self-heal syncs only what drifted) does not replace a
  // pass over them all while that one can still be answered from (the journal reaches it).
  const keepLast =
    same && manifests.length * 2 < last.manifests.length && host.changedSince(last.since) !== null;
  return { pass, previous: same ? last : null, keep: keepLast ? last : pass };
}

export class Applier {
  /** The keys written since the previous pass began, as of `writtenAt` (the cluster's version). */
  private written: ReadonlySet<string> | null = null;
  private writtenAt = -1;

  constructor(
    private readonly host: ApplierHost,
    private readonly known: KnownAnswer,
    private readonly pass: Pass,
    private previous: Pass | null,
  ) {}

  /** Applies manifest `i` of the pass (each at most once per pass; a dry run changes nothing). */
  apply(i: number, ctx: WriteContext, opts: ApplyOptions = {}): ApplyResult {
    const manifest = this.pass.manifests[i];
    if (!isStored(manifest)) return this.host.apply(manifest, ctx, opts);
    const before = this.fromPrevious(i, manifest);
    if (before) {
      this.pass.known[i] = before;
      return before;
    }
    const known = isRecord(manifest) && this.known(manifest as Stored<KObject>, ctx.manager, opts);
    if (known) {
      this.pass.known[i] = known;
      return known;
    }
    return this.host.apply(manifest, ctx, opts);
  }

  private fromPrevious(i: number, manifest: unknown): ApplyResult | null {
    const previous = this.previous;
    const before = previous?.known[i];
    if (!before || previous.manifests[i] !== manifest) return null;
    const host = this.host;
    if (host.kinds.generation !== this.pass.kinds) return null;
    // Writes can come between two applies of a pass (a sync waits between its waves).
    if (this.writtenAt !== host.version) {
      const written = host.changedSince(previous.since);
      if (written === null) {
        this.previous = null;
        return null;
      }
      this.written = new Set(written);
      this.writtenAt = host.version;
    }
    return this.written!.has(before.key) ? null : before;
  }
}
