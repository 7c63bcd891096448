// Sync waves that wait for health (REFERENCE.md, pull lane, "sync waves": the next wave starts
// only when every resource of the wave before it is Healthy; a resource that turns Degraded fails
// the operation and later waves are never applied; Argo CD docs `sync-waves.md`, gitops-engine
// `pkg/sync/sync_context.go`).
import '../../platform/node';
import { describe, expect, it } from 'vitest';
import { loadScenario, ScenarioRun } from '../scenario';

/** A database in wave 0 whose image takes `ready` to become ready (or crashes), the web in wave 1. */
function scenario(db: string, deadline = 600) {
  return loadScenario(
    `id: waves
title: Waves
lanes: { gitops: { selfHeal: true } }
images:
  db:1.0: { readyAfter: 60s }
  db:broken: { crash: true }
repo:
  files:
    db.yaml: |
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: db
        annotations: { argocd.argoproj.io/sync-wave: "0" }
      spec:
        replicas: 1
        progressDeadlineSeconds: ${deadline}
        selector: { matchLabels: { app: db } }
        template:
          metadata: { labels: { app: db } }
          spec: { containers: [{ name: db, image: "${db}" }] }
    web.yaml: |
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        annotations: { argocd.argoproj.io/sync-wave: "1" }
      spec:
        replicas: 1
        selector: { matchLabels: { app: web } }
        template:
          metadata: { labels: { app: web } }
          spec: { containers: [{ name: web, image: web:1.0 }] }
steps:
  - title: start
    do: [{ wait: 1s }]
`,
    'waves.yaml',
    'waves',
  );
}

async function start(db: string, deadline?: number) {
  const run = await ScenarioRun.start(scenario(db, deadline));
  const cluster = run.sandbox.clusters.gitops;
  const app = () => run.sandbox.gitops.apps[0]!;
  return {
    run,
    app,
    has: (name: string) => cluster.get({ kind: 'Deployment', name }) !== undefined,
  };
}

describe('Argo CD sync waves wait for health', () => {
  it('applies wave 1 only once wave 0 is Healthy, and says what it waits for meanwhile', async () => {
    const { run, app, has } = await start('db:1.0');
    await run.advance(10_000);
    expect(has('db')).toBe(true);
    expect(has('web')).toBe(false);
    expect(app().operation).toMatchObject({
      phase: 'Running',
      message: 'waiting for healthy state of apps/Deployment/db',
    });
    await run.advance(80_000);
    expect(has('web')).toBe(true);
    expect(app().operation?.phase).toBe('Succeeded');
    expect(app().sync).toBe('Synced');
  });

  it('fails the operation when a resource of the wave turns Degraded, and never applies the next wave', async () => {
    const { run, app, has } = await start('db:broken', 60);
    await run.advance(5 * 60_000);
    expect(has('db')).toBe(true);
    expect(has('web')).toBe(false);
    expect(app().operation?.phase).toBe('Failed');
    expect(app().operation?.message).toMatch(/apps\/Deployment\/db is Degraded/);
  });
});
