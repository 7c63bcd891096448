import '../../platform/node';
import { describe, expect, it } from 'vitest';
import { loadScenario, ScenarioRun } from '.';
import { buildReport } from './report';

// A Flux lane's --json report carries each Kustomization's Ready condition and its revisions, as
// `flux get kustomizations` and kustomize-controller's status write them (gitops/flux-ready.ts;
// REFERENCE.md, Flux flavour conditions). An Argo CD lane's report has none.
const text = (flavour: string) => `id: report-flux
title: Report flux
lanes: { gitops: { flavour: ${flavour} } }
repo:
  path: app
  files:
    app/web.yaml: |
      apiVersion: v1
      kind: ConfigMap
      metadata: { name: web }
      data: { a: "1" }
steps:
  - title: deploy
    do:
      - wait: 2m
`;

describe('the --json report of a Flux lane', () => {
  it("has each Kustomization's Ready condition, lastAppliedRevision and lastAttemptedRevision", async () => {
    const run = await ScenarioRun.start(loadScenario(text('flux'), 'r.yaml', 'report-flux'));
    await run.runUntil(1);
    const report = await buildReport(run);
    const app = Object.values(report.lanes.gitops.applications ?? {})[0];
    const revision = `main@sha1:${report.repo.head}`;
    expect(app?.kustomization).toEqual({
      ready: {
        type: 'Ready',
        status: 'True',
        reason: 'ReconciliationSucceeded',
        message: `Applied revision: ${revision}`,
      },
      lastAppliedRevision: revision,
      lastAttemptedRevision: revision,
    });
  });

  it('an Argo CD lane has no Kustomization', async () => {
    const run = await ScenarioRun.start(loadScenario(text('argo'), 'r.yaml', 'report-flux'));
    await run.runUntil(1);
    const app = Object.values((await buildReport(run)).lanes.gitops.applications ?? {})[0];
    expect(app).toBeDefined();
    expect(app?.kustomization).toBeUndefined();
  });
});
