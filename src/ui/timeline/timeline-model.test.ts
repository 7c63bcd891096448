import { describe, expect, it } from 'vitest';
import { AUDIT, COMMITS } from './fixtures';
import { buildTimeline } from './timeline-model';

describe('buildTimeline', () => {
  const model = buildTimeline(COMMITS, AUDIT);

  it('pairs deploy-started with its end into one span per run or sync', () => {
    expect(model.spans.map((s) => [s.row, s.kind, s.start, s.end, s.result])).toEqual([
      ['gitops', 'sync', 0, 0, 'succeeded'],
      ['devops', 'deploy', 160_000, 180_000, 'succeeded'],
      ['gitops', 'heal', 301_000, 301_000, 'succeeded'],
      ['devops', 'deploy', 520_000, 582_000, 'failed'],
    ]);
  });

  it('draws a band from out-of-sync to back-in-sync, open while it lasts, with its cause', () => {
    expect(model.bands.map((b) => [b.row, b.start, b.end, b.cause])).toEqual([
      ['devops', 0, 160_000, 'commit'],
      ['gitops', 300_000, 301_000, 'change'],
      ['devops', 300_000, null, 'change'],
    ]);
    expect(model.bands[2]!.label).toBe(
      'DevOps out of sync with Git (drifted: the cluster was changed), since 00:05:00',
    );
  });

  it('marks commits, kubectl changes and rollbacks with names a reader can follow', () => {
    expect(model.marks.map((m) => [m.row, m.kind, m.t])).toEqual([
      ['git', 'commit', 360_000],
      ['git', 'commit', 0],
      ['devops', 'rollback', 600_000],
      ['devops', 'kubectl', 300_000],
      ['gitops', 'kubectl', 300_000],
    ]);
    expect(model.marks[3]!.label).toBe(
      'DevOps: kubectl by bob at 00:05:00 (out-of-band): update Deployment/default/web',
    );
    expect(model.last).toBe(600_000);
  });
});
