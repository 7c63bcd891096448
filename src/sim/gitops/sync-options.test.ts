// Argo CD's sync options, per resource (the `argocd.argoproj.io/sync-options` annotation) and per
// app (the lane's `syncOptions`), as REFERENCE.md (pull lane, "per-resource sync options") and
// argo-cd docs/user-guide/sync-options.md describe them.
import '../../platform/node';
import { describe, expect, it } from 'vitest';
import { LAST_APPLIED, ops } from '../cluster';
import { STARTER_FILES } from '../starter-repo';
import { laneWorld } from '../testing/lane-world';
import { GitopsLane } from './lane';
import type { GitopsOptions } from './options';
import { NO_SYNC_OPTIONS, type SyncOptions } from './sync-options';

const WEB = { kind: 'Deployment', name: 'web' };
const CONFIG = { kind: 'ConfigMap', name: 'web-config' };
const CONFIG_FILE = 'apps/web/configmap.yaml';
const DEPLOY = 'apps/web/deployment.yaml';

/** The starter ConfigMap with the sync-options annotation (none when `options` is empty). */
const configWith = (options: string, data = 'GREETING: hello') =>
  `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
${options ? `  annotations:\n    argocd.argoproj.io/sync-options: "${options}"\n` : ''}data:
  ${data}
`;

async function setup(
  options: Partial<GitopsOptions> = {},
  files: Record<string, string> = {},
  syncOptions: Partial<SyncOptions> = {},
) {
  const world = await laneWorld('gitops', { files });
  const lane = new GitopsLane({
    ...world.laneDeps,
    options: { ...options, syncOptions: { ...NO_SYNC_OPTIONS, ...syncOptions } },
  });
  await world.clock.advanceBy(60_000);
  /** Commits, then has the reconciler see it at once (as a refresh does) and finish its sync. */
  const commitAndSync = async (write: Record<string, string>, remove: string[] = []) => {
    await world.commit('change', write, remove);
    lane.refresh();
    await world.clock.advanceBy(30_000);
  };
  return { ...world, lane, app: lane.apps[0]!, commitAndSync };
}

const annotations = (obj: { metadata: { annotations?: Record<string, string> } } | undefined) =>
  obj?.metadata.annotations ?? {};

describe('Argo CD per-resource sync options (argocd.argoproj.io/sync-options)', () => {
  it('Prune=false: a resource removed from Git is never pruned; the app stays OutOfSync and the resource requires pruning', async () => {
    // REFERENCE.md: "`Prune=false` (never pruned; the app stays OutOfSync)"; gitops-engine
    // pruneObject: "ignored (no prune)".
    const { cluster, app, commitAndSync } = await setup(
      { prune: true },
      { [CONFIG_FILE]: configWith('Prune=false') },
    );
    expect(cluster.get(CONFIG)).toBeDefined();
    await commitAndSync({}, [CONFIG_FILE]);
    expect(cluster.get(CONFIG)).toBeDefined();
    expect(app.sync).toBe('OutOfSync');
    const r = app.resources.find((x) => x.kind === 'ConfigMap')!;
    expect(r).toMatchObject({ status: 'OutOfSync', requiresPruning: true });
  });

  it('without Prune=false the same removal is pruned (prune on)', async () => {
    const { cluster, app, commitAndSync } = await setup({ prune: true });
    await commitAndSync({}, [CONFIG_FILE]);
    expect(cluster.get(CONFIG)).toBeUndefined();
    expect(app.sync).toBe('Synced');
  });

  it('Delete=false does not stop a prune: it only keeps the object when its Application is deleted', async () => {
    // argo-cd controller shouldBeDeleted: SyncOptionDisableDeletion is read on cascade deletion.
    const { cluster, commitAndSync } = await setup(
      { prune: true },
      { [CONFIG_FILE]: configWith('Delete=false') },
    );
    await commitAndSync({}, [CONFIG_FILE]);
    expect(cluster.get(CONFIG)).toBeUndefined();
  });

  it.each([
    ['apply (default): a live annotation nobody applied survives the sync', '', true, true],
    [
      'Replace=true: kubectl replace drops it, and keeps no last-applied',
      'Replace=true',
      false,
      false,
    ],
    [
      'ServerSideApply=true: field ownership keeps it, and no last-applied is written',
      'ServerSideApply=true',
      true,
      false,
    ],
  ])('%s', async (_name, option, keptAnnotation, hasLastApplied) => {
    // docs "Replace Resource Instead Of Applying Changes" and "Server-Side Apply".
    const { cluster, commitAndSync } = await setup({}, { [CONFIG_FILE]: configWith(option) });
    ops.setMetadata(cluster, CONFIG, 'annotations', { 'team/owner': 'bob' }, false, {
      actor: 'bob',
    });
    await commitAndSync({ [CONFIG_FILE]: configWith(option, 'GREETING: hi') });
    const live = cluster.get(CONFIG)!;
    expect((live.data as Record<string, string>).GREETING).toBe('hi');
    expect('team/owner' in annotations(live)).toBe(keptAnnotation);
    expect(LAST_APPLIED in annotations(live)).toBe(hasLastApplied);
  });

  it('ServerSideApply=true applies as the field manager argocd-controller', async () => {
    const { cluster } = await setup({}, { [CONFIG_FILE]: configWith('ServerSideApply=true') });
    expect(Object.keys(cluster.managedFields(CONFIG))).toContain('argocd-controller');
    expect(LAST_APPLIED in annotations(cluster.get(CONFIG))).toBe(false);
  });
});

describe('Argo CD app-level sync options (spec.syncPolicy.syncOptions)', () => {
  it.each([
    ['ServerSideApply', { ServerSideApply: true }, false],
    ['Replace', { Replace: true }, false],
    ['none', {}, true],
  ] as const)(
    '%s on the app: the last-applied annotation is written: %s',
    async (_name, syncOptions, hasLastApplied) => {
      const { cluster } = await setup({}, {}, syncOptions);
      expect(LAST_APPLIED in annotations(cluster.get(WEB))).toBe(hasLastApplied);
    },
  );

  it('a resource annotation ServerSideApply=false overrides the app option', async () => {
    const { cluster } = await setup(
      {},
      { [CONFIG_FILE]: configWith('ServerSideApply=false') },
      { ServerSideApply: true },
    );
    expect(LAST_APPLIED in annotations(cluster.get(CONFIG))).toBe(true);
    expect(LAST_APPLIED in annotations(cluster.get(WEB))).toBe(false);
  });

  it.each([
    [false, ['prune', 'apply', 'apply', 'apply'], 'in the first wave, before its applies'],
    [true, ['apply', 'apply', 'apply', 'prune'], 'after every apply'],
  ])('PruneLast %s: a prune runs %s', async (PruneLast, order) => {
    // gitops-engine sync_context.go: prune first within a wave; PruneLast: a final wave.
    const extra = configWith('').replace('web-config', 'old-config');
    const { lane, commitAndSync } = await setup(
      { prune: true },
      { 'apps/web/old.yaml': extra },
      { PruneLast },
    );
    await commitAndSync(
      { [DEPLOY]: STARTER_FILES[DEPLOY]!.replace('replicas: 3', 'replicas: 4') },
      ['apps/web/old.yaml'],
    );
    const results = lane.apps[0]!.operation!.results;
    expect(results.map((r) => r.action)).toEqual(order);
  });

  it.each([
    [true, 1],
    [false, 3],
  ])('ApplyOutOfSyncOnly %s: a sync applies %i resources', async (ApplyOutOfSyncOnly, applied) => {
    // docs "Apply Resources OutOfSync Only": "will sync only out-of-sync resources".
    const { lane, app, commitAndSync } = await setup({}, {}, { ApplyOutOfSyncOnly });
    await commitAndSync({
      [DEPLOY]: STARTER_FILES[DEPLOY]!.replace('replicas: 3', 'replicas: 4'),
    });
    expect(app.operation?.phase).toBe('Succeeded');
    expect(lane.apps[0]!.operation!.results).toHaveLength(applied);
    // Unlike a selective sync, it is recorded in the history.
    expect(app.history).toHaveLength(2);
  });

  it.each([
    [true, 5],
    [false, 3],
  ])(
    'RespectIgnoreDifferences %s: an ignored field keeps its live value at sync (replicas %i)',
    async (RespectIgnoreDifferences, replicas) => {
      // docs "Respect ignore differences configs": the desired state is pre-patched.
      const { cluster, commitAndSync } = await setup(
        {
          ignoreDifferences: [
            { group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] },
          ],
        },
        {},
        { RespectIgnoreDifferences },
      );
      ops.scale(cluster, WEB, 5, { actor: 'hpa' });
      await commitAndSync({ [DEPLOY]: STARTER_FILES[DEPLOY]!.replace('web:1.0', 'web:2.0') });
      const spec = cluster.get(WEB)!.spec as {
        replicas: number;
        template: { spec: { containers: { image: string }[] } };
      };
      expect(spec.template.spec.containers[0]!.image).toBe('web:2.0');
      expect(spec.replicas).toBe(replicas);
    },
  );

  it.each([
    [true, 'Succeeded', true],
    [false, 'Failed', false],
  ])(
    'CreateNamespace %s: a sync into a missing namespace is %s',
    async (CreateNamespace, phase, created) => {
      // docs "Create Namespace": without it "the Application will fail to sync if the namespace
      // doesn't exist". The created namespace is not tracked, so it is never pruned.
      const shop = configWith('').replace(
        'name: web-config',
        'name: shop-config\n  namespace: shop',
      );
      const { cluster, app } = await setup(
        { prune: true },
        { 'apps/web/shop.yaml': shop },
        { CreateNamespace },
      );
      expect(app.operation?.phase).toBe(phase);
      expect(cluster.get({ kind: 'Namespace', name: 'shop' }) !== undefined).toBe(created);
      expect(
        cluster.get({ kind: 'ConfigMap', name: 'shop-config', namespace: 'shop' }) !== undefined,
      ).toBe(created);
    },
  );
});
