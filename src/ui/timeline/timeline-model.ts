// What the timeline draws, read from the commits and the audit trail: marks (an instant), spans (a
// pipeline deploy or a sync, from its start to its end) and bands (a lane out of sync with Git, from
// the observer's records). Pure: plain data in, plain data out, so it is tested without a DOM.
import type { AuditRecord, ClusterName } from '../../sim/audit';
import { formatClock } from '../../sim/clock';
import type { CommitView } from '../../store/view';
import { commitKind } from '../git/graph-layout';

export type RowId = 'git' | ClusterName;

export type MarkKind = 'commit' | 'merge' | 'revert' | 'kubectl' | 'rollback';

export interface Mark {
  key: string;
  row: RowId;
  t: number;
  kind: MarkKind;
  label: string;
}

export interface Span {
  key: string;
  row: ClusterName;
  start: number;
  /** null while it is still running. */
  end: number | null;
  /** heal: a GitOps self-heal sync. */
  kind: 'deploy' | 'sync' | 'heal';
  result: 'succeeded' | 'failed' | 'running';
  label: string;
}

export interface Band {
  key: string;
  row: ClusterName;
  start: number;
  /** null while the lane is still out of sync. */
  end: number | null;
  /** commit: Git moved ahead (a deploy is pending); change: the cluster drifted. */
  cause: 'commit' | 'change';
  label: string;
}

export interface TimelineModel {
  marks: Mark[];
  spans: Span[];
  bands: Band[];
  /** The latest instant anything happened. */
  last: number;
}

const LANE_NAME: Record<ClusterName, string> = { devops: 'DevOps', gitops: 'GitOps' };
const CLUSTER_VERBS = new Set(['create', 'update', 'delete']);
const short = (sha: string | null) => (sha ? sha.slice(0, 7) : 'no revision');
const at = (t: number) => formatClock(t);
const between = (start: number, end: number | null) =>
  end === null
    ? `since ${at(start)}`
    : start === end
      ? `at ${at(start)}`
      : `${at(start)}–${at(end)}`;

function commitMarks(commits: readonly CommitView[]): Mark[] {
  return commits.map((c) => {
    const graphKind = commitKind(c);
    const kind: MarkKind = graphKind === 'root' ? 'commit' : graphKind;
    const what = kind === 'merge' ? 'Merge commit' : kind === 'revert' ? 'Revert' : 'Commit';
    return {
      key: `c-${c.sha}`,
      row: 'git',
      t: c.t,
      kind,
      label: `${what} ${short(c.sha)} by ${c.author} at ${at(c.t)}: ${c.subject}`,
    };
  });
}

function spanLabel(s: Omit<Span, 'label' | 'key'>, open: AuditRecord, close?: AuditRecord): string {
  const what =
    s.kind === 'deploy' ? 'Pipeline deploy' : s.kind === 'heal' ? 'Self-heal sync' : 'Sync';
  const trigger = open.operation?.trigger ? ` (${open.operation.trigger})` : '';
  const outcome = s.result === 'running' ? 'running' : s.result;
  const detail = close?.message ?? open.message;
  return `${LANE_NAME[s.row]}: ${what} of ${short(open.revision)}${trigger} ${outcome}, ${between(s.start, s.end)}${detail ? `. ${detail}` : ''}`;
}

export function buildTimeline(
  commits: readonly CommitView[],
  audit: readonly AuditRecord[],
): TimelineModel {
  const marks = commitMarks(commits);
  const spans: Span[] = [];
  const bands: Band[] = [];
  const running = new Map<string, AuditRecord>();
  const outOfSync = new Map<ClusterName, AuditRecord>();
  // One kubectl line can touch several objects in one instant: one mark per actor and instant.
  const kubectl = new Map<string, { first: AuditRecord; objects: string[] }>();
  let last = 0;

  const closeSpan = (open: AuditRecord, close: AuditRecord | null) => {
    const row = open.cluster as ClusterName;
    const kind = row === 'devops' ? 'deploy' : open.operation?.trigger === 'heal' ? 'heal' : 'sync';
    const result =
      close === null ? 'running' : close.verb === 'deploy-failed' ? 'failed' : 'succeeded';
    const base = { row, start: open.t, end: close?.t ?? null, kind, result } as const;
    spans.push({ ...base, key: `s-${open.seq}`, label: spanLabel(base, open, close ?? undefined) });
  };

  for (const r of audit) {
    if (r.cluster === 'repo') continue;
    last = Math.max(last, r.t);
    const lane = r.cluster;
    const app = `${lane}|${r.object}`;
    if (r.verb === 'deploy-started') {
      const before = running.get(app);
      if (before) closeSpan(before, null);
      running.set(app, r);
    } else if (r.verb === 'deploy-succeeded' || r.verb === 'deploy-failed') {
      const open = running.get(app);
      running.delete(app);
      closeSpan(open ?? r, r);
    } else if (r.verb === 'rollback') {
      marks.push({
        key: `r-${r.seq}`,
        row: lane,
        t: r.t,
        kind: 'rollback',
        label: `${LANE_NAME[lane]}: rollback (${r.operation?.method ?? 'rollback'}) by ${r.actor} at ${at(r.t)}${r.message ? `. ${r.message}` : ''}`,
      });
    } else if (r.channel === 'kubectl' && CLUSTER_VERBS.has(r.verb)) {
      const key = `${lane}|${r.t}|${r.actor}`;
      const hit = kubectl.get(key);
      if (hit) hit.objects.push(`${r.verb} ${r.object}`);
      else kubectl.set(key, { first: r, objects: [`${r.verb} ${r.object}`] });
    } else if (r.verb === 'observe' && r.operation?.inSync !== undefined) {
      const open = outOfSync.get(lane);
      if (!r.operation.inSync && !open) outOfSync.set(lane, r);
      else if (r.operation.inSync && open) {
        outOfSync.delete(lane);
        bands.push(band(open, r.t));
      }
    }
  }
  for (const open of running.values()) closeSpan(open, null);
  for (const open of outOfSync.values()) bands.push(band(open, null));
  for (const { first, objects } of kubectl.values()) {
    const lane = first.cluster as ClusterName;
    marks.push({
      key: `k-${first.seq}`,
      row: lane,
      t: first.t,
      kind: 'kubectl',
      label: `${LANE_NAME[lane]}: kubectl by ${first.actor} at ${at(first.t)} (out-of-band): ${objects.join(', ')}`,
    });
  }
  for (const c of commits) last = Math.max(last, c.t);
  return { marks, spans, bands, last };
}

function band(open: AuditRecord, end: number | null): Band {
  const lane = open.cluster as ClusterName;
  const cause = open.operation?.cause === 'change' ? 'change' : 'commit';
  const why =
    cause === 'change'
      ? 'drifted: the cluster was changed'
      : 'Git moved ahead: a deploy is pending';
  return {
    key: `b-${open.seq}`,
    row: lane,
    start: open.t,
    end,
    cause,
    label: `${LANE_NAME[lane]} out of sync with Git (${why}), ${between(open.t, end)}`,
  };
}
