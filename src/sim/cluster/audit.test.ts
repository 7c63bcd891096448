import { describe, expect, it } from 'vitest';
import { ops } from '.';
import { MASK, maskObject } from './secret';
import { CI, deployment, makeCluster, PERSON } from './testing/fixtures';
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
