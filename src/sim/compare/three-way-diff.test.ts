import { describe, expect, it } from 'vitest';
import { ops, type KObject } from '../cluster';
import { CI, configMap, deployment, makeCluster, PERSON } from '../cluster/testing/fixtures';
import { diffResource } from './diff';
import { TRACKING_ANNOTATION } from './tracking';

// REFERENCE.md, Argo CD "diff": the legacy diff is three-way between live, Git and the
// last-applied-configuration annotation. A field the last apply set and Git no longer has is
// OutOfSync and the sync removes it; a field nobody applied is not a difference.
const CM = { kind: 'ConfigMap', name: 'settings' };
const WEB = { kind: 'Deployment', name: 'web' };
const ARGO = {
  ...CI,
  actor: 'reconciler',
  channel: 'reconciler' as const,
  manager: 'argocd-controller',
};

function secret(values: Record<string, string>): KObject {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, stringData: values };
}

describe('three-way diff: live, Git and last-applied', () => {
  it('shows a ConfigMap key removed from Git as OutOfSync, and Synced once the sync removed it', () => {
    const { cluster } = makeCluster({ name: 'gitops' });
    cluster.apply(configMap('settings', { a: '1', b: '2' }), ARGO);
    const git = configMap('settings', { a: '1' });
    const diff = diffResource(git, cluster.get(CM));
    expect(diff).toMatchObject({ status: 'OutOfSync', reason: 'modified' });
    expect(diff.fields).toEqual([{ path: 'data.b', live: '2' }]);
    expect(diff.textDiff).toContain('-  b: "2"');
    cluster.apply(git, ARGO);
    expect(cluster.get(CM)?.data).toEqual({ a: '1' });
    expect(diffResource(git, cluster.get(CM)).status).toBe('Synced');
  });

  it('shows an env var and a label removed from Git as OutOfSync', () => {
    const { cluster } = makeCluster({ name: 'gitops' });
    const before = deployment({ env: { MODE: 'fast', DEBUG: '1' } });
    before.metadata.labels = { app: 'web', tier: 'front' };
    cluster.apply(before, ARGO);
    const git = deployment({ env: { MODE: 'fast' } });
    git.metadata.labels = { app: 'web' };
    expect(diffResource(git, cluster.get(WEB)).fields.map((f) => f.path)).toEqual([
      'metadata.labels.tier',
      'spec.template.spec.containers[name=web].env[name=DEBUG].name',
      'spec.template.spec.containers[name=web].env[name=DEBUG].value',
    ]);
    cluster.apply(git, ARGO);
    expect(diffResource(git, cluster.get(WEB)).status).toBe('Synced');
  });

  it.each<[string, (c: ReturnType<typeof makeCluster>['cluster']) => void]>([
    [
      'kubectl patch adds a ConfigMap key',
      (c) => void ops.patch(c, CM, { data: { x: '9' } }, 'merge', PERSON),
    ],
    [
      'kubectl annotate adds an annotation',
      (c) => void ops.setMetadata(c, CM, 'annotations', { note: 'hi' }, false, PERSON),
    ],
  ])('a field nobody applied is not a difference: %s', (_what, edit) => {
    const { cluster } = makeCluster({ name: 'gitops' });
    const git = configMap('settings', { a: '1' });
    cluster.apply(git, ARGO);
    edit(cluster);
    expect(diffResource(git, cluster.get(CM)).status).toBe('Synced');
  });

  it('does not count rollout restart’s restartedAt, a field no apply set', () => {
    const { cluster } = makeCluster({ name: 'gitops' });
    cluster.apply(deployment(), ARGO);
    ops.rolloutRestart(cluster, WEB, PERSON);
    expect(diffResource(deployment(), cluster.get(WEB)).status).toBe('Synced');
  });

  it('does not count the tracking annotation the sync adds to what it applies', () => {
    const { cluster } = makeCluster({ name: 'gitops' });
    const tracked = configMap('settings', { a: '1' });
    tracked.metadata.annotations = { [TRACKING_ANNOTATION]: 'web:/ConfigMap:default/settings' };
    cluster.apply(tracked, ARGO);
    expect(diffResource(configMap('settings', { a: '1' }), cluster.get(CM)).status).toBe('Synced');
  });

  it('never shows Git’s stringData against live base64 data as OutOfSync; a removed key is', () => {
    const { cluster } = makeCluster({ name: 'gitops' });
    cluster.apply(secret({ user: 'app', pw: 'hunter2' }), ARGO);
    const live = () => cluster.get({ kind: 'Secret', name: 'db' });
    expect(diffResource(secret({ user: 'app', pw: 'hunter2' }), live()).status).toBe('Synced');
    const diff = diffResource(secret({ user: 'app' }), live());
    expect(diff.status).toBe('OutOfSync');
    expect(diff.fields.map((f) => f.path)).toEqual(['data.pw']);
    expect(String(diff.fields[0]!.live)).toMatch(/^hash:/);
    expect(diff.textDiff).not.toContain('aHVudGVyMg');
    cluster.apply(secret({ user: 'app' }), ARGO);
    expect(diffResource(secret({ user: 'app' }), live()).status).toBe('Synced');
  });

  it('lets ignoreDifferences hide a removed field', () => {
    const { cluster } = makeCluster({ name: 'gitops' });
    cluster.apply(configMap('settings', { a: '1', b: '2' }), ARGO);
    const diff = diffResource(configMap('settings', { a: '1' }), cluster.get(CM), {
      ignore: [{ kind: 'ConfigMap', jsonPointers: ['/data/b'] }],
    });
    expect(diff).toMatchObject({ status: 'Synced', ignored: ['data.b'] });
  });
});
