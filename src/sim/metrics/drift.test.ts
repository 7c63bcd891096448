import { describe, expect, it } from 'vitest';
import { computeMetrics, driftEventsOf } from '.';
import { DAY, HOUR, SECOND, Trail } from './test-fixtures';

describe('drift events, time to detect, time to correct', () => {
  it('a drift on gitops is detected after 2 s and corrected after 5 s', () => {
    const t = new Trail();
    t.commit(0, 'a');
    t.deploy(0, 'gitops', 'a');
    t.observe(0, 'gitops', true);
    const patch = t.write(10 * SECOND, 'gitops', 'Deployment/shop/web');
    t.observe(10 * SECOND, 'gitops', false, 'change', patch.seq);
    t.status(12 * SECOND, 'gitops');
    t.deploy(15 * SECOND, 'gitops', 'a', { trigger: 'heal' });
    t.observe(15 * SECOND, 'gitops', true, 'change');
    const m = computeMetrics(t.records, 'gitops', { start: 0, end: DAY });
    expect(m.driftEvents).toBe(1);
    expect(m.timeToDetectMs).toBe(2_000); // OutOfSync at 12 s - patch at 10 s
    expect(m.timeToCorrectMs).toBe(5_000); // in sync at 15 s - patch at 10 s
    expect(m.outOfSyncMs).toBe(5_000); // out of sync from 10 s to 15 s
  });

  it('counts a detection written before the observe record at the same instant', () => {
    const t = new Trail();
    const patch = t.write(10 * SECOND, 'gitops', 'Deployment/shop/web');
    t.status(10 * SECOND, 'gitops');
    t.observe(10 * SECOND, 'gitops', false, 'change', patch.seq);
    expect(computeMetrics(t.records, 'gitops', { start: 0, end: DAY }).timeToDetectMs).toBe(0); // 10 s - 10 s
  });

  it('a drift on devops is never detected and is corrected only by the next deploy', () => {
    const t = new Trail();
    t.commit(0, 'a');
    t.deploy(0, 'devops', 'a');
    t.observe(0, 'devops', true);
    const patch = t.write(10 * SECOND, 'devops', 'Deployment/shop/web');
    t.observe(10 * SECOND, 'devops', false, 'change', patch.seq);
    t.commit(HOUR, 'b');
    t.observe(HOUR + 50 * SECOND, 'devops', true, 'change');
    t.deploy(HOUR + 100 * SECOND, 'devops', 'b');
    const m = computeMetrics(t.records, 'devops', { start: 0, end: DAY });
    expect(m.driftEvents).toBe(1);
    expect(m.timeToDetectMs).toBeNull(); // the push lane writes no status records
    expect(m.timeToCorrectMs).toBe(3_640_000); // in sync at 3_650 s - patch at 10 s
    expect(m.outOfSyncMs).toBe(3_640_000); // the same interval
  });

  it('leaves a drift undetected when the lane noticed only after it ended', () => {
    const t = new Trail();
    const patch = t.write(SECOND, 'gitops', 'Deployment/shop/web');
    t.observe(SECOND, 'gitops', false, 'change', patch.seq);
    t.observe(3 * SECOND, 'gitops', true, 'change');
    t.status(4 * SECOND, 'gitops');
    const [event] = driftEventsOf(t.records, 'gitops');
    expect(event).toMatchObject({ detectedAt: null, correctedAt: 3_000 });
  });

  it.each([
    ['a person with kubectl', (t: Trail) => t.write(SECOND, 'gitops', 'Deployment/shop/web'), 1],
    [
      'the HPA scaling a Git-declared field',
      (t: Trail) => t.controller(SECOND, 'gitops', 'Deployment/shop/web'),
      1,
    ],
    [
      'a lost cluster',
      (t: Trail) =>
        t.write(SECOND, 'gitops', '*', 'delete', { actor: 'disaster', channel: 'controller' }),
      1,
    ],
    [
      'the reconciler applying a revision',
      (t: Trail) => t.apply(SECOND, 'gitops', 'Deployment/shop/web', 'a'),
      0,
    ],
    [
      'a change on the other cluster',
      (t: Trail) => t.write(SECOND, 'devops', 'Deployment/shop/web'),
      0,
    ],
  ])('a cluster moved out of sync by %s is %d drift event(s)', (_name, change, events) => {
    const t = new Trail();
    const cause = change(t);
    t.observe(SECOND, 'gitops', false, 'change', cause.seq);
    expect(computeMetrics(t.records, 'gitops', { start: 0, end: DAY }).driftEvents).toBe(events);
  });

  it('does not count Git moving ahead as drift, but counts its time out of sync', () => {
    const t = new Trail();
    t.commit(HOUR, 'b');
    t.observe(HOUR, 'gitops', false, 'commit');
    t.deploy(HOUR + 30 * SECOND, 'gitops', 'b');
    t.observe(HOUR + 30 * SECOND, 'gitops', true, 'change');
    const m = computeMetrics(t.records, 'gitops', { start: 0, end: DAY });
    expect(m.driftEvents).toBe(0);
    expect(m.outOfSyncMs).toBe(30_000); // from the commit at 1 h to the sync 30 s later
  });
});

describe('time out of sync', () => {
  // Out of sync over [1 s, 5 s] and from 8 s on (never back in sync).
  const t = new Trail();
  t.observe(1 * SECOND, 'devops', false);
  t.observe(5 * SECOND, 'devops', true);
  t.observe(8 * SECOND, 'devops', false);

  it.each([
    [0, 20_000, 16_000], // (5 - 1) + (20 - 8) s
    [2_000, 10_000, 5_000], // (5 - 2) + (10 - 8) s: both intervals clipped
    [6_000, 7_000, 0], // in sync the whole window
    [9_000, 9_000, 0], // an empty window
    [0, 1_000, 0], // ends as the first interval starts
  ])('over [%d, %d] is %d ms', (start, end, expected) => {
    expect(computeMetrics(t.records, 'devops', { start, end }).outOfSyncMs).toBe(expected);
  });
});
