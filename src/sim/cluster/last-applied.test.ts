import { describe, expect, it } from 'vitest';
import { maskObject, ops } from '.';
import { LAST_APPLIED } from './last-applied';
import { CI, configMap, deployment, makeCluster, PERSON } from './testing/fixtures';

// REFERENCE.md "Apply semantics both lanes share": a client-side apply is a three-way merge through
// the last-applied-configuration annotation; what someone else added survives.
const CM = { kind: 'ConfigMap', name: 'settings' };
const WEB = { kind: 'Deployment', name: 'web' };
const recorded = (obj: { metadata: { annotations?: Record<string, string> } } | undefined) =>
  obj?.metadata.annotations?.[LAST_APPLIED];

describe('the last-applied-configuration annotation', () => {
  it('records the applied manifest as kubectl does: compact sorted JSON, without itself', () => {
    const { cluster } = makeCluster();
    cluster.apply(configMap('settings', { b: '2', a: '1' }), CI);
    expect(recorded(cluster.get(CM))).toBe(
      '{"apiVersion":"v1","data":{"a":"1","b":"2"},"kind":"ConfigMap","metadata":{"name":"settings"}}\n',
    );
    const again = configMap('settings', { a: '1' });
    again.metadata.annotations = { team: 'web', [LAST_APPLIED]: 'stale' };
    cluster.apply(again, CI);
    expect(JSON.parse(recorded(cluster.get(CM))!)).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', annotations: { team: 'web' } },
      data: { a: '1' },
    });
  });

  it('is not written by a server-side apply (kubectl apply --server-side)', () => {
    const { cluster } = makeCluster();
    cluster.apply(configMap('settings', { a: '1' }), { ...CI, manager: 'kubectl' });
    expect(recorded(cluster.get(CM))).toBeUndefined();
  });

  it('deletes a ConfigMap key and an env var that the new manifest no longer sets', () => {
    const { cluster } = makeCluster();
    cluster.apply(configMap('settings', { a: '1', b: '2' }), CI);
    cluster.apply(deployment({ env: { MODE: 'fast', DEBUG: '1' } }), CI);
    cluster.apply(configMap('settings', { a: '1' }), CI);
    cluster.apply(deployment({ env: { MODE: 'fast' } }), CI);
    expect(cluster.get(CM)?.data).toEqual({ a: '1' });
    const env = (
      cluster.get(WEB)?.spec as { template: { spec: { containers: { env: unknown[] }[] } } }
    ).template.spec.containers[0]!.env;
    expect(env).toEqual([{ name: 'MODE', value: 'fast' }]);
  });

  it('keeps what nobody applied: a kubectl label and a rollout restart survive a re-apply', () => {
    const { cluster } = makeCluster();
    cluster.apply(deployment(), CI);
    ops.setMetadata(cluster, WEB, 'labels', { owner: 'bob' }, false, PERSON);
    ops.rolloutRestart(cluster, WEB, PERSON);
    cluster.apply(deployment({ image: 'web:2.0' }), CI);
    const live = cluster.get(WEB)!;
    expect(live.metadata.labels).toEqual({ owner: 'bob' });
    const template = (live.spec as { template: { metadata: { annotations?: object } } }).template;
    expect(template.metadata.annotations).toHaveProperty(['kubectl.kubernetes.io/restartedAt']);
  });

  it('deletes nothing when the live object has no last-applied (created another way)', () => {
    const { cluster } = makeCluster();
    cluster.apply(configMap('settings', { a: '1', b: '2' }), { ...CI, manager: 'kubectl' });
    cluster.apply(configMap('settings', { a: '1' }), CI);
    expect(cluster.get(CM)?.data).toEqual({ a: '1', b: '2' });
  });

  it('is masked in a Secret’s view: it holds the stringData as Git wrote it', () => {
    const { cluster } = makeCluster();
    cluster.apply(
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, stringData: { pw: 'hunter2' } },
      CI,
    );
    const live = cluster.get({ kind: 'Secret', name: 'db' })!;
    expect(recorded(live)).toContain('hunter2');
    expect(recorded(maskObject(live))).not.toContain('hunter2');
    expect(JSON.parse(recorded(maskObject(live))!)).toMatchObject({ stringData: { pw: '******' } });
  });
});
