import '../../platform/node';
import { describe, expect, it } from 'vitest';
import { loadScenario, ScenarioRun } from '.';
import { buildReport } from './report';

// Git empties the app's folder with auto-sync and prune on: Argo CD refuses to prune everything
// (allowEmpty off) and says so as a condition, not as a failed operation (REFERENCE.md, pull lane).
const TEXT = `id: report-lanes
title: Report lanes
lanes: { gitops: { prune: true } }
repo:
  path: app
  files:
    app/README.md: the folder stays when its last manifest goes
    app/web.yaml: |
      apiVersion: v1
      kind: ConfigMap
      metadata: { name: web }
      data: { a: "1" }
steps:
  - title: deploy, then empty the folder
    do:
      - wait: 5m
      - commit: { message: empty, author: alice, remove: [app/web.yaml] }
      - wait: 5m
`;

describe('the --json report of each lane', () => {
  it("lists the pipeline's runs and each Application's conditions, last operation and history", async () => {
    const run = await ScenarioRun.start(loadScenario(TEXT, 'report-lanes.yaml', 'report-lanes'));
    await run.runUntil(1);
    const { devops, gitops } = (await buildReport(run)).lanes;
    expect(devops.runs?.map((r) => [r.id, r.trigger, r.by, r.result])).toEqual([
      [1, 'push', expect.any(String), 'succeeded'],
      // kubectl apply -f on an empty folder: "error: no objects passed to apply".
      [2, 'push', 'alice', 'failed'],
    ]);
    expect(devops.applications).toBeUndefined();
    const app =
      gitops.applications?.['report-lanes'] ?? Object.values(gitops.applications ?? {})[0];
    expect(app?.conditions.map((c) => c.type)).toEqual(['SyncError']);
    expect(app?.conditions[0]?.message).toMatch(/wipe out all resources/);
    expect(app?.operation).toMatchObject({ phase: 'Succeeded', kind: 'auto' });
    expect(app?.history).toHaveLength(1);
    // status.resources: the ConfigMap Git no longer has, kept and marked as requiring pruning.
    expect(app?.resources).toEqual([
      {
        group: '',
        kind: 'ConfigMap',
        namespace: 'default',
        name: 'web',
        status: 'OutOfSync',
        requiresPruning: true,
      },
    ]);
    expect(gitops.runs).toBeUndefined();
  });
});
