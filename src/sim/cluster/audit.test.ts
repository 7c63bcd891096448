import { describe, expect, it } from 'vitest';
import { ops } from '.';
import { MASK, maskObject } from './secret';
import { CI, deployment, hpa, makeCluster, PERSON } from './testing/fixtures';
import type { KObject } from './object';

describe('audit completeness', () => {
  it('every mutation of the store produces exactly one record, and every record one mutation', async () => {
    const { cluster, clock, audit } = makeCluster({ images: { 'web:bad': { crash: true } } });
    // WARNING: reaches into the private store on purpose: the test must see every write, including
    // the ones no public method reports.
    const store = (cluster as unknown as { objects: Map<string, KObject> }).objects;
    const writes: string[] = [];
    const set = store.set.bind(store);
    const del = store.delete.bind(store);
    const clear = store.clear.bind(store);
    store.set = (key, value) => {
      writes.push(`${store.has(key) ? 'update' : 'create'} ${key}`);
      return set(key, value);
    };
    store.delete = (key) => {
      if (store.has(key)) writes.push(`delete ${key}`);
      return del(key);
    };
    store.clear = () => {
      writes.push('delete *');
      clear();
    };
    const start = audit.size;

    cluster.apply(deployment({ replicas: 3 }), CI);
    cluster.apply(
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { a: '1' } },
      CI,
    );
    await clock.advanceBy(20_000);
    ops.scale(cluster, { kind: 'Deployment', name: 'web' }, 5, PERSON);
    ops.setImage(cluster, { kind: 'Deployment', name: 'web' }, { web: 'web:bad' }, PERSON);
    await clock.advanceBy(60_000);
    ops.rolloutUndo(cluster, { kind: 'Deployment', name: 'web' }, PERSON);
    ops.setMetadata(
      cluster,
      { kind: 'ConfigMap', name: 'cfg' },
      'labels',
      { team: 'a' },
      false,
      PERSON,
    );
    expect(() =>
      cluster.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'BAD' } }, CI),
    ).toThrow();
    await clock.advanceBy(60_000);
    cluster.delete(
      { kind: 'Deployment', name: 'web' },
      { ...CI, actor: 'alice', channel: 'kubectl' },
    );
    await clock.flush();
    cluster.wipe();

    const recorded = audit
      .records()
      .slice(start)
      .filter((r) => r.verb !== 'refuse')
      .map((r) => `${r.verb} ${r.object}`);
    // `wipe` clears the store, then bootstraps a default namespace
    expect(recorded).toEqual(writes);
    expect(writes.length).toBeGreaterThan(40);
    expect(
      audit
        .records()
        .slice(start)
        .filter((r) => r.verb === 'refuse'),
    ).toHaveLength(1);
  });

  it('records who, through which channel, from which revision, with field-level before/after', () => {
    const { cluster, audit } = makeCluster();
    cluster.apply(deployment({ replicas: 3 }), CI);
    ops.scale(cluster, { kind: 'Deployment', name: 'web' }, 5, PERSON);
    const last = audit.records().at(-1)!;
    expect(last).toMatchObject({
      cluster: 'devops',
      actor: 'alice',
      channel: 'kubectl',
      verb: 'update',
      object: 'Deployment/default/web',
      revision: null,
    });
    expect(last.changes).toContainEqual({ path: 'spec.replicas', before: 3, after: 5 });
    const created = audit
      .records()
      .find((r) => r.verb === 'create' && r.object === 'Deployment/default/web')!;
    expect(created).toMatchObject({ actor: 'ci-bot', channel: 'pipeline', revision: 'c0ffee' });
  });
});

describe('who a write is credited to', () => {
  const WEB = { kind: 'Deployment', name: 'web' };
  const CONTROLLERS = new Set([
    'deployment-controller',
    'replicaset-controller',
    'kubelet',
    'horizontal-pod-autoscaler',
    'garbage-collector',
  ]);

  it('controller writes (ReplicaSets, Pods, statuses, HPA scaling) go through the controller channel as a controller; CI and user writes do not', async () => {
    const { cluster, clock, audit } = makeCluster();
    const start = audit.size;
    cluster.apply(deployment({ replicas: 1 }), CI);
    cluster.apply(hpa(3, 5), CI);
    await clock.advanceBy(60_000);
    ops.setImage(cluster, WEB, { web: 'web:2.0' }, PERSON);
    await clock.advanceBy(120_000);
    cluster.delete(WEB, { ...CI, actor: 'alice', channel: 'kubectl', revision: null });
    const records = audit.records().slice(start);

    const byControllers = records.filter((r) => r.channel === 'controller');
    expect(byControllers.length).toBeGreaterThan(20);
    expect(byControllers.filter((r) => !CONTROLLERS.has(r.actor))).toEqual([]);
    // ReplicaSets and Pods are made, scaled, run and removed by controllers only.
    const owned = records.filter((r) => /^(ReplicaSet|Pod)\//.test(r.object));
    expect(owned.filter((r) => r.channel !== 'controller')).toEqual([]);
    const creators = (kind: string) =>
      new Set(
        owned.filter((r) => r.verb === 'create' && r.object.startsWith(kind)).map((r) => r.actor),
      );
    expect(creators('ReplicaSet/')).toEqual(new Set(['deployment-controller']));
    expect(creators('Pod/')).toEqual(new Set(['replicaset-controller']));
    expect(owned.some((r) => r.verb === 'delete' && r.actor === 'garbage-collector')).toBe(true);
    // Status writes, whoever's object it is, are the controllers' own.
    const statusOnly = records.filter(
      (r) =>
        r.verb === 'update' &&
        r.changes.length > 0 &&
        r.changes.every((c) => c.path.startsWith('status')),
    );
    expect(statusOnly.filter((r) => r.channel !== 'controller')).toEqual([]);
    expect(new Set(statusOnly.map((r) => r.actor))).toEqual(
      new Set([
        'deployment-controller',
        'replicaset-controller',
        'kubelet',
        'horizontal-pod-autoscaler',
      ]),
    );
    // The HPA scales the Deployment CI applied with one replica: its write, not CI's.
    expect(records).toContainEqual(
      expect.objectContaining({
        actor: 'horizontal-pod-autoscaler',
        channel: 'controller',
        verb: 'update',
        object: 'Deployment/default/web',
        changes: expect.arrayContaining([
          { path: 'spec.replicas', before: 1, after: 3 },
        ]) as unknown,
      }),
    );
    // What CI and alice did is credited to them, through their channels, and to nothing else.
    expect(
      records
        .filter((r) => r.channel !== 'controller')
        .map((r) => `${r.actor} ${r.channel} ${r.verb} ${r.object}`),
    ).toEqual([
      'ci-bot pipeline create Deployment/default/web',
      'ci-bot pipeline create HorizontalPodAutoscaler/default/web',
      'alice kubectl update Deployment/default/web',
      'alice kubectl delete Deployment/default/web',
    ]);
  });
});

describe('Secrets', () => {
  it('never appear unmasked in the audit trail or a masked view', () => {
    const { cluster, audit } = makeCluster();
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db' },
      stringData: { password: 'hunter2' },
    };
    cluster.apply(secret, CI);
    cluster.apply({ ...secret, stringData: { password: 'correct-horse' } }, CI);
    const trail = JSON.stringify(audit.records());
    for (const plain of ['hunter2', 'correct-horse']) {
      expect(trail).not.toContain(plain);
      expect(trail).not.toContain(btoa(plain));
    }
    const change = audit
      .records()
      .at(-1)!
      .changes.find((c) => c.path === 'data.password')!;
    expect(change.before).toMatch(/^hash:[0-9a-f]{8}$/);
    expect(change.before).not.toBe(change.after);
    const view = maskObject(cluster.get({ kind: 'Secret', name: 'db' })!);
    expect(view.data).toEqual({ password: MASK });
    expect(JSON.stringify(view)).not.toContain(btoa('correct-horse'));
  });
});
