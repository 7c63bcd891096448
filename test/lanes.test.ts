// Both lanes end to end through the sandbox: the same commits, the same drift, the same failure
// and the rollbacks, side by side.
import '../src/platform/node';
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../src/sim/sandbox';
import { STARTER_FILES } from '../src/sim/starter-repo';

const DEPLOY = 'apps/web/deployment.yaml';
const CONFIG = 'apps/web/configmap.yaml';
const WEB = { kind: 'Deployment', name: 'web' };
const withImage = (tag: string) => STARTER_FILES[DEPLOY]!.replace('web:1.0', tag);

async function start(gitops: Record<string, unknown> = {}) {
  const sandbox = await Sandbox.create({
    seed: 3,
    files: { ...STARTER_FILES },
    path: 'apps/web',
    images: { 'web:3.0': { crash: true } },
    lanes: { gitops },
  });
  await sandbox.advance(300_000);
  return sandbox;
}

const image = (sandbox: Sandbox, lane: 'devops' | 'gitops') =>
  (
    sandbox.clusters[lane].get(WEB)?.spec as {
      template: { spec: { containers: { image: string }[] } };
    }
  ).template.spec.containers[0]!.image;
const replicas = (sandbox: Sandbox, lane: 'devops' | 'gitops') =>
  (sandbox.clusters[lane].get(WEB)?.spec as { replicas: number }).replicas;

describe('both lanes, one story', () => {
  it('commit, drift, a bad release, and the rollbacks each lane has', async () => {
    const sandbox = await start({ selfHeal: true });
    expect(sandbox.status('devops')).toMatchObject({
      pipeline: 'succeeded',
      health: 'Healthy',
      inSyncWithGit: true,
      sync: null,
    });
    expect(sandbox.status('gitops')).toMatchObject({
      pipeline: null,
      sync: 'Synced',
      health: 'Healthy',
      inSyncWithGit: true,
    });

    // The same hotfix in both clusters: GitOps reverts it, DevOps keeps it.
    for (const lane of ['devops', 'gitops'] as const)
      await sandbox.kubectl(lane, 'scale deployment/web --replicas=6', 'bob');
    await sandbox.advance(60_000);
    expect(replicas(sandbox, 'devops')).toBe(6);
    expect(replicas(sandbox, 'gitops')).toBe(3);
    expect(sandbox.status('devops').inSyncWithGit).toBe(false);
    expect(sandbox.status('gitops').inSyncWithGit).toBe(true);

    // A bad release: the image crashes. The pipeline fails at verify; the app turns Degraded.
    await sandbox.commit({
      author: 'alice',
      message: 'web: v3',
      write: { [DEPLOY]: withImage('web:3.0') },
    });
    await sandbox.advance(900_000);
    expect(sandbox.status('devops')).toMatchObject({ pipeline: 'failed', health: 'Degraded' });
    expect(sandbox.status('gitops')).toMatchObject({ sync: 'Synced', health: 'Degraded' });

    // DevOps: rollout undo. The cluster recovers but no longer matches Git.
    await sandbox.rollback('devops', 'rollout-undo', 'carol');
    await sandbox.advance(120_000);
    expect(image(sandbox, 'devops')).toBe('web:1.0');
    expect(sandbox.status('devops')).toMatchObject({ health: 'Healthy', inSyncWithGit: false });

    // GitOps: history rollback is refused while auto-sync is on.
    await expect(sandbox.rollback('gitops', 'history', 'carol')).rejects.toMatchObject({
      code: 'E_ROLLBACK_AUTOSYNC',
    });

    // The GitOps-native rollback: git revert. Both lanes deploy it; both match Git again.
    await sandbox.rollback('gitops', 'git-revert', 'carol');
    await sandbox.advance(900_000);
    for (const lane of ['devops', 'gitops'] as const) {
      expect(image(sandbox, lane)).toBe('web:1.0');
      expect(sandbox.status(lane)).toMatchObject({ health: 'Healthy', inSyncWithGit: true });
    }
    const log = await sandbox.repo.log('HEAD');
    expect(log[0]!.message).toMatch(/^Revert "web: v3"\n\nThis reverts commit [0-9a-f]{40}\.\n$/);

    // The same story, measured from the trail.
    const devops = sandbox.metrics('devops');
    const gitops = sandbox.metrics('gitops');
    expect(devops.deployments).toBe(3); // first commit, web: v3 (failed), the revert
    expect(devops.changeFailRate).toBeCloseTo(1 / 3); // v3 failed; bob's scale is no failure
    expect(gitops.driftEvents).toBe(1);
    expect(gitops.timeToDetectMs).not.toBeNull();
    expect(devops.timeToDetectMs).toBeNull();
    expect(gitops.auditCoverage).toBeGreaterThan(devops.auditCoverage!);
    expect(gitops.rebuildableFromGit).toBe(true);
    expect(devops.rebuildableFromGit).toBe(true);
    expect(gitops.outOfSyncMs).toBeLessThan(devops.outOfSyncMs);
  });

  it('disaster recovery: GitOps rebuilds a wiped cluster from Git; DevOps needs a re-run', async () => {
    const sandbox = await start();
    await sandbox.wipe('devops');
    await sandbox.wipe('gitops');
    await sandbox.advance(600_000);
    expect(sandbox.clusters.gitops.get(WEB)).toBeDefined();
    expect(sandbox.status('gitops').inSyncWithGit).toBe(true);
    expect(sandbox.clusters.devops.get(WEB)).toBeUndefined();
    expect(sandbox.status('devops')).toMatchObject({ inSyncWithGit: false, health: 'Missing' });
    await sandbox.rollback('devops', 'rerun', 'ops', { to: 'HEAD' });
    await sandbox.advance(600_000);
    expect(sandbox.status('devops').inSyncWithGit).toBe(true);
  });

  it('promotion: the pipeline waits for approval before production; GitOps runs one Application per folder', async () => {
    // Each folder carries the ConfigMap its Deployment reads (envFrom): without it the Pods would
    // stay in CreateContainerConfigError and never be Ready.
    const prod = (text: string) =>
      text.replace('name: web\n', 'name: web-prod\n').replaceAll('web-config', 'web-prod-config');
    const files = {
      'envs/staging/web.yaml': STARTER_FILES[DEPLOY]!,
      'envs/staging/config.yaml': STARTER_FILES[CONFIG]!,
      'envs/prod/web.yaml': prod(STARTER_FILES[DEPLOY]!),
      'envs/prod/config.yaml': prod(STARTER_FILES[CONFIG]!),
    };
    const sandbox = await Sandbox.create({
      files,
      apps: [
        { name: 'staging', path: 'envs/staging' },
        { name: 'prod', path: 'envs/prod', approval: true },
      ],
    });
    await sandbox.advance(400_000);
    expect(sandbox.devops.state).toBe('waiting-approval');
    expect(sandbox.clusters.devops.get(WEB)).toBeDefined();
    expect(sandbox.clusters.devops.get({ kind: 'Deployment', name: 'web-prod' })).toBeUndefined();
    expect(sandbox.status('devops').apps).toMatchObject({
      staging: { inSyncWithGit: true },
      prod: { inSyncWithGit: false },
    });
    expect(sandbox.devops.approve('release-manager')).toBe(true);
    await sandbox.advance(200_000);
    expect(sandbox.status('devops')).toMatchObject({ pipeline: 'succeeded', inSyncWithGit: true });
    expect(sandbox.gitops.apps.map((a) => [a.spec.name, a.sync])).toEqual([
      ['staging', 'Synced'],
      ['prod', 'Synced'],
    ]);
  });

  it('a Git outage stalls the pull lane (Unknown) and not the push lane; both recover', async () => {
    const sandbox = await start();
    sandbox.fault('gitops', 'git-unreachable', { forMs: 900_000 });
    await sandbox.commit({
      author: 'alice',
      message: 'v2',
      write: { [DEPLOY]: withImage('web:2.0') },
    });
    await sandbox.advance(400_000);
    expect(image(sandbox, 'devops')).toBe('web:2.0');
    expect(image(sandbox, 'gitops')).toBe('web:1.0');
    expect(sandbox.status('gitops').sync).toBe('Unknown');
    await sandbox.advance(900_000);
    expect(image(sandbox, 'gitops')).toBe('web:2.0');
    expect(sandbox.status('gitops').sync).toBe('Synced');
  });

  it('is deterministic: the same seed and actions give the same trail', async () => {
    const run = async () => {
      const sandbox = await start({ selfHeal: true });
      await sandbox.kubectl('gitops', 'set image deployment/web web=web:9', 'bob');
      await sandbox.commit({
        author: 'alice',
        message: 'v2',
        write: { [DEPLOY]: withImage('web:2.0') },
      });
      await sandbox.advance(3_600_000);
      return JSON.stringify(sandbox.audit.records());
    };
    expect(await run()).toBe(await run());
  });
});
