// A list of manifests applied again and again by one manager: a pipeline's deploy of an app, a
// sync's dry run and its apply. Most of them change nothing, run after run, and what a re-apply
// answers depends only on the manifest (the same frozen object), the kinds served, and the stored
// object and its field ownership (a write or an ownership change puts its key in the cluster's
// journal). So an apply at the same place in the list, of the same manifest, whose last answer
// was `unchanged` and whose object nothing wrote since that pass began, answers the same again,
// without a lookup in the cluster's maps.
import type { Cluster } from './cluster';
import type { ApplyResult } from './write';

interface Pass {
  cluster: Cluster;
  manager: string;
  kinds: number;
  /** The cluster's version when the pass began: writes since then may change an answer. */
  since: number;
  manifests: readonly unknown[];
  results: (ApplyResult | undefined)[];
}

export class ReapplyList {
  private last: Pass | null = null;

  /** Starts a pass over `manifests` (applied in order, each at most once). */
  begin(cluster: Cluster, manager: string, manifests: readonly unknown[]): ReapplyPass {
    const last = this.last;
    const pass: Pass = {
      cluster,
      manager,
      kinds: cluster.kinds.generation,
      since: cluster.version,
      manifests,
      results: [],
    };
    const same =
      last !== null &&
      last.cluster === cluster &&
      last.manager === manager &&
      last.kinds === pass.kinds;
    // A pass over a few of the manifests (a self-heal syncs only what drifted) does not replace
    // a pass over them all while that one can still be answered from (the journal reaches it).
    const keepLast =
      same && manifests.length * 2 < last.manifests.length && cluster.changedSince(last.since);
    if (!keepLast) this.last = pass;
    return new ReapplyPass(pass, same ? last : null);
  }
}

export class ReapplyPass {
  /** The keys written since the previous pass began, as of `writtenAt` (the cluster's version). */
  private written: ReadonlySet<string> | null = null;
  private writtenAt = -1;

  constructor(
    private readonly pass: Pass,
    private previous: Pass | null,
  ) {}

  /** The answer an apply of manifest `i` would give, when the last pass's still holds; else null. */
  known(i: number): ApplyResult | null {
    const previous = this.previous;
    const before = previous?.results[i];
    const manifest = this.pass.manifests[i];
    if (
      !before ||
      before.outcome !== 'unchanged' ||
      previous.manifests[i] !== manifest ||
      !Object.isFrozen(manifest)
    )
      return null;
    const { cluster } = this.pass;
    if (cluster.kinds.generation !== this.pass.kinds) return null;
    // Writes can come between two applies of a pass (a sync waits between its waves).
    if (this.writtenAt !== cluster.version) {
      const written = cluster.changedSince(previous.since);
      if (written === null) {
        this.previous = null;
        return null;
      }
      this.written = new Set(written);
      this.writtenAt = cluster.version;
    }
    if (this.written!.has(before.key)) return null;
    this.pass.results[i] = before;
    return before;
  }

  /** What the apply of manifest `i` answered (by the long way). */
  answered(i: number, result: ApplyResult): void {
    this.pass.results[i] = result;
  }
}
