import '../platform/node';
import { describe, expect, it } from 'vitest';
import { Sandbox } from './sandbox';
import { STARTER_FILES } from './starter-repo';

async function scriptedRun(seed: number) {
  const sandbox = await Sandbox.create({ seed, files: { ...STARTER_FILES } });
  await sandbox.advance(60_000);
  const sha = await sandbox.commit({
    author: 'alice',
    message: 'web: more replicas',
    write: {
      'apps/web/deployment.yaml': STARTER_FILES['apps/web/deployment.yaml']!.replace(
        'replicas: 3',
        'replicas: 4',
      ),
    },
  });
  await sandbox.createBranch('feature', 'main', 'bob');
  await sandbox.advance(30_000);
  await sandbox.commit({
    author: 'bob',
    branch: 'feature',
    message: 'config: debug',
    write: {
      'apps/web/configmap.yaml': STARTER_FILES['apps/web/configmap.yaml']!.replace('info', 'debug'),
    },
  });
  const pr = await sandbox.openPullRequest({
    head: 'feature',
    title: 'Debug logging',
    user: 'bob',
  });
  await sandbox.approvePullRequest(pr, 'alice');
  await sandbox.advance(5_000);
  const merge = await sandbox.mergePullRequest(pr, 'alice');
  await sandbox.revert(sha, 'carol');
  return { sandbox, merge, log: (await sandbox.repo.log('HEAD')).map((c) => c.sha) };
}

describe('Sandbox', () => {
  it('gives the same SHAs and the same audit trail for the same seed and actions', async () => {
    const a = await scriptedRun(7);
    const b = await scriptedRun(7);
    expect(a.log).toEqual(b.log);
    expect(a.log).toHaveLength(5);
    expect(JSON.stringify(a.sandbox.audit.records())).toBe(
      JSON.stringify(b.sandbox.audit.records()),
    );
  });

  it('records every repository change with its actor and revision', async () => {
    const { sandbox, merge } = await scriptedRun(1);
    const repo = sandbox.audit.records().filter((r) => r.cluster === 'repo');
    expect(repo.map((r) => `${r.verb}:${r.actor}`)).toEqual([
      'commit:platform-team',
      'commit:alice',
      'branch:bob',
      'commit:bob',
      'pr-open:bob',
      'pr-approve:alice',
      'pr-merge:alice',
      'revert:carol',
    ]);
    expect(repo.find((r) => r.verb === 'pr-merge')).toMatchObject({
      revision: merge,
      object: 'pull/1',
      t: 95_000,
    });
    expect(repo.every((r) => r.channel === 'git')).toBe(true);
  });

  it('deploys the first commit to both clusters when it starts, on one clock', async () => {
    const sandbox = await Sandbox.create({ files: { ...STARTER_FILES }, path: 'apps/web' });
    await sandbox.advance(300_000);
    for (const lane of ['devops', 'gitops'] as const) {
      expect(sandbox.clusters[lane].get({ kind: 'Deployment', name: 'web' })).toBeDefined();
      expect(sandbox.observer.observation(lane)?.inSyncWithGit).toBe(true);
    }
    expect(sandbox.devops.state).toBe('succeeded');
    expect(sandbox.gitops.apps[0]?.sync).toBe('Synced');
    expect(sandbox.clusters.devops.clock).toBe(sandbox.clusters.gitops.clock);
  });

  it('sends every commit on main to both lanes', async () => {
    const sandbox = await Sandbox.create({ files: { ...STARTER_FILES }, path: 'apps/web' });
    await sandbox.advance(300_000);
    await sandbox.commit({
      author: 'alice',
      message: 'v2',
      write: {
        'apps/web/deployment.yaml': STARTER_FILES['apps/web/deployment.yaml']!.replace(
          'web:1.0',
          'web:2.0',
        ),
      },
    });
    await sandbox.advance(400_000);
    for (const lane of ['devops', 'gitops'] as const) {
      const spec = sandbox.clusters[lane].get({ kind: 'Deployment', name: 'web' })?.spec as {
        template: { spec: { containers: { image: string }[] } };
      };
      expect(spec.template.spec.containers[0]!.image).toBe('web:2.0');
    }
  });

  it('a leaked CI token changes the push lane as ci-bot and is refused by the pull lane', async () => {
    const sandbox = await Sandbox.create({ files: { ...STARTER_FILES }, path: 'apps/web' });
    await sandbox.advance(300_000);
    const devops = await sandbox.kubectl('devops', 'scale deployment/web --replicas=0', 'mallory', {
      leakedToken: true,
    });
    const gitops = await sandbox.kubectl('gitops', 'scale deployment/web --replicas=0', 'mallory', {
      leakedToken: true,
    });
    expect(devops.ok).toBe(true);
    expect(gitops.ok).toBe(false);
    const devopsRecord = sandbox.audit
      .records()
      .find(
        (r) =>
          r.cluster === 'devops' &&
          r.object === 'Deployment/default/web' &&
          r.changes.some((c) => c.path === 'spec.replicas' && c.after === 0),
      );
    expect(devopsRecord).toMatchObject({ actor: 'ci-bot', channel: 'kubectl', revision: null });
    expect(sandbox.audit.records().at(-1)).toMatchObject({
      cluster: 'gitops',
      verb: 'refuse',
      actor: 'mallory',
    });
  });

  it('kubectl apply -f reads the repository at HEAD', async () => {
    const sandbox = await Sandbox.create({ files: { ...STARTER_FILES }, path: 'apps/web' });
    const result = await sandbox.kubectl('devops', 'apply -f apps/web --dry-run=server', 'you');
    expect(result.stdout).toMatch(
      /deployment.apps\/web (created|configured|unchanged) \(server dry run\)/,
    );
    const missing = await sandbox.kubectl('devops', 'apply -f nope.yaml', 'you');
    expect(missing.stderr).toMatch(/the path "nope.yaml" does not exist/);
  });
});
