// "What just happened", per lane, in words: built from the audit trail alone, so that what the
// narration says is what the trail records. A correction that happens within a second (a
// self-heal, Synced -> OutOfSync -> Synced) is still told, with its duration; each happening
// names the objects it touched (store keys such as `Deployment/default/web`) so the app can
// highlight them; a lane that did nothing says so, and why.
import type { AuditRecord, ClusterName, FieldChange } from '../audit';
import { formatClock, formatDuration } from '../clock';

export interface Happening {
  t: number;
  text: string;
  /** Objects it touched: `Kind/namespace/name` for cluster objects. */
  keys: string[];
  kind: 'git' | 'change' | 'heal' | 'deploy' | 'status' | 'refused' | 'idle';
}

const LANE_TOOL = { devops: 'the pipeline', gitops: 'Argo CD' } as const;

const shown = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
// Bookkeeping and fields rewritten with the value they had are not news to a learner.
const isMeta = (c: FieldChange) =>
  c.path.startsWith('metadata.') ||
  c.path.startsWith('status') ||
  JSON.stringify(c.before) === JSON.stringify(c.after);

function fieldList(changes: readonly FieldChange[], max = 3): string {
  const fields = changes.filter((c) => !isMeta(c));
  const text = fields
    .slice(0, max)
    .map((c) =>
      c.before === undefined
        ? `${c.path} set`
        : c.after === undefined
          ? `${c.path} removed`
          : `${c.path} ${shown(c.before)} → ${shown(c.after)}`,
    )
    .join(', ');
  return fields.length > max ? `${text}, and ${fields.length - max} more` : text;
}

const short = (rev: string | null) => (rev ? rev.slice(0, 7) : 'an unknown revision');
const at = (t: number) => formatClock(t);
const VERB_PAST = { create: 'created', update: 'changed', delete: 'deleted' } as const;

/** The writes of one deploy (a sync or a pipeline run): from its start to its end record. */
function deployWrites(records: readonly AuditRecord[], start: number): AuditRecord[] {
  const writes: AuditRecord[] = [];
  const first = records[start]!;
  for (let i = start + 1; i < records.length; i++) {
    const r = records[i]!;
    if (r.cluster !== first.cluster) continue;
    if (r.channel === first.channel && r.verb.startsWith('deploy-')) break;
    if (
      r.channel === first.channel &&
      (r.verb === 'create' || r.verb === 'update' || r.verb === 'delete')
    )
      writes.push(r);
  }
  return writes;
}

function writesText(all: readonly AuditRecord[]): string {
  const writes = all.filter((w) => w.verb !== 'update' || w.changes.some((c) => !isMeta(c)));
  if (writes.length === 0) return 'nothing needed changing';
  return writes
    .map((w) => {
      const fields = w.verb === 'update' ? fieldList(w.changes) : '';
      return `${VERB_PAST[w.verb as keyof typeof VERB_PAST]} ${w.object}${fields ? ` (${fields})` : ''}`;
    })
    .join('; ');
}

/** A self-heal: what drifted, what Git says, and how long after the change it was put back. */
function healText(
  records: readonly AuditRecord[],
  writes: readonly AuditRecord[],
  t: number,
): string {
  if (writes.length === 0)
    return `${at(t)} Argo CD started a self-heal and found nothing to change`;
  return writes
    .map((w) => {
      const cause = [...records]
        .reverse()
        .find(
          (r) =>
            r.t <= w.t &&
            r.seq < w.seq &&
            r.object === w.object &&
            r.cluster === w.cluster &&
            r.channel !== 'reconciler' &&
            r.changes.some((c) => !isMeta(c)),
        );
      const fields = w.changes.filter((c) => !isMeta(c));
      const drift = fields
        .map((c) => `${c.path} ${shown(c.before)}, Git says ${shown(c.after)}`)
        .join('; ');
      const later = cause ? ` ${formatDuration(w.t - cause.t)} after ${cause.actor}'s change` : '';
      return `${at(w.t)} Argo CD saw ${w.object} drift (${drift || 'a field Git declares'}) and self-healed it${later}`;
    })
    .join('; ');
}

/** "Updated sync status: Synced -> OutOfSync" -> ['sync', 'Synced', 'OutOfSync'] */
function statusChange(r: AuditRecord): [string, string, string] | null {
  const m = /^Updated (sync|health) status: (\w+) -> (\w+)/.exec(r.message ?? '');
  return m ? [m[1]!, m[2]!, m[3]!] : null;
}

const pushedToMain = (r: AuditRecord) =>
  r.cluster === 'repo' &&
  (r.verb === 'pr-merge' ||
    ((r.verb === 'commit' || r.verb === 'revert') && r.object === 'refs/heads/main'));

/** A lane that did nothing in the window, and why: nothing to do, or not yet. */
function idle(lane: ClusterName, records: readonly AuditRecord[]): Happening {
  const push = records.find(pushedToMain);
  const t = records.at(-1)?.t ?? 0;
  const text =
    lane === 'devops'
      ? push
        ? `The pipeline started on ${push.actor}'s push to main at ${at(push.t)} and has not deployed yet: checkout, build and test come first.`
        : 'The pipeline did not run: it runs only on a push to main (or a re-run), and nothing watches the cluster in between.'
      : push && !records.some((r) => r.channel === 'reconciler' && r.revision === push.revision)
        ? `${LANE_TOOL.gitops} has not deployed ${push.actor}'s push to main yet: it finds a new commit at its next poll of Git.`
        : `${LANE_TOOL.gitops} changed nothing in the cluster.`;
  return { t, kind: 'idle', keys: [], text };
}

/**
 * What happened on `lane` (and in Git) between two positions of the trail (`from` inclusive,
 * `to` exclusive; `to` defaults to the end), in the order it happened.
 */
export function whatHappened(
  trail: readonly AuditRecord[],
  lane: ClusterName,
  from: number,
  to = trail.length,
): Happening[] {
  const records = trail.slice(from, to);
  const out: Happening[] = [];
  const skip = new Set<number>();
  let laneActed = false;
  records.forEach((r, i) => {
    if (skip.has(r.seq)) return;
    if (r.cluster === 'repo') {
      if (r.verb === 'commit' || r.verb === 'revert' || r.verb === 'pr-merge') {
        const onMain = r.object === 'refs/heads/main' || r.verb === 'pr-merge';
        const what =
          r.verb === 'pr-merge'
            ? `merged ${r.object.replace('pull/', 'pull request #')} into main`
            : r.verb === 'revert'
              ? `reverted a commit on ${r.object.replace('refs/heads/', '')}`
              : `committed "${r.message ?? ''}" on ${r.object.replace('refs/heads/', '')}`;
        out.push({
          t: r.t,
          kind: 'git',
          keys: [],
          text: `${at(r.t)} ${r.actor} ${what} (${short(r.revision)})${onMain ? '' : ': not main, so no lane deploys it'}`,
        });
      }
      return;
    }
    if (r.cluster !== lane) return;
    if (r.verb === 'refuse') {
      laneActed = true;
      out.push({
        t: r.t,
        kind: 'refused',
        keys: [r.object],
        text: `${at(r.t)} ${r.actor}'s ${r.channel} request${r.object.includes('/') ? ` on ${r.object}` : ` ${r.object}`} was refused${r.message ? `: ${r.message}` : ''}`,
      });
    } else if (
      r.channel === 'kubectl' &&
      (r.verb === 'create' || r.verb === 'update' || r.verb === 'delete')
    ) {
      out.push({
        t: r.t,
        kind: 'change',
        keys: [r.object],
        text: `${at(r.t)} ${r.actor} ${VERB_PAST[r.verb]} ${r.object} with kubectl${r.verb === 'update' ? ` (${fieldList(r.changes) || 'no declared field'})` : ''}, outside Git`,
      });
    } else if (r.verb === 'deploy-started') {
      laneActed = true;
      const writes = deployWrites(records, i);
      for (const w of writes) skip.add(w.seq);
      const keys = writes.map((w) => w.object);
      const end = records
        .slice(i + 1)
        .find(
          (e) =>
            e.cluster === r.cluster &&
            e.channel === r.channel &&
            (e.verb === 'deploy-succeeded' || e.verb === 'deploy-failed'),
        );
      const failed =
        end?.verb === 'deploy-failed'
          ? ` It failed: ${end.message ?? 'see the log'}${writes.length === 0 ? ', having changed nothing' : ''}.`
          : '';
      if (r.operation?.trigger === 'heal')
        out.push({ t: r.t, kind: 'heal', keys, text: healText(trail, writes, r.t) + failed });
      else if (r.channel === 'pipeline')
        out.push({
          t: r.t,
          kind: 'deploy',
          keys,
          text: failed
            ? `${at(r.t)} the pipeline's deploy of ${short(r.revision)} (${r.operation?.trigger === 'rerun' ? 're-run' : 'push'}) began${writes.length ? `: ${writesText(writes)}.` : '.'}${failed}`
            : `${at(r.t)} the pipeline deployed ${short(r.revision)} (${r.operation?.trigger === 'rerun' ? 're-run' : 'push'}): ${writesText(writes)}.`,
        });
      else
        out.push({
          t: r.t,
          kind: 'deploy',
          keys,
          text: `${at(r.t)} Argo CD ${failed ? 'tried to sync' : 'synced'} ${short(r.revision)} (${r.operation?.trigger === 'manual' ? `sync by ${r.actor}` : (r.operation?.trigger ?? 'auto')}): ${writesText(writes)}.${failed}`,
        });
    } else if (r.verb === 'rollback') {
      laneActed = true;
      out.push({
        t: r.t,
        kind: 'deploy',
        keys: [],
        text: `${at(r.t)} ${r.actor} rolled back (${r.operation?.method ?? 'rollback'})`,
      });
    } else if (r.verb === 'status') {
      const change = statusChange(r);
      if (!change || change[0] !== 'sync') return;
      // A flip and its return within this window: told once, with its duration.
      const back = records
        .slice(i + 1)
        .find(
          (n) =>
            n.verb === 'status' &&
            n.cluster === lane &&
            n.object === r.object &&
            statusChange(n)?.[0] === 'sync',
        );
      const backTo = back ? statusChange(back) : null;
      if (back && backTo && backTo[2] === change[1]) {
        skip.add(back.seq);
        const d = back.t - r.t;
        out.push({
          t: r.t,
          kind: 'status',
          keys: [],
          text: `${at(r.t)} ${r.object}: ${change[1]} → ${change[2]} → ${change[1]} ${d < 1_000 ? 'within a second' : `in ${formatDuration(d)}`}`,
        });
      } else
        out.push({
          t: r.t,
          kind: 'status',
          keys: [],
          text: `${at(r.t)} ${r.object} became ${change[2]}`,
        });
    } else if (r.channel === 'observer' && r.verb === 'observe' && r.operation?.inSync === false) {
      const back = records
        .slice(i + 1)
        .find(
          (n) => n.cluster === lane && n.channel === 'observer' && n.operation?.inSync === true,
        );
      const keys = r.changes.map((c) => c.path);
      if (back) skip.add(back.seq);
      const gitMoved = r.operation?.cause === 'commit';
      const later = (d: number) => (d < 1_000 ? 'within a second' : `${formatDuration(d)} later`);
      const text = gitMoved
        ? back
          ? `${at(r.t)} Git moved ahead of the cluster, which caught up ${later(back.t - r.t)}`
          : `${at(r.t)} Git moved ahead of the cluster (${keys.join(', ') || 'a new commit'})`
        : back
          ? `${at(r.t)} the cluster stopped matching Git and matched it again ${later(back.t - r.t)}`
          : `${at(r.t)} the cluster stopped matching Git (${keys.join(', ')})`;
      out.push({ t: r.t, kind: 'status', keys, text });
    } else if (r.channel === 'observer' && r.operation?.inSync === true) {
      out.push({
        t: r.t,
        kind: 'status',
        keys: [],
        text: `${at(r.t)} the cluster matches Git again`,
      });
    }
  });
  if (!laneActed) out.push(idle(lane, records));
  return out;
}

/**
 * What happened on `lane` during the last step that ran and since (the learner's actions, played
 * time): the narration beside the step's `say`.
 */
export function happenedInLastStep(
  run: {
    results: readonly { auditEnd: number }[];
    sandbox: { audit: { records(): readonly AuditRecord[] } };
  },
  lane: ClusterName,
): Happening[] {
  const from = run.results.at(-2)?.auditEnd ?? 0;
  return whatHappened(run.sandbox.audit.records(), lane, from);
}
