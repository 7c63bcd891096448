// The push lane's pre-deploy step: kubectl knows nothing of Argo CD's hook annotation
// (../../../../shared/REFERENCE.md lines 53-57 describe Argo CD's PreSync hooks; lines 115-119
// the deploy step's `kubectl apply`; 128-129 a Job's template is immutable, so the script deletes
// the Job first). A pipeline scripts the equivalent: apply the migration Job, `kubectl wait` for
// it, then apply the rest; a failed Job fails the run and nothing else is applied.
import '../../platform/node';
import { describe, expect, it } from 'vitest';
import { loadScenario, ScenarioRun } from '../scenario';
import { webDeploymentFile } from '../scenario/fixtures';

function scenario(image: string) {
  return loadScenario(
    `id: pre-deploy
title: Pre-deploy
lanes: { devops: { stages: { deploy: 2m } } }
images:
  migrate:ok: { runFor: 20s }
  migrate:bad: { runFor: 5s, exitCode: 1 }
repo:
  files:
${webDeploymentFile(1)}
    migrate.yaml: |
      apiVersion: batch/v1
      kind: Job
      metadata:
        name: db-migrate
        annotations: { argocd.argoproj.io/hook: PreSync }
      spec:
        backoffLimit: 0
        template:
          spec:
            restartPolicy: Never
            containers: [{ name: migrate, image: "${image}" }]
steps:
  - title: start
    do: [{ wait: 1s }]
`,
    'pre-deploy.yaml',
    'pre-deploy',
  );
}

async function start(image: string) {
  const run = await ScenarioRun.start(scenario(image));
  const cluster = run.sandbox.clusters.devops;
  const deployLog = () =>
    run.sandbox.devops.runs[0]?.stages.find((s) => s.stage === 'deploy')?.lines ?? [];
  return {
    run,
    result: () => run.sandbox.devops.runs[0]?.result,
    deployLog,
    has: (kind: string, name: string) =>
      cluster.get({ kind, name, namespace: 'default' }) !== undefined,
  };
}

describe('The push lane’s pre-deploy step', () => {
  it('applies the PreSync Job, waits for it to complete, then applies the rest', async () => {
    const w = await start('migrate:ok');
    // checkout 10 s, build 90 s, test 60 s: the deploy step starts at 160 s.
    await w.run.advance(175_000);
    expect(w.has('Job', 'db-migrate')).toBe(true);
    expect(w.has('Deployment', 'web')).toBe(false);
    expect(w.deployLog()).toContain(
      '$ kubectl wait --for=condition=complete job/db-migrate --timeout=120s',
    );
    await w.run.advance(30_000);
    expect(w.has('Deployment', 'web')).toBe(true);
    expect(w.deployLog()).toEqual(
      expect.arrayContaining(['job.batch/db-migrate condition met', 'deployment.apps/web created']),
    );
    await w.run.advance(120_000);
    expect(w.result()).toBe('succeeded');
  });

  it('fails the run when the Job fails, and applies nothing else', async () => {
    const w = await start('migrate:bad');
    await w.run.advance(400_000);
    expect(w.result()).toBe('failed');
    expect(w.has('Deployment', 'web')).toBe(false);
    expect(w.deployLog()).toContain('error: job db-migrate failed: BackoffLimitExceeded');
  });
});
