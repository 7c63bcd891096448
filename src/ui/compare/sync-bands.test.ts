import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../sim/metrics';
import { syncSummary, syncTimeline } from './sync-bands';
import { LEAKED_TOKEN_TRAIL as TRAIL } from './test-fixtures';

describe('syncTimeline', () => {
  it('turns observe records into in-sync and out-of-sync bands up to now', () => {
    const devops = syncTimeline(TRAIL, 'devops', 300_000);
    expect(devops.bands).toEqual([
      { start: 0, end: 60_000, inSync: false },
      { start: 60_000, end: 120_000, inSync: true },
      { start: 120_000, end: 300_000, inSync: false },
    ]);
    expect(devops.outOfSyncMs).toBe(240_000);
    expect(devops.outOfSyncShare).toBe(0.8);
    const gitops = syncTimeline(TRAIL, 'gitops', 300_000);
    expect(gitops.outOfSyncMs).toBe(5_000);
  });

  it('takes a lane with no observation yet as matching Git (the observer writes on flips)', () => {
    expect(syncTimeline([], 'devops', 60_000)).toEqual({
      bands: [{ start: 0, end: 60_000, inSync: true }],
      outOfSyncMs: 0,
      outOfSyncShare: 0,
    });
    expect(syncTimeline([], 'devops', 0).outOfSyncShare).toBeNull();
  });

  it.each(['devops', 'gitops'] as const)('%s: agrees with "Time out of sync with Git"', (lane) => {
    const window = { start: 0, end: 300_000 };
    expect(syncTimeline(TRAIL, lane, window.end).outOfSyncMs).toBe(
      computeMetrics(TRAIL, lane, window).outOfSyncMs,
    );
  });
});

describe('syncSummary', () => {
  it('says both shares in one sentence', () => {
    const lanes = {
      devops: syncTimeline(TRAIL, 'devops', 300_000),
      gitops: syncTimeline(TRAIL, 'gitops', 300_000),
    };
    expect(syncSummary(lanes)).toBe('DevOps out of sync 80% of the time; GitOps 2%');
    const nothing = syncTimeline([], 'devops', 0);
    expect(syncSummary({ devops: nothing, gitops: nothing })).toBe(
      'No virtual time has passed yet',
    );
  });
});
