// How a live object stands to Git, in three distinct states beside "as in Git" (issue 14; the
// timeline's bands already tell "drifted" from "Git ahead"):
// - drifted: live differs from Git by an out-of-band change (kubectl, a hand edit: a write with
//   no Git revision) that no deploy has overwritten;
// - pending: Git is ahead: the lane has not deployed or synced the new revision yet (in
//   `promotion`, prod waits for an approval), or a declared object was never created;
// - orphan: the cluster still runs an object Git no longer declares.
// Read from the audit trail: per object, who last wrote each differing field. Controllers
// (ReplicaSets, the HPA) and DriftLab's observer are not writers here.
// Simplification: an object whose differing fields nobody wrote (Git changed them) is pending.
import type { AuditRecord, ClusterName } from '../../sim/audit';
import type { ObjectView } from '../../store/view';

export type GitRelation = 'synced' | 'drifted' | 'pending' | 'orphan';

export interface Write {
  verb: 'create' | 'update' | 'delete';
  /** No Git revision: a person's or a tool's change outside the lanes. */
  outOfBand: boolean;
  paths: readonly string[];
}

/** The writes to each object of a lane's cluster, oldest first, keyed as ObjectView.key. */
export function writesByObject(
  audit: readonly AuditRecord[],
  lane: ClusterName,
): Map<string, Write[]> {
  const out = new Map<string, Write[]>();
  for (const r of audit) {
    if (r.cluster !== lane || r.channel === 'controller' || r.channel === 'observer') continue;
    if (r.verb !== 'create' && r.verb !== 'update' && r.verb !== 'delete') continue;
    const w: Write = {
      verb: r.verb,
      outOfBand: r.revision === null,
      paths: r.changes.map((c) => c.path),
    };
    const list = out.get(r.object);
    if (list) list.push(w);
    else out.set(r.object, [w]);
  }
  return out;
}

/** One path inside the other (`spec.template` holds `spec.template.spec.containers[0].image`). */
const overlaps = (a: string, b: string) =>
  a === b ||
  a.startsWith(`${b}.`) ||
  b.startsWith(`${a}.`) ||
  a.startsWith(`${b}[`) ||
  b.startsWith(`${a}[`);

export function gitRelation(
  o: Pick<ObjectView, 'drift' | 'fields'>,
  writes: readonly Write[] = [],
): GitRelation {
  if (o.drift === null) return 'synced';
  if (o.drift === 'extra') return 'orphan';
  if (o.drift === 'missing') {
    const last = writes.at(-1);
    return last?.verb === 'delete' && last.outOfBand ? 'drifted' : 'pending';
  }
  // modified: was any differing field last written out of band?
  for (const f of o.fields) {
    const last = writes.findLast((w) => w.paths.some((p) => overlaps(p, f.path)));
    if (last?.outOfBand) return 'drifted';
  }
  return 'pending';
}

export const RELATION_TEXT: Record<GitRelation, { icon: string; text: string; title: string }> = {
  synced: { icon: '✓', text: 'as in Git', title: 'Live matches the manifest in Git.' },
  drifted: {
    icon: '≠',
    text: 'drifted',
    title:
      'Changed outside Git (kubectl, a hand edit): live differs from Git, and no deploy has put it back.',
  },
  pending: {
    icon: '↑',
    text: 'pending',
    title: 'Git is ahead: the new revision has not been deployed or synced here yet.',
  },
  orphan: {
    icon: '⌫',
    text: 'orphan',
    title: 'Live, but Git no longer declares it: only a prune deletes it.',
  },
};
