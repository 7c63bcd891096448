// A scenario drives the HPA through images' `cpu` and the `load` action (scenarios/README.md,
// "The HPA's load"); the loop itself is tested in cluster/controllers/hpa.test.ts after
// kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale.
import '../../platform/node';
import { describe, expect, it } from 'vitest';
import { loadScenario, ScenarioRun } from '.';

const TEXT = `id: hpa-load
title: HPA under load
images:
  web:1.0: { cpu: 150m }
repo:
  files:
    web.yaml: |
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        selector: { matchLabels: { app: web } }
        template:
          metadata: { labels: { app: web } }
          spec:
            containers:
              - name: web
                image: web:1.0
                resources: { requests: { cpu: 100m } }
    hpa.yaml: |
      apiVersion: autoscaling/v2
      kind: HorizontalPodAutoscaler
      metadata: { name: web }
      spec:
        scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
        minReplicas: 1
        maxReplicas: 10
        metrics:
          - type: Resource
            resource: { name: cpu, target: { type: Utilization, averageUtilization: 50 } }
steps:
  - title: the image's own use
    do: [{ wait: 5m }]
    expect:
      - { lane: both, get: deployment/web, path: spec.replicas, equals: 10 }
  - title: traffic set for the workload
    do:
      - load: { lane: both, target: deployment/web, cpu: 200m }
      - wait: 10m
    expect:
      - { lane: both, get: deployment/web, path: spec.replicas, equals: 4 }
`;

describe('the load action and image CPU', () => {
  it('scales on the image’s per-Pod use, then settles where the set load meets the target', async () => {
    const run = await ScenarioRun.start(loadScenario(TEXT, 'hpa-load.yaml', 'hpa-load'));
    await run.runUntil(2);
    const failed = run.results.flatMap((r) => r.expectations.filter((e) => !e.ok));
    expect(failed.map((e) => e.text)).toEqual([]);
    expect(run.results.map((r) => r.ok)).toEqual([true, true]);
  });

  it('refuses a load on a kind the HPA does not scale', () => {
    expect(() =>
      loadScenario(
        TEXT.replace('target: deployment/web', 'target: service/web'),
        'hpa-load.yaml',
        'hpa-load',
      ),
    ).toThrow(/deployment\/NAME or statefulset\/NAME/);
  });
});
