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

  it('starts both clusters with only the default namespace, on one clock', async () => {
    const sandbox = await Sandbox.create({ files: { ...STARTER_FILES } });
    expect(sandbox.clusters.devops.list().map((o) => o.metadata.name)).toEqual(['default']);
    expect(sandbox.clusters.gitops.list().map((o) => o.metadata.name)).toEqual(['default']);
    expect(sandbox.clusters.devops.clock).toBe(sandbox.clusters.gitops.clock);
  });
});
