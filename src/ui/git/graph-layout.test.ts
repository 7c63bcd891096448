import { describe, expect, it } from 'vitest';
import type { CommitView } from '../../store/view';
import { COMMITS, FEATURE, MERGE, PR_TIP, REVERT, ROOT } from './fixtures';
import { layoutGraph } from './graph-layout';

const commit = (sha: string, parents: string[], t: number, refs: string[] = []): CommitView => ({
  sha,
  subject: sha,
  message: `${sha}\n`,
  author: 'a',
  t,
  parents,
  refs,
});

describe('layoutGraph', () => {
  const layout = layoutGraph(COMMITS);
  const at = (sha: string) => layout.rows.find((r) => r.commit.sha === sha)!;

  it('puts main in column 0 and each other branch in a column of its own', () => {
    expect([ROOT, MERGE, REVERT].map((s) => at(s).col)).toEqual([0, 0, 0]);
    expect(at(FEATURE).col).toBeGreaterThan(0);
    expect(at(PR_TIP).col).toBeGreaterThan(0);
  });

  it('reuses a column once a branch has been merged', () => {
    // add-web spans rows merge..root; the PR branch spans its tip..the revert, above it.
    expect(at(PR_TIP).col).toBe(at(FEATURE).col);
    expect(layout.columns).toBe(2);
  });

  it('draws a merge with an edge to each parent, the second marked as a merge edge', () => {
    const edges = layout.edges.filter((e) => e.fromRow === at(MERGE).row);
    expect(edges.map((e) => [e.toRow, e.merge])).toEqual([
      [at(ROOT).row, false],
      [at(FEATURE).row, true],
    ]);
    expect(at(MERGE).kind).toBe('merge');
    expect(at(REVERT).kind).toBe('revert');
  });

  it('orders children above parents even when their times tie', () => {
    const tied = layoutGraph([
      commit('b', ['a'], 5, ['main']),
      commit('a', [], 5),
      commit('c', ['b'], 5, ['topic']),
    ]);
    expect(tied.rows.map((r) => r.commit.sha)).toEqual(['c', 'b', 'a']);
    expect(tied.rows.map((r) => r.col)).toEqual([1, 0, 0]);
  });

  it('keeps branches that overlap in separate columns', () => {
    const busy = layoutGraph([
      commit('m2', ['m1', 'x1'], 40, ['main']),
      commit('y1', ['m1'], 30, ['y']),
      commit('x1', ['m0'], 20, ['x']),
      commit('m1', ['m0'], 10),
      commit('m0', [], 0),
    ]);
    const col = (sha: string) => busy.rows.find((r) => r.commit.sha === sha)!.col;
    expect(col('m2')).toBe(0);
    expect(new Set([col('x1'), col('y1')]).size).toBe(2);
    expect(busy.columns).toBe(3);
  });
});
