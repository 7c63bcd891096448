import { describe, expect, it } from 'vitest';
import type { KObject } from '../cluster';
import { reconcile } from '../compare/diff';
import { planSync, syncWaveOf, WAVE_DELAY_MS, type PlanOptions, type SyncPlan } from './sync-plan';

function obj(
  kind: string,
  name: string,
  opts: { wave?: string; ns?: string; data?: string } = {},
): KObject {
  const apiVersion = { Deployment: 'apps/v1', Job: 'batch/v1' }[kind] ?? 'v1';
  return {
    apiVersion,
    kind,
    metadata: {
      name,
      ...(opts.ns ? { namespace: opts.ns } : {}),
      ...(opts.wave === undefined
        ? {}
        : { annotations: { 'argocd.argoproj.io/sync-wave': opts.wave } }),
    },
    ...(opts.data === undefined ? {} : { data: { v: opts.data } }),
  };
}

/** The live twin of a manifest (namespace filled in as the API server does). */
const live = (o: KObject): KObject =>
  o.kind === 'Namespace'
    ? o
    : { ...o, metadata: { ...o.metadata, namespace: o.metadata.namespace ?? 'default' } };

function plan(desired: KObject[], liveObjs: KObject[], opts: Partial<PlanOptions> = {}): SyncPlan {
  return planSync(reconcile(desired, liveObjs), {
    prune: false,
    desiredCount: desired.length,
    ...opts,
  });
}

/** `apply 0: Namespace/shop ConfigMap/cfg` per wave. */
const summary = (p: SyncPlan) =>
  p.waves.map(
    (w) => `${w.action} ${w.wave}: ${w.tasks.map((t) => `${t.kind}/${t.name}`).join(' ')}`,
  );

describe('planSync order: phase, wave, kind, name', () => {
  it('orders by wave (negatives first), then Argo kind order, then name; unknown kinds last', () => {
    const p = plan(
      [
        obj('Deployment', 'web'),
        obj('Widget', 'w'),
        obj('Service', 'web'),
        obj('Deployment', 'api'),
        obj('ConfigMap', 'cfg'),
        obj('Job', 'migrate', { wave: '-1' }),
        obj('Namespace', 'shop'),
        obj('Deployment', 'worker', { wave: '2' }),
      ],
      [],
    );
    expect(summary(p)).toEqual([
      'apply -1: Job/migrate',
      'apply 0: Namespace/shop ConfigMap/cfg Service/web Deployment/api Deployment/web Widget/w',
      'apply 2: Deployment/worker',
    ]);
    expect(p.waves[0]!.tasks[0]!.manifest?.metadata.name).toBe('migrate');
  });

  it('moves a Namespace up to the first resource that lives in it, taking its wave', () => {
    const p = plan(
      [obj('Namespace', 'shop', { wave: '1' }), obj('ConfigMap', 'cfg', { ns: 'shop' })],
      [],
    );
    expect(summary(p)).toEqual(['apply 0: Namespace/shop ConfigMap/cfg']);
  });

  it('moves a CustomResourceDefinition up to the first object of the kind it defines', () => {
    const crd: KObject = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: {
        name: 'widgets.example.com',
        annotations: { 'argocd.argoproj.io/sync-wave': '1' },
      },
      spec: { group: 'example.com', names: { kind: 'Widget' } },
    };
    const widget: KObject = {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w' },
    };
    expect(summary(plan([widget, crd, obj('ConfigMap', 'cfg')], []))).toEqual([
      'apply 0: ConfigMap/cfg CustomResourceDefinition/widgets.example.com Widget/w',
    ]);
  });

  it.each<[string | undefined, number, string | undefined]>([
    [undefined, 0, undefined],
    ['3', 3, undefined],
    ['-2', -2, undefined],
    ['+1', 1, undefined],
    ['two', 0, 'two'],
    ['1.5', 0, '1.5'],
    ['', 0, ''],
  ])('sync-wave %j -> wave %d', (text, wave, invalid) => {
    const w = syncWaveOf(obj('ConfigMap', 'c', text === undefined ? {} : { wave: text }));
    expect(w).toEqual(invalid === undefined ? { wave } : { wave, invalid });
  });

  it('puts a resource with a non-integer wave in wave 0, as Argo CD does, and says so', () => {
    const p = plan(
      [obj('ConfigMap', 'a', { wave: 'first' }), obj('ConfigMap', 'b', { wave: '-1' })],
      [],
    );
    expect(p.refused).toBeUndefined();
    expect(summary(p)).toEqual(['apply -1: ConfigMap/b', 'apply 0: ConfigMap/a']);
    expect(p.warnings).toEqual([
      {
        code: 'InvalidSyncWave',
        key: 'ConfigMap/default/a',
        message: 'ConfigMap/default/a: sync-wave "first" is not an integer; Argo CD uses wave 0',
      },
    ]);
  });

  it('exports the 2 s pause between waves', () => {
    expect(WAVE_DELAY_MS).toBe(2000);
  });
});

describe('planSync: what is applied and what is pruned', () => {
  const synced = obj('ConfigMap', 'same', { data: '1' });
  const changed = obj('ConfigMap', 'changed', { data: 'new' });
  const liveNow = [live(synced), live(obj('ConfigMap', 'changed', { data: 'old' }))];
  const orphans = [
    live(obj('ConfigMap', 'early', { wave: '-1' })),
    live(obj('Deployment', 'late', { wave: '2' })),
    live(obj('Service', 'mid')),
  ];

  it('applies every desired resource in a full sync, the Synced ones too', () => {
    expect(summary(plan([synced, changed], liveNow))).toEqual([
      'apply 0: ConfigMap/changed ConfigMap/same',
    ]);
  });

  it('applies only the resources that are not Synced in a selective sync (self-heal)', () => {
    expect(summary(plan([synced, changed], liveNow, { selective: true }))).toEqual([
      'apply 0: ConfigMap/changed',
    ]);
  });

  it('plans nothing for a selective sync of a Synced app', () => {
    expect(plan([synced], [live(synced)], { selective: true }).waves).toEqual([]);
  });

  it('prunes after every apply wave, highest original wave first', () => {
    const p = plan([synced, changed], [...liveNow, ...orphans], { prune: true });
    expect(summary(p)).toEqual([
      'apply 0: ConfigMap/changed ConfigMap/same',
      'prune 2: Deployment/late',
      'prune 0: Service/mid',
      'prune -1: ConfigMap/early',
    ]);
    expect(p.waves.at(-1)!.tasks[0]!.manifest).toBeUndefined();
    expect(p.skippedPrune).toEqual([]);
  });

  it('leaves extras in skippedPrune when prune is off', () => {
    const p = plan([synced], [live(synced), ...orphans]);
    expect(summary(p)).toEqual(['apply 0: ConfigMap/same']);
    expect(p.skippedPrune.map((r) => r.key)).toEqual([
      'ConfigMap/default/early',
      'Service/default/mid',
      'Deployment/default/late',
    ]);
  });

  it.each<[string, Partial<PlanOptions>, string[], boolean]>([
    ['prune without allowEmpty is refused', { prune: true }, [], true],
    [
      'allowEmpty lets it prune everything',
      { prune: true, allowEmpty: true },
      ['prune 2: Deployment/late', 'prune 0: Service/mid', 'prune -1: ConfigMap/early'],
      false,
    ],
    ['prune off is not refused (nothing would be deleted)', { prune: false }, [], false],
  ])('an empty Git folder: %s', (_, opts, waves, refused) => {
    const p = plan([], orphans, { revision: 'abc1234', ...opts });
    expect(summary(p)).toEqual(waves);
    if (refused)
      expect(p.refused).toEqual({
        code: 'E_WOULD_PRUNE_ALL',
        message: 'Skipping sync attempt to abc1234: auto-sync will wipe out all resources',
      });
    else expect(p.refused).toBeUndefined();
  });
});
