import { describe, expect, it } from 'vitest';
import { ops } from '.';
import { controllerContext } from './controllers/context';
import { LAST_APPLIED_PATH } from './last-applied';
import { CI, configMap, deployment, makeCluster, PERSON } from './testing/fixtures';

const WEB = { kind: 'Deployment', name: 'web' };
const SERVER_SIDE = { ...CI, actor: 'alice', manager: 'kubectl' };
const spec = (o: unknown) => (o as { spec: Record<string, unknown> }).spec;
const container = (o: unknown) =>
  (spec(o).template as { spec: { containers: Record<string, unknown>[] } }).spec.containers[0]!;

describe('apply with field ownership', () => {
  it('creates, then reports unchanged for the same manifest, configured for a new one', () => {
    const { cluster } = makeCluster();
    expect(cluster.apply(deployment({ replicas: 3 }), CI).outcome).toBe('created');
    expect(cluster.apply(deployment({ replicas: 3 }), CI).outcome).toBe('unchanged');
    expect(cluster.apply(deployment({ replicas: 4 }), CI).outcome).toBe('configured');
    expect(cluster.apply(deployment({ replicas: 4 }), CI).display).toBe('deployment.apps/web');
  });

  it('answers a re-applied frozen manifest from memory only while nothing it read changed', () => {
    const { cluster } = makeCluster();
    const frozen = Object.freeze(configMap('cfg', { a: '1' }));
    const OTHER = { ...CI, actor: 'bob', manager: 'other' };
    expect(cluster.apply(frozen, CI).outcome).toBe('created');
    expect(cluster.apply(frozen, CI).outcome).toBe('unchanged');
    // Another manager applies the same value: the field is now its, so CI's re-apply takes it back.
    expect(cluster.apply(configMap('cfg', { a: '1' }), OTHER).outcome).toBe('unchanged');
    expect(cluster.managedFields({ kind: 'ConfigMap', name: 'cfg' }).other).toEqual(['data.a']);
    cluster.apply(frozen, CI);
    expect(cluster.managedFields({ kind: 'ConfigMap', name: 'cfg' })).toEqual({
      'kubectl-client-side-apply': [LAST_APPLIED_PATH, 'data.a'],
    });
    // A person edits the value: the re-apply writes it back.
    ops.patch(cluster, { kind: 'ConfigMap', name: 'cfg' }, { data: { a: '2' } }, 'merge', PERSON);
    expect(cluster.apply(frozen, CI).outcome).toBe('configured');
    expect(cluster.apply(frozen, CI).outcome).toBe('unchanged');
    // The object goes: the next re-apply creates it again.
    cluster.delete({ kind: 'ConfigMap', name: 'cfg' }, CI);
    expect(cluster.apply(frozen, CI).outcome).toBe('created');
  });

  it('remembers re-applies per manager, and forgets them with the namespace', () => {
    const { cluster } = makeCluster();
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } };
    cluster.apply(ns, CI);
    const cm = configMap('cfg', { a: '1' });
    const frozen = Object.freeze({
      ...cm,
      metadata: Object.freeze({ name: 'cfg', namespace: 'shop' }),
    });
    const OTHER = { ...CI, actor: 'bob', manager: 'other' };
    const ownersOf = (path: string) =>
      Object.entries(cluster.managedFields({ kind: 'ConfigMap', name: 'cfg', namespace: 'shop' }))
        .filter(([, paths]) => paths.includes(path))
        .map(([manager]) => manager);
    expect(cluster.apply(frozen, CI).outcome).toBe('created');
    // Two managers take turns: each takes the field over from the other, every time, even
    // right after the other's re-apply was answered from memory.
    for (let i = 0; i < 3; i++) {
      expect(cluster.apply(frozen, CI).outcome).toBe('unchanged');
      expect(cluster.apply(frozen, OTHER).outcome).toBe('unchanged');
      expect(ownersOf('data.a')).toEqual(['other']);
      expect(cluster.apply(frozen, CI).outcome).toBe('unchanged');
      expect(ownersOf('data.a')).toEqual(['kubectl-client-side-apply']);
    }
    expect(cluster.apply(frozen, CI)).toBe(cluster.apply(frozen, CI));
    // The namespace goes, and what was in it: the re-apply is refused as the first apply would be.
    cluster.delete({ kind: 'Namespace', name: 'shop' }, CI);
    expect(() => cluster.apply(frozen, CI)).toThrow(/namespaces "shop" not found/);
  });

  it('overwrites a hotfix of a field the manifest sets (kubectl scale, then re-apply)', () => {
    const { cluster } = makeCluster();
    cluster.apply(deployment({ replicas: 3 }), CI);
    ops.scale(cluster, WEB, 5, PERSON);
    expect(spec(cluster.get(WEB)).replicas).toBe(5);
    expect(cluster.managedFields(WEB)['kubectl-scale']).toEqual(['spec.replicas']);
    cluster.apply(deployment({ replicas: 3 }), CI);
    expect(spec(cluster.get(WEB)).replicas).toBe(3);
    expect(cluster.managedFields(WEB)['kubectl-scale']).toBeUndefined();
  });

  it('keeps a hotfix of a field no manifest sets (an env var patched in) across re-applies', () => {
    const { cluster } = makeCluster();
    cluster.apply(deployment({ env: { MODE: 'prod' } }), CI);
    ops.patch(
      cluster,
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
    );
    cluster.apply(deployment({ env: { MODE: 'prod' }, image: 'web:2.0' }), CI);
    const env = container(cluster.get(WEB)).env as { name: string; value: string }[];
    expect(env).toEqual([
      { name: 'MODE', value: 'prod' },
      { name: 'DEBUG', value: '1' },
    ]);
    expect(container(cluster.get(WEB)).image).toBe('web:2.0');
  });

  it('deletes a field the previous apply set and the new manifest drops (a ConfigMap key)', () => {
    const { cluster } = makeCluster();
    cluster.apply(configMap('settings', { a: '1', b: '2' }), CI);
    cluster.apply(configMap('settings', { a: '1' }), CI);
    expect(cluster.get({ kind: 'ConfigMap', name: 'settings' })?.data).toEqual({ a: '1' });
  });

  // REFERENCE.md "Apply semantics both lanes share": client-side apply merges three ways through
  // last-applied, server-side apply through field managers.
  it.each([
    ['client-side apply deletes it: last-applied names it', CI, { a: '1' }],
    ['server-side apply keeps it: kubectl-patch owns it now', SERVER_SIDE, { a: '1', b: '3' }],
  ])('a key dropped from the manifest after a patch changed it: %s', (_how, ctx, data) => {
    const { cluster } = makeCluster();
    cluster.apply(configMap('settings', { a: '1', b: '2' }), ctx);
    ops.patch(
      cluster,
      { kind: 'ConfigMap', name: 'settings' },
      { data: { b: '3' } },
      'merge',
      PERSON,
    );
    cluster.apply(configMap('settings', { a: '1' }), ctx);
    expect(cluster.get({ kind: 'ConfigMap', name: 'settings' })?.data).toEqual(data);
  });

  it('removes a container the manifest no longer lists, merging containers by name', () => {
    const { cluster } = makeCluster();
    const two = deployment();
    (spec(two).template as { spec: { containers: unknown[] } }).spec.containers.push({
      name: 'sidecar',
      image: 'envoy:1',
    });
    cluster.apply(two, CI);
    cluster.apply(deployment(), CI);
    const names = (
      spec(cluster.get(WEB)).template as { spec: { containers: { name: string }[] } }
    ).spec.containers.map((c) => c.name);
    expect(names).toEqual(['web']);
  });

  it('fills Kubernetes defaults that belong to no manager', () => {
    const { cluster } = makeCluster();
    cluster.apply(deployment(), CI);
    cluster.apply(
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web' },
        spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
      },
      CI,
    );
    const live = cluster.get(WEB)!;
    expect(spec(live)).toMatchObject({
      replicas: 1,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      strategy: { type: 'RollingUpdate' },
    });
    expect(live.metadata.namespace).toBe('default');
    expect(container(live).imagePullPolicy).toBe('IfNotPresent');
    const svc = cluster.get({ kind: 'Service', name: 'web' })!;
    expect(spec(svc)).toMatchObject({
      type: 'ClusterIP',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
    });
    expect(Object.values(cluster.managedFields(WEB)).flat()).not.toContain(
      'spec.revisionHistoryLimit',
    );
  });

  it('stores stringData as base64 data, as the API server does', () => {
    const { cluster } = makeCluster();
    cluster.apply(
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'db' },
        stringData: { password: 'hunter2' },
      },
      CI,
    );
    const live = cluster.get({ kind: 'Secret', name: 'db' })!;
    expect(live.data).toEqual({ password: btoa('hunter2') });
    expect(live.stringData).toBeUndefined();
  });

  it('accepts a deprecated apiVersion with kubectl’s warning and refuses a removed one', () => {
    const { cluster } = makeCluster();
    cluster.apply(deployment(), CI);
    const hpa = {
      apiVersion: 'autoscaling/v2beta2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        minReplicas: 2,
        maxReplicas: 3,
      },
    };
    expect(cluster.apply(hpa, CI).warnings[0]).toMatch(
      /autoscaling\/v2beta2 HorizontalPodAutoscaler is deprecated in v1\.23\+/,
    );
    expect(() => cluster.apply({ ...hpa, apiVersion: 'autoscaling/v2beta1' }, CI)).toThrow(
      /no matches for kind "HorizontalPodAutoscaler" in version "autoscaling\/v2beta1"/,
    );
  });

  it('learns a kind from a CustomResourceDefinition, and forgets it when wiped', () => {
    const { cluster } = makeCluster();
    const widget = {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w' },
      spec: { size: 1 },
    };
    expect(() => cluster.apply(widget, CI)).toThrow(
      expect.objectContaining({ code: 'E_NO_KIND_MATCH' }),
    );
    cluster.apply(
      {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'widgets.example.com' },
        spec: {
          group: 'example.com',
          scope: 'Namespaced',
          names: { kind: 'Widget', plural: 'widgets' },
          versions: [{ name: 'v1', served: true }],
        },
      },
      CI,
    );
    expect(cluster.apply(widget, CI).outcome).toBe('created');
    cluster.wipe();
    expect(() => cluster.apply(widget, CI)).toThrow(
      expect.objectContaining({ code: 'E_NO_KIND_MATCH' }),
    );
  });

  it('refuses an object in a namespace that does not exist', () => {
    const { cluster } = makeCluster();
    const m = deployment();
    m.metadata.namespace = 'shop';
    expect(() => cluster.apply(m, CI)).toThrow('namespaces "shop" not found');
    cluster.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }, CI);
    expect(cluster.apply(m, CI).outcome).toBe('created');
  });

  it('writes a status through the status subresource only when it changes', () => {
    const { cluster, audit } = makeCluster();
    const cm = { kind: 'ConfigMap', name: 'settings' };
    cluster.apply(configMap('settings', { LOG_LEVEL: 'info' }), CI);
    const ctx = controllerContext('test-controller');
    const records = () => audit.records().filter((r) => r.actor === 'test-controller').length;
    expect(cluster.updateStatus(cm, ctx, { phase: 'Ready', n: 1 })).toBe('configured');
    const stored = cluster.get(cm);
    expect(records()).toBe(1);
    // The same status, keys in another order: nothing written, the stored object is the same one.
    expect(cluster.updateStatus(cm, ctx, { n: 1, phase: 'Ready' })).toBe('unchanged');
    expect(cluster.get(cm)).toBe(stored);
    expect(records()).toBe(1);
    expect(cluster.updateStatus(cm, ctx, { phase: 'Ready', n: 2 })).toBe('configured');
    expect(records()).toBe(2);
    expect(Object.keys(cluster.managedFields(cm))).toEqual([CI.manager]);
  });

  it('does not store anything on a dry run', () => {
    const { cluster, audit } = makeCluster();
    const before = audit.size;
    expect(cluster.apply(deployment(), CI, { dryRun: true }).outcome).toBe('created');
    expect(cluster.get(WEB)).toBeUndefined();
    expect(audit.size).toBe(before);
  });

  it('wipes everything but a fresh default namespace', () => {
    const { cluster } = makeCluster();
    cluster.apply(deployment(), CI);
    cluster.wipe();
    expect(cluster.list().map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Namespace/default',
    ]);
  });
});
