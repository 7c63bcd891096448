// The object view carries each object's Kubernetes events (cluster/events.ts), not audit records:
// describe's Events section in the app (kubernetes.io/docs/reference/kubectl/generated/
// kubectl_describe; Argo CD's resource view lists the same events). A new event alone makes a
// new lane view, so the Events table is never stale.
import '../platform/node';
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../sim/sandbox';
import { STARTER_FILES } from '../sim/starter-repo';
import { objectViews } from './object-views';
import { ViewAdapter } from './view';

describe('events in the object view', () => {
  it('lists a Deployment’s own events, from the controller that recorded them', async () => {
    const sandbox = await Sandbox.create({ seed: 1, files: { ...STARTER_FILES } });
    await sandbox.advance(60_000);
    const deployment = objectViews(sandbox, 'gitops').find((o) => o.kind === 'Deployment')!;
    expect(deployment.events?.map((e) => [e.type, e.reason, e.source])).toEqual([
      ['Normal', 'ScalingReplicaSet', 'deployment-controller'],
    ]);
    expect(deployment.events?.[0]?.message).toMatch(/^Scaled up replica set web-\w+ to 3 from 0$/);
    const config = objectViews(sandbox, 'gitops').find((o) => o.kind === 'ConfigMap')!;
    expect(config.events).toEqual([]);
  });

  it('builds a new lane view when only an event was recorded', async () => {
    const sandbox = await Sandbox.create({ seed: 1, files: { ...STARTER_FILES } });
    await sandbox.advance(60_000);
    const adapter = new ViewAdapter(sandbox);
    const before = await adapter.build();
    const cluster = sandbox.clusters.gitops;
    const cm = cluster.list({ kind: 'ConfigMap' })[0]!;
    cluster.events.record(cm, 'Warning', 'Checked', 'looked at by a test', 'test');
    const after = await adapter.build();
    expect(after.lanes.gitops).not.toBe(before.lanes.gitops);
    expect(after.lanes.devops).toBe(before.lanes.devops);
    const view = after.lanes.gitops.objects.find((o) => o.key.startsWith('ConfigMap/'))!;
    expect(view.events?.map((e) => e.reason)).toEqual(['Checked']);
  });
});
