// Argo CD resource hooks (../../../../shared/REFERENCE.md lines 53-57: `argocd.argoproj.io/hook` =
// PreSync | Sync | PostSync | SyncFail | Skip, a Skip manifest is never applied, phases run in
// order, a failed hook fails the sync and then SyncFail hooks run, delete policies
// BeforeHookCreation (default) | HookSucceeded | HookFailed, hooks are not part of the app's sync
// status; argo-cd docs/user-guide/resource_hooks.md: PostSync runs once every resource is Healthy,
// hooks are not run during a selective sync; gitops-engine's message "waiting for completion of
// hook batch/Job/db-migrate").
import '../../platform/node';
import { describe, expect, it } from 'vitest';
import { loadScenario, ScenarioRun } from '../scenario';
import { buildReport } from '../scenario/report';
import { webDeploymentFile } from '../scenario/fixtures';

interface Hook {
  name: string;
  hook: string;
  image?: string;
  policy?: string;
  wave?: number;
}

function job({ name, hook, image = 'task:ok', policy, wave }: Hook): string {
  const annotations = [
    `argocd.argoproj.io/hook: ${hook}`,
    ...(policy ? [`argocd.argoproj.io/hook-delete-policy: ${policy}`] : []),
    ...(wave === undefined ? [] : [`argocd.argoproj.io/sync-wave: "${wave}"`]),
  ].join(', ');
  return `
    ${name}.yaml: |
      apiVersion: batch/v1
      kind: Job
      metadata:
        name: ${name}
        annotations: { ${annotations} }
      spec:
        backoffLimit: 0
        template:
          spec:
            restartPolicy: Never
            containers: [{ name: ${name}, image: "${image}" }]`;
}

/** The app `web` (Ready 10 s after its Pod starts) with the given hooks; auto-sync, no retry. */
function scenario(hooks: Hook[], extra = '', gitops = 'prune: true, retry: { limit: 0 }') {
  return loadScenario(
    `id: hooks
title: Hooks
lanes: { gitops: { ${gitops} } }
images:
  task:ok: { runFor: 20s }
  task:bad: { runFor: 5s, exitCode: 1 }
repo:
  files:
${webDeploymentFile(1)}${hooks.map(job).join('')}${extra}
steps:
  - title: start
    do: [{ wait: 1s }]
`,
    'hooks.yaml',
    'hooks',
  );
}

async function start(hooks: Hook[], extra?: string, gitops?: string) {
  const run = await ScenarioRun.start(scenario(hooks, extra, gitops));
  const cluster = run.sandbox.clusters.gitops;
  const app = () => run.sandbox.gitops.apps[0]!;
  const get = (kind: string, name: string) => cluster.get({ kind, name, namespace: 'default' });
  return {
    run,
    app,
    cluster,
    job: (name: string) => get('Job', name),
    has: (kind: string, name: string) => get(kind, name) !== undefined,
    hookResult: (name: string) => app().operation?.results.find((r) => r.key.endsWith(`/${name}`)),
  };
}

describe('Argo CD resource hooks', () => {
  it('run a PreSync hook to completion before any resource is applied', async () => {
    const w = await start([{ name: 'db-migrate', hook: 'PreSync' }]);
    await w.run.advance(5_000);
    expect(w.has('Job', 'db-migrate')).toBe(true);
    expect(w.has('Deployment', 'web')).toBe(false);
    expect(w.app().operation).toMatchObject({
      phase: 'Running',
      message: 'waiting for completion of hook batch/Job/db-migrate',
    });
    expect(w.hookResult('db-migrate')).toMatchObject({ hook: 'PreSync', hookPhase: 'Running' });
    await w.run.advance(40_000);
    expect(w.has('Deployment', 'web')).toBe(true);
    expect(w.hookResult('db-migrate')).toMatchObject({ hookPhase: 'Succeeded' });
    await w.run.advance(5_000);
    expect(w.app().operation?.phase).toBe('Succeeded');
  });

  it('run a PostSync hook only once the Sync phase is Healthy', async () => {
    const w = await start([{ name: 'smoke-test', hook: 'PostSync' }]);
    await w.run.advance(5_000);
    expect(w.has('Deployment', 'web')).toBe(true);
    expect(w.has('Job', 'smoke-test')).toBe(false);
    expect(w.app().operation?.message).toBe('waiting for healthy state of apps/Deployment/web');
    await w.run.advance(15_000);
    expect(w.has('Job', 'smoke-test')).toBe(true);
    expect(w.app().operation?.phase).toBe('Running');
    await w.run.advance(40_000);
    expect(w.app().operation?.phase).toBe('Succeeded');
  });

  it('apply a Sync hook with the resources of its wave', async () => {
    const w = await start([{ name: 'warm-cache', hook: 'Sync' }]);
    await w.run.advance(3_000);
    expect(w.has('Deployment', 'web')).toBe(true);
    expect(w.has('Job', 'warm-cache')).toBe(true);
    expect(w.app().operation?.message).toBe('waiting for completion of hook batch/Job/warm-cache');
    await w.run.advance(60_000);
    expect(w.app().operation?.phase).toBe('Succeeded');
  });

  it('never apply a manifest marked Skip', async () => {
    const w = await start(
      [],
      `
    skipped.yaml: |
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: skipped
        annotations: { argocd.argoproj.io/hook: Skip }
      data: { a: "1" }`,
    );
    await w.run.advance(60_000);
    expect(w.has('ConfigMap', 'skipped')).toBe(false);
    expect(w.app().sync).toBe('Synced');
    expect(w.app().resources.map((r) => r.name)).toEqual(['web']);
  });

  it('fail the sync when a hook fails: later phases never run, SyncFail hooks do', async () => {
    const w = await start([
      { name: 'db-migrate', hook: 'PreSync', image: 'task:bad' },
      { name: 'smoke-test', hook: 'PostSync' },
      { name: 'page-oncall', hook: 'SyncFail' },
    ]);
    await w.run.advance(20_000);
    expect(w.has('Job', 'page-oncall')).toBe(true);
    expect(w.app().operation?.phase).toBe('Running');
    await w.run.advance(60_000);
    expect(w.app().operation?.phase).toBe('Failed');
    expect(w.app().operation?.message).toBe(
      'one or more synchronization tasks completed unsuccessfully: batch/Job/db-migrate ' +
        '(PreSync hook) failed: Job has reached the specified backoff limit',
    );
    expect(w.hookResult('db-migrate')).toMatchObject({ ok: false, hookPhase: 'Failed' });
    expect(w.hookResult('page-oncall')).toMatchObject({ hook: 'SyncFail', hookPhase: 'Succeeded' });
    expect(w.has('Deployment', 'web')).toBe(false);
    expect(w.has('Job', 'smoke-test')).toBe(false);
  });

  it('run no SyncFail hook when the sync succeeds', async () => {
    const w = await start([{ name: 'page-oncall', hook: 'SyncFail' }]);
    await w.run.advance(60_000);
    expect(w.app().operation?.phase).toBe('Succeeded');
    expect(w.has('Job', 'page-oncall')).toBe(false);
  });

  it.each([
    ['HookSucceeded', 'task:ok', false],
    ['HookFailed', 'task:ok', true],
    ['HookFailed', 'task:bad', false],
    ['HookSucceeded', 'task:bad', true],
  ])(
    'with delete policy %s and image %s, keep the hook afterwards: %s',
    async (policy, image, kept) => {
      const w = await start([{ name: 'db-migrate', hook: 'PreSync', image, policy }]);
      await w.run.advance(60_000);
      expect(w.has('Job', 'db-migrate')).toBe(kept);
    },
  );

  it('delete the previous hook before creating it again (BeforeHookCreation, the default)', async () => {
    const w = await start([{ name: 'db-migrate', hook: 'PreSync' }]);
    await w.run.advance(60_000);
    const first = w.job('db-migrate')!.metadata.uid;
    expect((await w.run.act({ sync: { lane: 'gitops' } })).ok).toBe(true);
    await w.run.advance(60_000);
    expect(w.job('db-migrate')!.metadata.uid).not.toBe(first);
    expect(w.app().operation).toMatchObject({ kind: 'manual', phase: 'Succeeded' });
  });

  it('are not part of the sync status: never OutOfSync, never pruned', async () => {
    const w = await start([{ name: 'db-migrate', hook: 'PreSync', policy: 'HookSucceeded' }]);
    await w.run.advance(60_000);
    expect(w.has('Job', 'db-migrate')).toBe(false);
    expect(w.app().sync).toBe('Synced');
    expect(w.app().resources.map((r) => r.kind)).toEqual(['Deployment']);
    const kept = await start([{ name: 'db-migrate', hook: 'PreSync' }]);
    await kept.run.advance(200_000);
    expect(kept.has('Job', 'db-migrate')).toBe(true);
    expect(kept.app().sync).toBe('Synced');
  });

  it('are not run by a self-heal, a selective sync', async () => {
    const w = await start([{ name: 'db-migrate', hook: 'PreSync' }], '', 'selfHeal: true');
    await w.run.advance(60_000);
    const first = w.job('db-migrate')!.metadata.uid;
    await w.run.act({
      kubectl: { lane: 'gitops', actor: 'bob', run: 'scale deployment/web --replicas=3' },
    });
    await w.run.advance(30_000);
    expect(w.app().operation).toMatchObject({ kind: 'heal', phase: 'Succeeded' });
    expect(w.app().operation?.results.some((r) => r.hook)).toBe(false);
    expect(w.job('db-migrate')!.metadata.uid).toBe(first);
  });

  it('appear with their phases in the --json report of the Application', async () => {
    const w = await start([{ name: 'db-migrate', hook: 'PreSync' }]);
    await w.run.advance(60_000);
    const app = Object.values((await buildReport(w.run)).lanes.gitops.applications ?? {})[0];
    expect(app?.operation?.hooks).toEqual([
      {
        key: 'Job/default/db-migrate',
        hookType: 'PreSync',
        hookPhase: 'Succeeded',
        message: 'Reached expected number of succeeded pods',
      },
    ]);
  });
});
