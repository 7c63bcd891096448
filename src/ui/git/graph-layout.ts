// The commit graph's layout, computed here rather than by a general graph engine: a commit graph
// is a list (one row per commit, newest on top) plus a column per branch, which is a few dozen lines
// and keeps dagre out of the first bundle. Pure: commits in, rows / columns / edges out.
//
// order: children above parents; among commits free to go next, the newest (then the order given).
// columns: `main` owns column 0; every other branch (a ref, then any commit no ref's first-parent
// chain reaches) gets the lowest column free over the rows it spans, from the merge that took it
// (or its tip) down to the commit it forked from.
import { BRANCH } from '../../sim/sandbox';
import type { CommitView } from '../../store/view';

export type CommitKind = 'commit' | 'merge' | 'revert' | 'root';

export interface GraphRow {
  commit: CommitView;
  row: number;
  col: number;
  /** Index of the branch lane, for colour; 0 is main. */
  lane: number;
  kind: CommitKind;
}

export interface GraphEdge {
  key: string;
  fromRow: number;
  fromCol: number;
  toRow: number;
  toCol: number;
  /** A merge's second (or later) parent: the line bends at the child, not at the parent. */
  merge: boolean;
  lane: number;
}

export interface GraphLayout {
  rows: GraphRow[];
  edges: GraphEdge[];
  columns: number;
}

export function commitKind(c: CommitView): CommitKind {
  if (c.parents.length > 1) return 'merge';
  if (c.parents.length === 0) return 'root';
  return c.subject.startsWith('Revert "') ? 'revert' : 'commit';
}

const branchRefs = (c: CommitView) => c.refs.filter((r) => !r.startsWith('tag: '));

function topoOrder(commits: readonly CommitView[]): CommitView[] {
  const bySha = new Map(commits.map((c) => [c.sha, c]));
  const children = new Map<string, number>();
  for (const c of commits)
    for (const p of c.parents) if (bySha.has(p)) children.set(p, (children.get(p) ?? 0) + 1);
  const ready = commits.filter((c) => !children.get(c.sha));
  const index = new Map(commits.map((c, i) => [c.sha, i]));
  const out: CommitView[] = [];
  while (ready.length > 0) {
    let best = 0;
    for (let i = 1; i < ready.length; i++) {
      const a = ready[i]!;
      const b = ready[best]!;
      if (a.t > b.t || (a.t === b.t && index.get(a.sha)! < index.get(b.sha)!)) best = i;
    }
    const [next] = ready.splice(best, 1);
    out.push(next!);
    for (const p of next!.parents) {
      const left = (children.get(p) ?? 0) - 1;
      children.set(p, left);
      if (left === 0 && bySha.has(p)) ready.push(bySha.get(p)!);
    }
  }
  return out;
}

export function layoutGraph(commits: readonly CommitView[]): GraphLayout {
  const ordered = topoOrder(commits);
  const rowOf = new Map(ordered.map((c, i) => [c.sha, i]));
  const bySha = new Map(ordered.map((c) => [c.sha, c]));
  const laneOf = new Map<string, number>();
  const laneCommits: string[][] = [];

  const claim = (tip: string) => {
    if (laneOf.has(tip)) return;
    const lane = laneCommits.length;
    const mine: string[] = [];
    for (let c = bySha.get(tip); c && !laneOf.has(c.sha); c = bySha.get(c.parents[0] ?? '')) {
      laneOf.set(c.sha, lane);
      mine.push(c.sha);
    }
    laneCommits.push(mine);
  };
  const mainTip = ordered.find((c) => c.refs.includes(BRANCH));
  if (mainTip) claim(mainTip.sha);
  for (const c of ordered) if (branchRefs(c).some((r) => r !== BRANCH)) claim(c.sha);
  for (const c of ordered) claim(c.sha);

  // The rows each lane occupies: from the child that merged it (or its tip) to its fork point.
  const spans = laneCommits.map((shas) => {
    const rows = shas.map((s) => rowOf.get(s)!);
    const last = bySha.get(shas.at(-1)!)!;
    const fork = rowOf.get(last.parents[0] ?? '');
    return { top: Math.min(...rows), bottom: Math.max(...rows, fork ?? -1) };
  });
  for (const c of ordered)
    for (const p of c.parents.slice(1)) {
      const lane = laneOf.get(p);
      if (lane !== undefined) spans[lane]!.top = Math.min(spans[lane]!.top, rowOf.get(c.sha)!);
    }

  const colOf: number[] = [];
  const taken: { top: number; bottom: number }[][] = [];
  const byTop = spans.map((s, lane) => ({ ...s, lane })).sort((a, b) => a.top - b.top);
  for (const span of byTop) {
    // Main keeps column 0 even when it is not the first lane to start (a branch newer than main).
    let col = span.lane === 0 && mainTip ? 0 : mainTip ? 1 : 0;
    while (taken[col]?.some((o) => !(span.bottom < o.top || span.top > o.bottom))) col++;
    (taken[col] ??= []).push(span);
    colOf[span.lane] = col;
  }

  const rows: GraphRow[] = ordered.map((commit, row) => {
    const lane = laneOf.get(commit.sha)!;
    return { commit, row, col: colOf[lane]!, lane, kind: commitKind(commit) };
  });
  const edges: GraphEdge[] = [];
  for (const r of rows)
    r.commit.parents.forEach((p, i) => {
      const parent = rowOf.get(p);
      if (parent === undefined) return;
      const lane = i === 0 ? r.lane : laneOf.get(p)!;
      edges.push({
        key: `${r.commit.sha}-${p}`,
        fromRow: r.row,
        fromCol: r.col,
        toRow: parent,
        toCol: rows[parent]!.col,
        merge: i > 0,
        lane,
      });
    });
  return { rows, edges, columns: Math.max(1, ...colOf.map((c) => c + 1)) };
}
