// A field removed from Git, through both lanes and DriftLab's own "Matches Git": the apply is a
// three-way merge through the last-applied-configuration annotation (REFERENCE.md "Apply semantics
// both lanes share", and Argo CD's "diff" bullet: the legacy diff is three-way).
import '../src/platform/node';
import { describe, expect, it } from 'vitest';
import { LAST_APPLIED } from '../src/sim/cluster';
import { Sandbox } from '../src/sim/sandbox';
import { STARTER_FILES } from '../src/sim/starter-repo';

const CONFIG = 'apps/web/configmap.yaml';
const DEPLOY = 'apps/web/deployment.yaml';
const CM = { kind: 'ConfigMap', name: 'web-config' };
const WEB = { kind: 'Deployment', name: 'web' };
const LANES = ['devops', 'gitops'] as const;

async function start(gitops: Record<string, unknown> = {}) {
  const sandbox = await Sandbox.create({
    seed: 3,
    files: { ...STARTER_FILES },
    path: 'apps/web',
    lanes: { gitops },
  });
  await sandbox.advance(300_000);
  return sandbox;
}

/** Git drops the ConfigMap's LOG_LEVEL key and the Deployment's `app` label. */
const dropKeyAndLabel = (sandbox: Sandbox) =>
  sandbox.commit({
    author: 'alice',
    message: 'web: drop LOG_LEVEL and the app label',
    write: {
      [CONFIG]: STARTER_FILES[CONFIG]!.replace('  LOG_LEVEL: info\n', ''),
      [DEPLOY]: STARTER_FILES[DEPLOY]!.replace('  labels:\n    app: web\nspec:', 'spec:'),
    },
  });

describe('a field removed from Git', () => {
  it('both lanes write last-applied with every apply', async () => {
    const sandbox = await start();
    for (const lane of LANES) {
      const live = sandbox.clusters[lane].get(CM)!;
      expect(JSON.parse(live.metadata.annotations![LAST_APPLIED]!)).toMatchObject({
        data: { GREETING: 'hello', LOG_LEVEL: 'info' },
      });
    }
  });

  it('is OutOfSync in Argo CD until a sync removes it; the pipeline removes it at its deploy', async () => {
    const sandbox = await start();
    sandbox.setOption('gitops', 'automated', false);
    await dropKeyAndLabel(sandbox);
    await sandbox.advance(200_000);
    const app = sandbox.gitops.apps[0]!;
    expect(app.sync).toBe('OutOfSync');
    const fields = app.resources.flatMap((r) => r.fields.map((f) => `${r.kind} ${f.path}`));
    expect(fields).toEqual(['ConfigMap data.LOG_LEVEL', 'Deployment metadata.labels.app']);
    expect(sandbox.status('gitops').inSyncWithGit).toBe(false);
    expect(sandbox.clusters.gitops.get(CM)?.data).toHaveProperty('LOG_LEVEL');

    expect(sandbox.clusters.devops.get(CM)?.data).toEqual({ GREETING: 'hello' });
    expect(sandbox.clusters.devops.get(WEB)?.metadata.labels).toBeUndefined();
    expect(sandbox.status('devops').inSyncWithGit).toBe(true);

    sandbox.gitops.sync('alice');
    await sandbox.advance(30_000);
    expect(sandbox.clusters.gitops.get(CM)?.data).toEqual({ GREETING: 'hello' });
    expect(sandbox.clusters.gitops.get(WEB)?.metadata.labels).toBeUndefined();
    expect(app.sync).toBe('Synced');
    expect(sandbox.status('gitops').inSyncWithGit).toBe(true);
  });

  it('is removed by the automated sync of the new commit', async () => {
    const sandbox = await start();
    await dropKeyAndLabel(sandbox);
    await sandbox.advance(200_000);
    expect(sandbox.clusters.gitops.get(CM)?.data).toEqual({ GREETING: 'hello' });
    expect(sandbox.gitops.apps[0]!.sync).toBe('Synced');
    expect(sandbox.gitops.apps[0]!.history).toHaveLength(2);
  });

  it('is not confused with a field nobody applied: a kubectl label is no drift and survives', async () => {
    const sandbox = await start({ selfHeal: true });
    for (const lane of LANES) {
      await sandbox.kubectl(lane, 'label deployment/web owner=bob', 'bob');
      await sandbox.kubectl(lane, 'annotate configmap/web-config note=hi', 'bob');
    }
    await sandbox.advance(60_000);
    await dropKeyAndLabel(sandbox);
    await sandbox.advance(200_000);
    for (const lane of LANES) {
      expect(sandbox.status(lane).inSyncWithGit).toBe(true);
      expect(sandbox.clusters[lane].get(WEB)?.metadata.labels).toEqual({ owner: 'bob' });
      expect(sandbox.clusters[lane].get(CM)?.metadata.annotations).toHaveProperty('note', 'hi');
    }
    expect(sandbox.gitops.apps[0]!.sync).toBe('Synced');
  });
});
