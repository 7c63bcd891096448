import { describe, expect, it } from 'vitest';
import { METRICS } from '../../sim/metrics';
import { BETTER, betterLane, formatMetric, METRIC_KEYS } from './metric-format';
import { METRICS_PAIR as M } from './test-fixtures';

describe('betterLane', () => {
  it.each([
    ['deploymentFrequency', 'devops'], // higher is better: 4 > 2.5
    ['leadTimeMs', 'gitops'], // lower is better: 1m < 3m
    ['changeFailRate', null], // a tie marks neither
    ['recoveryTimeMs', null], // DevOps has no events: nothing to compare
    ['reworkRate', 'gitops'],
    ['driftEvents', null], // a count of outside changes judges neither lane
    ['outOfSyncMs', 'gitops'],
    ['auditCoverage', 'gitops'],
    ['rebuildableFromGit', 'gitops'], // yes beats no
    ['deployments', 'devops'],
  ] as const)('%s: %s', (key, expected) => {
    expect(betterLane(key, M.devops[key], M.gitops[key])).toBe(expected);
  });

  it('has a direction for every metric METRICS defines', () => {
    expect(Object.keys(BETTER).sort()).toEqual(Object.keys(METRICS).sort());
    expect(METRIC_KEYS).toEqual(Object.keys(METRICS));
  });
});

describe('formatMetric', () => {
  it.each([
    ['leadTimeMs', 95_000, '1m35s'],
    ['changeFailRate', 0.25, '25%'],
    ['auditCoverage', 2 / 3, '67%'],
    ['deploymentFrequency', 2.5, '2.5 / day'],
    ['deploymentFrequency', 48, '48 / day'],
    ['driftEvents', 3, '3'],
    ['rebuildableFromGit', false, 'no'],
  ] as const)('%s %s -> %s', (key, value, text) => {
    expect(formatMetric(key, value)).toBe(text);
  });
});
