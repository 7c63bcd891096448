import { describe, expect, it } from 'vitest';
import type { ClusterName } from '../audit';
import { computeMetrics, isMetricsError, METRICS, type LaneMetrics } from '.';
import { DAY, HOUR, Trail } from './test-fixtures';

describe('computeMetrics', () => {
  it('gives a quiet lane no rates, zero drift and the time Git was ahead', () => {
    const t = new Trail();
    t.commit(0, 'a');
    t.observe(0, 'devops', false, 'commit'); // Git has a commit the cluster never got
    expect(computeMetrics(t.records, 'devops', { start: 0, end: DAY })).toEqual<LaneMetrics>({
      deploymentFrequency: null,
      leadTimeMs: null,
      changeFailRate: null,
      recoveryTimeMs: null,
      reworkRate: null,
      driftEvents: 0,
      timeToDetectMs: null,
      timeToCorrectMs: null,
      outOfSyncMs: 86_400_000, // out of sync the whole day: 24 h
      auditCoverage: null,
      rebuildableFromGit: false, // the last observe says out of sync
      deployments: 0,
    });
  });

  it('counts only the deployments in the window', () => {
    const t = new Trail();
    t.commit(0, 'a');
    t.deploy(HOUR, 'gitops', 'a');
    t.deploy(DAY + HOUR, 'gitops', 'a', { trigger: 'manual' });
    const m = computeMetrics(t.records, 'gitops', { start: DAY, end: 3 * DAY });
    expect(m.deployments).toBe(1);
    expect(m.deploymentFrequency).toBe(0.5); // 1 deployment / 2 days
    expect(m.leadTimeMs).toBeNull(); // a's first success (at 1 h) is outside the window
  });

  it.each([
    { start: 10, end: 5 },
    { start: 0, end: Number.NaN },
  ])('refuses the window %o', (window) => {
    let caught: unknown;
    try {
      computeMetrics([], 'devops', window);
    } catch (e) {
      caught = e;
    }
    expect(isMetricsError(caught) && caught.code).toBe('E_BAD_WINDOW');
  });

  it('defines every metric it computes, with a formula and a source', () => {
    const m = computeMetrics([], 'gitops', { start: 0, end: DAY });
    expect(Object.keys(METRICS).sort()).toEqual(Object.keys(m).sort());
    for (const d of Object.values(METRICS)) expect(d.formula && d.source).toBeTruthy();
  });
});

// A tiny seeded generator (a linear congruential one, Numerical Recipes constants) so the random
// trails are the same on every run.
function lcg(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return Math.floor((state / 2 ** 32) * n);
  };
}

function randomTrail(seed: number): Trail {
  const pick = lcg(seed);
  const lanes: ClusterName[] = ['devops', 'gitops'];
  const objects = ['Deployment/shop/web', 'ConfigMap/shop/cfg', 'Pod/shop/web-1'];
  const made: string[] = [];
  const t = new Trail();
  let now = 0;
  for (let i = 0; i < 400; i++) {
    now += pick(10 * HOUR);
    const last = t.records[t.records.length - 1];
    // the observer reports on the cluster the last change touched
    const lane = last && last.cluster !== 'repo' ? last.cluster : lanes[pick(2)]!;
    const object = objects[pick(3)]!;
    const sha = made[pick(made.length)] ?? 'c0';
    [
      () => {
        made.push(`c${i}`);
        return t.commit(now, `c${i}`, pick(4) === 0 ? 'revert' : 'commit');
      },
      () =>
        t.deploy(now, lane, sha, { ok: pick(3) > 0, trigger: pick(5) === 0 ? 'heal' : undefined }),
      () => t.apply(now, lane, object, sha, [{ path: 'spec.x', after: pick(9) }]),
      () => t.write(now, lane, object, 'update', { changes: [{ path: 'spec.x', after: pick(9) }] }),
      () => t.controller(now, lane, object),
      () => t.observe(now, lane, pick(2) === 0, pick(2) === 0 ? 'commit' : 'change', last?.seq),
      () => t.status(now, lane),
      () => t.rollback(now, lane, 'rollout-undo'),
    ][pick(8)]!();
  }
  return t;
}

describe('over random trails', () => {
  const inUnit = (x: number | null) => x === null || (x >= 0 && x <= 1);
  const nonNegative = (x: number | null) => x === null || x >= 0;

  it.each([1, 2, 3, 42, 2026])('seed %d keeps every metric in its range', (seed) => {
    const trail = randomTrail(seed);
    const end = trail.records[trail.records.length - 1]!.t;
    for (const lane of ['devops', 'gitops'] as const) {
      for (const window of [
        { start: 0, end },
        { start: end / 4, end: end / 2 },
      ]) {
        const m = computeMetrics(trail.records, lane, window);
        const days = (window.end - window.start) / DAY;
        expect(m.outOfSyncMs).toBeGreaterThanOrEqual(0);
        expect(m.outOfSyncMs).toBeLessThanOrEqual(window.end - window.start);
        expect([m.auditCoverage, m.changeFailRate, m.reworkRate].every(inUnit)).toBe(true);
        expect(
          [m.leadTimeMs, m.recoveryTimeMs, m.timeToDetectMs, m.timeToCorrectMs].every(nonNegative),
        ).toBe(true);
        expect(m.deploymentFrequency === null ? 0 : m.deploymentFrequency * days).toBeCloseTo(
          m.deployments,
          9,
        );
      }
    }
  });

  it('generates trails that exercise the metrics', () => {
    const m = computeMetrics(randomTrail(42).records, 'gitops', { start: 0, end: 1000 * DAY });
    expect(m.deployments).toBeGreaterThan(0);
    expect(m.driftEvents).toBeGreaterThan(0);
    expect([m.changeFailRate, m.recoveryTimeMs, m.timeToDetectMs, m.auditCoverage]).not.toContain(
      null,
    );
  });
});
