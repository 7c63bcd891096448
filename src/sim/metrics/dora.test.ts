import { describe, expect, it } from 'vitest';
import { computeMetrics, deploymentsOf } from '.';
import { DAY, SECOND, Trail } from './test-fixtures';

const MINUTE = 60 * SECOND;

describe('deployment frequency and change lead time', () => {
  it('counts two deployments a day apart', () => {
    const t = new Trail();
    t.commit(0, 'a');
    t.deploy(10 * MINUTE, 'devops', 'a');
    t.commit(DAY, 'b');
    t.deploy(DAY + 20 * MINUTE, 'devops', 'b');
    const m = computeMetrics(t.records, 'devops', { start: 0, end: 2 * DAY });
    expect(m.deployments).toBe(2);
    expect(m.deploymentFrequency).toBe(1); // 2 deployments / 2 days
    expect(m.leadTimeMs).toBe(900_000); // median(600_000, 1_200_000) = (10 min + 20 min) / 2 = 15 min
    expect(m.changeFailRate).toBe(0); // 0 failed / 2
    expect(m.recoveryTimeMs).toBeNull(); // nothing failed, nothing to recover from
    expect(m.reworkRate).toBe(0); // 0 / 2
  });

  it('starts one lead time per change: a re-run of a running revision adds none', () => {
    const t = new Trail();
    t.commit(0, 'a');
    t.deploy(MINUTE, 'devops', 'a');
    t.deploy(5 * MINUTE, 'devops', 'a', { trigger: 'rerun' });
    const m = computeMetrics(t.records, 'devops', { start: 0, end: DAY });
    expect(m.deployments).toBe(2);
    expect(m.leadTimeMs).toBe(60_000); // only the first success of a: 1 min - 0
  });

  it('skips a deployment whose commit is not in the trail', () => {
    const t = new Trail();
    t.deploy(MINUTE, 'gitops', 'unknown');
    expect(computeMetrics(t.records, 'gitops', { start: 0, end: DAY }).leadTimeMs).toBeNull();
  });
});

describe('change fail rate, recovery time and rework', () => {
  it('fails a deploy, then recovers by a re-run', () => {
    const t = new Trail();
    t.commit(0, 'a');
    t.deploy(MINUTE, 'devops', 'a', { ok: false });
    t.deploy(3 * MINUTE, 'devops', 'a', { trigger: 'rerun' });
    const m = computeMetrics(t.records, 'devops', { start: 0, end: DAY });
    expect(m.deployments).toBe(2);
    expect(m.deploymentFrequency).toBe(2); // 2 deployments / 1 day
    expect(m.changeFailRate).toBe(0.5); // 1 failed / 2
    expect(m.recoveryTimeMs).toBe(120_000); // re-run succeeded at 3 min - failed at 1 min
    expect(m.reworkRate).toBe(0.5); // 1 re-run / 2
    expect(m.leadTimeMs).toBe(180_000); // first success of a at 3 min - commit at 0
  });

  it('counts a hotfix after a deploy as a failed change, recovered when Git is back in control', () => {
    const t = new Trail();
    t.commit(0, 'a');
    t.observe(50 * SECOND, 'devops', true);
    t.deploy(MINUTE, 'devops', 'a');
    const hotfix = t.write(5 * MINUTE, 'devops', 'Deployment/shop/web');
    t.observe(5 * MINUTE, 'devops', false, 'change', hotfix.seq);
    t.commit(10 * MINUTE, 'b');
    t.observe(650 * SECOND, 'devops', true, 'change');
    t.deploy(700 * SECOND, 'devops', 'b');
    const m = computeMetrics(t.records, 'devops', { start: 0, end: DAY });
    expect(m.deployments).toBe(2);
    expect(m.changeFailRate).toBe(0.5); // a needed the hotfix, b did not: 1 / 2
    // the in-sync record at 50 s comes before the hotfix, so it is no recovery:
    expect(m.recoveryTimeMs).toBe(590_000); // back in sync at 650 s - deploy of a at 60 s
    expect(m.reworkRate).toBe(0); // b is a planned change
  });

  it.each([
    [
      'a person patching with kubectl',
      (t: Trail) => t.write(2 * SECOND, 'devops', 'Deployment/shop/web'),
      1,
    ],
    [
      'a leaked CI token used with kubectl',
      (t: Trail) => t.write(2 * SECOND, 'devops', 'Secret/shop/db', 'update', { actor: 'ci-bot' }),
      1,
    ],
    ['a rollout undo', (t: Trail) => t.rollback(2 * SECOND, 'devops', 'rollout-undo'), 1],
    [
      'a refused kubectl write',
      (t: Trail) => t.write(2 * SECOND, 'devops', 'Deployment/shop/web', 'refuse'),
      0,
    ],
    ['an HPA scaling', (t: Trail) => t.controller(2 * SECOND, 'devops', 'Deployment/shop/web'), 0],
    [
      // `kubectl scale` changes capacity, not what the deployment shipped: nothing failed.
      'a person scaling by hand',
      (t: Trail) =>
        t.write(2 * SECOND, 'devops', 'Deployment/shop/web', 'update', {
          changes: [
            { path: 'metadata.generation', before: 1, after: 2 },
            { path: 'spec.replicas', before: 3, after: 5 },
          ],
        }),
      0,
    ],
    [
      'a person scaling and changing the image in one patch',
      (t: Trail) =>
        t.write(2 * SECOND, 'devops', 'Deployment/shop/web', 'update', {
          changes: [
            { path: 'spec.replicas', before: 3, after: 5 },
            { path: 'spec.template.spec.containers[0].image', before: 'web:1.0', after: 'web:1.1' },
          ],
        }),
      1,
    ],
    [
      'a hotfix on the other cluster',
      (t: Trail) => t.write(2 * SECOND, 'gitops', 'Deployment/shop/web'),
      0,
    ],
  ])('after one deploy, %s gives a change fail rate of %d', (_name, intervene, rate) => {
    const t = new Trail();
    t.commit(0, 'a');
    t.deploy(SECOND, 'devops', 'a');
    intervene(t);
    expect(computeMetrics(t.records, 'devops', { start: 0, end: DAY }).changeFailRate).toBe(rate); // failed / 1
  });

  it('blames only the latest deployment before an intervention', () => {
    const t = new Trail();
    t.commit(0, 'a');
    t.deploy(SECOND, 'devops', 'a');
    t.commit(2 * SECOND, 'b');
    t.deploy(3 * SECOND, 'devops', 'b');
    const undo = t.rollback(4 * SECOND, 'devops', 'rollout-undo');
    expect(deploymentsOf(t.records, 'devops').map((d) => d.failedBy)).toEqual([null, undo]);
  });

  it('reads a git revert as a failed change followed by a rework deployment', () => {
    const t = new Trail();
    t.commit(0, 'a');
    t.deploy(MINUTE, 'gitops', 'a');
    t.commit(2 * MINUTE, 'r', 'revert');
    t.rollback(2 * MINUTE, 'gitops', 'git-revert');
    t.deploy(3 * MINUTE, 'gitops', 'r');
    const m = computeMetrics(t.records, 'gitops', { start: 0, end: DAY });
    expect(m.changeFailRate).toBe(0.5); // a was reverted: 1 / 2
    expect(m.reworkRate).toBe(0.5); // the revert's deployment: 1 / 2
    expect(m.recoveryTimeMs).toBe(120_000); // r deployed at 3 min - a deployed at 1 min
    expect(m.leadTimeMs).toBe(60_000); // median(1 min - 0, 3 min - 2 min) = 1 min
  });

  it('does not count a self-heal as a deployment', () => {
    const t = new Trail();
    t.commit(0, 'a');
    t.deploy(MINUTE, 'gitops', 'a');
    const scaled = t.controller(2 * MINUTE, 'gitops', 'Deployment/shop/web');
    t.observe(2 * MINUTE, 'gitops', false, 'change', scaled.seq);
    t.deploy(2 * MINUTE + 2 * SECOND, 'gitops', 'a', { trigger: 'heal' });
    t.observe(2 * MINUTE + 2 * SECOND, 'gitops', true, 'change');
    const m = computeMetrics(t.records, 'gitops', { start: 0, end: DAY });
    expect(m.deployments).toBe(1); // the auto-sync of a; the heal is not counted
    expect(m.deploymentFrequency).toBe(1); // 1 deployment / 1 day
    expect(m.changeFailRate).toBe(0); // an HPA write is no intervention: 0 / 1
    expect(m.reworkRate).toBe(0);
  });

  it.each([
    ['retry', 'gitops', 1],
    ['rollback', 'gitops', 1],
    ['manual', 'gitops', 0],
    ['push', 'devops', 0],
  ] as const)('a %s sync on %s is rework: %d of 1', (trigger, lane, rework) => {
    const t = new Trail();
    t.deploy(SECOND, lane, 'a', { trigger });
    expect(computeMetrics(t.records, lane, { start: 0, end: DAY }).reworkRate).toBe(rework); // rework / 1
  });
});
