import { describe, expect, it } from 'vitest';
import { ops, refKey, refOf, type KObject, type ObjectRef } from '../cluster';
import { toBase64 } from '../cluster/secret';
import { CI, configMap, deployment, makeCluster, PERSON } from '../cluster/testing/fixtures';
import { diffResource, reconcile } from './diff';
import type { IgnoreDifference } from './ignore';

const WEB: ObjectRef = { kind: 'Deployment', name: 'web', namespace: 'default' };

/** Applies the manifests as CI would, lets the controllers run, returns the cluster. */
async function liveCluster(...manifests: KObject[]) {
  const env = makeCluster();
  for (const m of manifests) env.cluster.apply(m, CI);
  await env.clock.advanceBy(20_000);
  return env;
}

const service = (): KObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web' },
  spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
});
const secret = (stringData: Record<string, string>): KObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db' },
  stringData,
});
const namespace = (name: string): KObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name },
});
const hpa = (): KObject => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web' },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
    minReplicas: 5,
    maxReplicas: 10,
  },
});

describe('diffResource: only the fields the manifest sets count', () => {
  it.each<[string, KObject]>([
    ['a Deployment (replicas, strategy, pod defaults, status)', deployment({ replicas: 3 })],
    ['a Deployment that sets no replicas (live has the default 1)', deployment()],
    ['a Service (clusterIP, protocol, targetPort filled in)', service()],
    ['a ConfigMap', configMap('settings', { mode: 'prod' })],
    ['a Namespace (finalizers and phase filled in)', namespace('shop')],
    ['a Secret written as stringData, stored as base64 data', secret({ password: 's3cret' })],
  ])('%s is Synced against its live object', async (_, manifest) => {
    const { cluster } = await liveCluster(manifest);
    const d = diffResource(manifest, cluster.get(refOf(manifest)));
    expect(d).toMatchObject({ status: 'Synced', reason: null, fields: [] });
    expect(d.textDiff).toBeUndefined();
  });

  it('reports a hotfix of a managed field (kubectl scale 5, Git says 3) with the field diff', async () => {
    const { cluster } = await liveCluster(deployment({ replicas: 3 }));
    ops.scale(cluster, WEB, 5, PERSON);
    const d = diffResource(deployment({ replicas: 3 }), cluster.get(WEB));
    expect(d).toMatchObject({ status: 'OutOfSync', reason: 'modified', requiresPruning: false });
    expect(d.fields).toEqual([{ path: 'spec.replicas', desired: 3, live: 5 }]);
    expect(d.textDiff).toContain('--- live/Deployment/default/web');
    expect(d.textDiff).toContain('-  replicas: 5\n+  replicas: 3');
  });

  it.each<[string, (c: ReturnType<typeof makeCluster>['cluster']) => void]>([
    [
      'an env var added by kubectl patch',
      (c) =>
        ops.patch(
          c,
          WEB,
          {
            spec: {
              template: {
                spec: { containers: [{ name: 'web', env: [{ name: 'DEBUG', value: '1' }] }] },
              },
            },
          },
          'strategic',
          PERSON,
        ),
    ],
    [
      'an annotation added by kubectl annotate',
      (c) => ops.setMetadata(c, WEB, 'annotations', { owner: 'alice' }, false, PERSON),
    ],
    ['the restartedAt of kubectl rollout restart', (c) => ops.rolloutRestart(c, WEB, PERSON)],
  ])('does not count %s as drift', async (_, change) => {
    const { cluster } = await liveCluster(deployment({ replicas: 2 }));
    change(cluster);
    expect(diffResource(deployment({ replicas: 2 }), cluster.get(WEB)).status).toBe('Synced');
  });

  it('compares a container list by name, not by index', () => {
    const container = (name: string, image: string) => ({ name, image });
    const withContainers = (...containers: unknown[]): KObject => ({
      ...deployment(),
      spec: { template: { spec: { containers } } },
    });
    const desired = withContainers(container('web', 'web:1'), container('proxy', 'envoy:1'));
    const reordered = withContainers(container('proxy', 'envoy:1'), container('web', 'web:1'));
    expect(diffResource(desired, reordered).status).toBe('Synced');

    const hotfixed = withContainers(container('proxy', 'envoy:2'), container('web', 'web:1'));
    expect(diffResource(desired, hotfixed).fields).toEqual([
      {
        path: 'spec.template.spec.containers[name=proxy].image',
        desired: 'envoy:1',
        live: 'envoy:2',
      },
    ]);
  });

  it('shows a changed Secret value as OutOfSync with masked values only', async () => {
    const { cluster } = await liveCluster(secret({ password: 'old-pass' }));
    const d = diffResource(secret({ password: 'new-pass' }), cluster.get(refOf(secret({}))));
    expect(d).toMatchObject({ status: 'OutOfSync', reason: 'modified' });
    expect(d.fields.map((f) => f.path)).toEqual(['data.password']);
    expect(d.fields[0]!.desired).toMatch(/^hash:/);
    expect(d.fields[0]!.live).toMatch(/^hash:/);
    expect(d.fields[0]!.live).not.toBe(d.fields[0]!.desired);
    const shown = JSON.stringify({ fields: d.fields, live: d.live, textDiff: d.textDiff });
    for (const plain of ['old-pass', 'new-pass', toBase64('old-pass'), toBase64('new-pass')])
      expect(shown).not.toContain(plain);
    expect(d.textDiff).toContain('-  password: ++++++++++++\n+  password: ++++++++');
  });

  it('lists every field of a missing resource, and none of an extra one', () => {
    const missing = diffResource(configMap('settings', { a: '1' }), undefined);
    expect(missing).toMatchObject({
      status: 'OutOfSync',
      reason: 'missing',
      requiresPruning: false,
    });
    expect(missing.fields).toEqual([{ path: 'data.a', desired: '1' }]);
    expect(missing.textDiff).toContain('--- /dev/null');

    const live = {
      ...configMap('old', { b: '2' }),
      metadata: { name: 'old', namespace: 'default', uid: 'u1' },
    };
    const extra = diffResource(undefined, live);
    expect(extra).toMatchObject({
      status: 'OutOfSync',
      reason: 'extra',
      requiresPruning: true,
      fields: [],
    });
    expect(extra.textDiff).toContain('+++ /dev/null');
    expect(extra.textDiff).not.toContain('uid');
  });
});

describe('diffResource: ignoreDifferences settles the HPA vs spec.replicas fight', () => {
  const hpaCluster = async () => {
    const env = await liveCluster(deployment({ replicas: 3 }), hpa());
    expect((env.cluster.get(WEB)!.spec as { replicas: number }).replicas).toBe(5);
    return env;
  };

  it.each<[string, IgnoreDifference[], 'Synced' | 'OutOfSync']>([
    ['no ignoreDifferences', [], 'OutOfSync'],
    [
      'jsonPointers /spec/replicas',
      [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }],
      'Synced',
    ],
    [
      'managedFieldsManagers [horizontal-pod-autoscaler]',
      [{ group: 'apps', kind: 'Deployment', managedFieldsManagers: ['horizontal-pod-autoscaler'] }],
      'Synced',
    ],
    [
      'an entry without group (the core group: no Deployment)',
      [{ kind: 'Deployment', jsonPointers: ['/spec/replicas'] }],
      'OutOfSync',
    ],
    [
      'an entry for another name',
      [{ group: 'apps', kind: 'Deployment', name: 'api', jsonPointers: ['/spec/replicas'] }],
      'OutOfSync',
    ],
    [
      'an entry for a manager that owns nothing here',
      [{ group: '*', kind: '*', managedFieldsManagers: ['kubectl-edit'] }],
      'OutOfSync',
    ],
  ])('%s -> %s', async (_, ignore, expected) => {
    const { cluster } = await hpaCluster();
    const d = diffResource(deployment({ replicas: 3 }), cluster.get(WEB), {
      ignore,
      managedFields: cluster.managedFields(WEB),
    });
    expect(d.status).toBe(expected);
    if (expected === 'Synced') expect(d.ignored).toEqual(['spec.replicas']);
  });
});

describe('reconcile', () => {
  const live = (obj: KObject): KObject => ({
    ...obj,
    metadata: { ...obj.metadata, namespace: obj.metadata.namespace ?? 'default' },
  });

  it('pairs namespace-less manifests with live objects in default, cluster-scoped ones without', () => {
    const strayNs = { ...namespace('shop'), metadata: { name: 'shop', namespace: 'oops' } };
    const r = reconcile(
      [configMap('a', { k: 'v' }), strayNs],
      [live(configMap('a', { k: 'v' })), namespace('shop')],
    );
    expect(r.resources.map((x) => [x.key, x.status])).toEqual([
      ['Namespace/shop', 'Synced'],
      ['ConfigMap/default/a', 'Synced'],
    ]);
    expect(r).toMatchObject({ sync: 'Synced', onlyPruneNeeded: false, conditions: [] });
    const inShop = reconcile([configMap('a', { k: 'v' })], [], { namespace: 'shop' });
    expect(inShop.resources[0]!.key).toBe('ConfigMap/shop/a');
  });

  it.each<[string, KObject[], KObject[], Record<string, string | null>, boolean]>([
    [
      'missing',
      [configMap('a', {}), configMap('b', {})],
      [live(configMap('a', {}))],
      { 'ConfigMap/default/b': 'missing' },
      false,
    ],
    [
      'extra only (prune-only)',
      [configMap('a', {})],
      [live(configMap('a', {})), live(configMap('c', {}))],
      { 'ConfigMap/default/c': 'extra' },
      true,
    ],
    [
      'extra and modified',
      [configMap('a', { k: 'new' })],
      [live(configMap('a', { k: 'old' })), live(configMap('c', {}))],
      { 'ConfigMap/default/a': 'modified', 'ConfigMap/default/c': 'extra' },
      false,
    ],
  ])('%s', (_, desired, liveObjs, outOfSync, onlyPrune) => {
    const r = reconcile(desired, liveObjs);
    const reasons = Object.fromEntries(
      r.resources.filter((x) => x.status === 'OutOfSync').map((x) => [x.key, x.reason]),
    );
    expect(reasons).toEqual(outOfSync);
    expect(r.sync).toBe('OutOfSync');
    expect(r.onlyPruneNeeded).toBe(onlyPrune);
  });

  it('sorts resources by sync order (wave, kind, name)', () => {
    const wave = (obj: KObject, w: string): KObject => ({
      ...obj,
      metadata: { ...obj.metadata, annotations: { 'argocd.argoproj.io/sync-wave': w } },
    });
    const r = reconcile(
      [
        deployment({ name: 'b' }),
        wave(deployment({ name: 'a' }), '1'),
        configMap('z', {}),
        namespace('shop'),
      ],
      [],
    );
    expect(r.resources.map((x) => x.key)).toEqual([
      'Namespace/shop',
      'ConfigMap/default/z',
      'Deployment/default/b',
      'Deployment/default/a',
    ]);
  });

  it('keeps the last copy of a repeated manifest and raises RepeatedResourceWarning', () => {
    const r = reconcile([configMap('a', { v: '1' }), configMap('a', { v: '2' })], []);
    expect(r.resources).toHaveLength(1);
    expect(r.resources[0]!.fields).toEqual([{ path: 'data.v', desired: '2' }]);
    expect(r.conditions).toEqual([
      {
        type: 'RepeatedResourceWarning',
        message: 'Resource /ConfigMap/default/a appeared 2 times among application resources.',
      },
    ]);
  });

  it('reads field managers by key for ignoreDifferences, with a real cluster', async () => {
    const { cluster } = await liveCluster(deployment({ replicas: 3 }), hpa());
    const tracked = [
      cluster.get(WEB)!,
      cluster.get({ kind: 'HorizontalPodAutoscaler', name: 'web' })!,
    ];
    const managers = new Map(
      tracked.map((o) => [refKey(refOf(o)), cluster.managedFields(refOf(o))]),
    );
    const r = reconcile([deployment({ replicas: 3 }), hpa()], tracked, {
      ignore: [
        { group: 'apps', kind: 'Deployment', managedFieldsManagers: ['horizontal-pod-autoscaler'] },
      ],
      managedFields: (key) => managers.get(key) ?? {},
    });
    expect(r.sync).toBe('Synced');
  });
});
