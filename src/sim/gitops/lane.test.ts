import '../../platform/node';
import { describe, expect, it } from 'vitest';
import { Cluster, ops } from '../cluster';
import { STARTER_FILES } from '../starter-repo';
import { laneWorld } from '../testing/lane-world';
import { GitopsLane } from './lane';
import type { GitopsOptions } from './options';

const WEB = { kind: 'Deployment', name: 'web' };
const DEPLOY = 'apps/web/deployment.yaml';

async function setup(options: Partial<GitopsOptions> = {}, images = {}) {
  const world = await laneWorld('gitops', { images });
  const lane = new GitopsLane({ ...world.laneDeps, options });
  await world.clock.advanceBy(60_000);
  return { ...world, lane, app: lane.apps[0]! };
}

const replicas = (cluster: Cluster) => (cluster.get(WEB)?.spec as { replicas: number }).replicas;
const image = (cluster: Cluster) =>
  (cluster.get(WEB)?.spec as { template: { spec: { containers: { image: string }[] } } }).template
    .spec.containers[0]!.image;
const withImage = (tag: string) => ({ [DEPLOY]: STARTER_FILES[DEPLOY]!.replace('web:1.0', tag) });

describe('GitOps lane (pull reconciler), argo flavour', () => {
  it('deploys the first commit at start and reports Synced and Healthy', async () => {
    const { app, cluster, lane } = await setup();
    expect(app.sync).toBe('Synced');
    expect(app.health).toBe('Healthy');
    // The diagram marks the last transition: the watch saw the sync's writes, the comparison
    // found nothing to do, and the controller went idle.
    expect(lane.lastTransition).toEqual({
      from: 'comparing',
      to: 'idle',
      event: 'xstate.done.actor.0.reconciler.comparing',
    });
    expect(replicas(cluster)).toBe(3);
    expect(app.history).toHaveLength(1);
    expect(lane.state).toBe('idle');
    expect(app.history[0]!.initiatedBy).toEqual({
      username: 'automated sync policy',
      automated: true,
    });
  });

  it('picks a new commit up at the next poll: 120 s + seeded jitter after the last reconciliation', async () => {
    const { clock, app, cluster, commit, lane } = await setup();
    const pollAt = lane.nextPoll;
    expect(pollAt - (app.reconciledAt ?? 0)).toBeGreaterThanOrEqual(120_000);
    expect(pollAt - (app.reconciledAt ?? 0)).toBeLessThanOrEqual(180_000);
    await commit('v2', withImage('web:2.0'));
    await clock.advanceTo(pollAt - 1);
    expect(image(cluster)).toBe('web:1.0');
    await clock.advanceTo(pollAt + 1);
    expect(image(cluster)).toBe('web:2.0');
  });

  it('a refresh picks a commit up at once and restarts the poll wait', async () => {
    const { clock, cluster, commit, lane } = await setup();
    await commit('v2', withImage('web:2.0'));
    lane.refresh();
    await clock.advanceBy(5_000);
    expect(image(cluster)).toBe('web:2.0');
    expect(lane.nextPoll).toBeGreaterThan(clock.now() + 100_000);
  });

  it.each([
    [false, 'OutOfSync', 5],
    [true, 'Synced', 3],
  ] as const)(
    'selfHeal %s: kubectl scale is noticed at once; status %s, replicas %i',
    async (selfHeal, sync, expected) => {
      const { clock, app, cluster } = await setup({ selfHeal });
      ops.scale(cluster, WEB, 5, { actor: 'bob' });
      await clock.advanceBy(3_000);
      expect(app.sync).toBe(sync);
      expect(replicas(cluster)).toBe(expected);
      await clock.advanceBy(3_600_000);
      expect(replicas(cluster)).toBe(expected);
    },
  );

  it('backs self-heal off 0, 2, 6, 18 s for repeated drift at one revision', async () => {
    const { clock, cluster, audit } = await setup({ selfHeal: true });
    const heals: number[] = [];
    const detections: number[] = [];
    audit.subscribe((r) => {
      if (r.verb === 'deploy-started' && r.message?.includes('self-heal')) heals.push(r.t);
      if (r.verb === 'status' && r.message?.endsWith('-> OutOfSync')) detections.push(r.t);
    });
    // Drift again as soon as a heal has put it right. The first heal follows the detection at
    // once; each later one waits its backoff after the heal before it.
    const drift = async () => {
      ops.scale(cluster, WEB, 7, { actor: 'bob' });
      for (let i = 0; i < 400 && replicas(cluster) !== 3; i++) await clock.advanceBy(100);
      return heals.length === 1 ? heals[0]! - detections[0]! : heals.at(-1)! - heals.at(-2)!;
    };
    const delays = [await drift(), await drift(), await drift(), await drift()];
    expect(delays.map((d) => Math.round(d / 1000))).toEqual([0, 2, 6, 18]);
  });

  it('prune off leaves an orphan (OutOfSync, no loop); prune on removes it', async () => {
    const { clock, app, cluster, commit, lane, audit } = await setup();
    await commit('drop config', {}, ['apps/web/configmap.yaml']);
    lane.refresh();
    await clock.advanceBy(10_000);
    expect(cluster.get({ kind: 'ConfigMap', name: 'web-config' })).toBeDefined();
    expect(app.sync).toBe('OutOfSync');
    expect(app.policy).toMatch(
      /need to prune extra resources only but automated prune is disabled/,
    );
    const syncs = audit.records().filter((r) => r.verb === 'deploy-started').length;
    await clock.advanceBy(1_800_000);
    expect(audit.records().filter((r) => r.verb === 'deploy-started').length).toBe(syncs);
    lane.setOption('prune', true);
    await clock.advanceBy(10_000);
    expect(cluster.get({ kind: 'ConfigMap', name: 'web-config' })).toBeUndefined();
    expect(app.sync).toBe('Synced');
  });

  // REFERENCE.md "Automated sync": with no `retry` option an automated sync still retries a failed
  // sync 5 times, 5 s, 10 s, 20 s, 40 s, 80 s apart; once that operation has failed, no new
  // auto-sync starts for the same SHA ("Failed last sync attempt to ...").
  it('retries a failed automated sync 5 times (5, 10, 20, 40, 80 s apart), then leaves that revision alone', async () => {
    const { clock, app, commit, lane, audit, cluster } = await setup();
    await commit('bad replicas', {
      [DEPLOY]: STARTER_FILES[DEPLOY]!.replace('replicas: 3', 'replicas: -1'),
    });
    lane.refresh();
    await clock.advanceBy(2_000);
    expect(app.operation?.phase).toBe('Failed');
    expect(app.operation?.message).toMatch(/spec.replicas: Invalid value: -1/);
    expect(app.policy).toBe('waiting for the retry backoff (attempt #1)');
    expect(lane.notifications.map((n) => n.trigger)).toContain('on-sync-failed');
    await clock.advanceBy(1_800_000);
    const failed = audit.records().filter((r) => r.verb === 'deploy-failed');
    expect(failed.map((r) => r.operation?.trigger)).toEqual([
      'auto',
      'retry',
      'retry',
      'retry',
      'retry',
      'retry',
    ]);
    const gaps = failed.slice(1).map((r, i) => r.t - failed[i]!.t);
    expect(gaps).toEqual([5_000, 10_000, 20_000, 40_000, 80_000]);
    expect(replicas(cluster)).toBe(3);
    expect(app.policy).toMatch(/^Failed last sync attempt to/);
  });

  // REFERENCE.md "Automated sync": the allowEmpty guard is a condition set before any operation
  // starts ("auto-sync will wipe out all resources"), not a failed sync; once allowEmpty is on,
  // the next auto-sync prunes.
  it('guards against pruning everything with a SyncError condition, then prunes once allowEmpty is on', async () => {
    const { clock, app, commit, lane, audit, cluster } = await setup({ prune: true });
    const started = () => audit.records().filter((r) => r.verb === 'deploy-started').length;
    const before = started();
    await commit(
      'web: retire the app',
      { 'apps/web/README.md': 'retired\n' },
      Object.keys(STARTER_FILES),
    );
    lane.refresh();
    await clock.advanceBy(10_000);
    expect(app.sync).toBe('OutOfSync');
    expect(app.conditions).toEqual([
      { type: 'SyncError', message: 'auto-sync will wipe out all resources' },
    ]);
    expect(started()).toBe(before);
    expect(audit.records().some((r) => r.verb === 'deploy-failed')).toBe(false);
    expect(cluster.get(WEB)).toBeDefined();
    lane.setOption('allowEmpty', true);
    await clock.advanceBy(10_000);
    expect(cluster.get(WEB)).toBeUndefined();
    expect(app.conditions).toEqual([]);
    expect(started()).toBe(before + 1);
  });

  it('does not retry a failed manual sync, nor auto-sync its revision again', async () => {
    const { clock, app, commit, lane, audit } = await setup({ automated: false });
    await commit('bad replicas', {
      [DEPLOY]: STARTER_FILES[DEPLOY]!.replace('replicas: 3', 'replicas: -1'),
    });
    lane.sync('alice');
    await clock.advanceBy(2_000);
    lane.setOption('automated', true);
    await clock.advanceBy(1_800_000);
    expect(audit.records().filter((r) => r.verb === 'deploy-failed')).toHaveLength(1);
    expect(app.policy).toMatch(/^Failed last sync attempt to/);
  });

  it('refuses a history rollback while auto-sync is on; with auto-sync off it deploys the older revision and stays OutOfSync', async () => {
    const { clock, app, commit, lane, cluster } = await setup();
    await commit('v2', withImage('web:2.0'));
    lane.refresh();
    await clock.advanceBy(60_000);
    expect(app.history).toHaveLength(2);
    expect(() => lane.rollback('carol')).toThrow(
      expect.objectContaining({ code: 'E_ROLLBACK_AUTOSYNC' }),
    );
    lane.rollback('carol', { disableAutoSync: true });
    await clock.advanceBy(60_000);
    expect(lane.options.automated).toBe(false);
    expect(image(cluster)).toBe('web:1.0');
    expect(app.sync).toBe('OutOfSync');
    await clock.advanceBy(3_600_000);
    expect(image(cluster)).toBe('web:1.0');
  });

  it('git unreachable: sync status Unknown, last state kept; recovers', async () => {
    const { clock, app, lane, cluster } = await setup();
    lane.gitUnreachable(clock.now() + 600_000);
    lane.refresh();
    await clock.advanceBy(5_000);
    expect(app.sync).toBe('Unknown');
    expect(app.conditions[0]?.type).toBe('ComparisonError');
    expect(replicas(cluster)).toBe(3);
    await clock.advanceBy(800_000);
    expect(app.sync).toBe('Synced');
  });

  it('reconciler down: drift and commits wait until it is back', async () => {
    const { clock, lane, cluster, commit } = await setup({ selfHeal: true });
    lane.reconcilerDown(clock.now() + 600_000);
    ops.scale(cluster, WEB, 5, { actor: 'bob' });
    await commit('v2', withImage('web:2.0'));
    await clock.advanceBy(590_000);
    expect(lane.state).toBe('down');
    expect(replicas(cluster)).toBe(5);
    await clock.advanceBy(30_000);
    expect(replicas(cluster)).toBe(3);
    expect(image(cluster)).toBe('web:2.0');
  });

  it('ignoreDifferences settles the HPA fight over spec.replicas', async () => {
    const hpa = `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  minReplicas: 4\n  maxReplicas: 6\n`;
    for (const [ignore, expectFight] of [
      [false, true],
      [true, false],
    ] as const) {
      const { clock, commit, lane, audit, app } = await setup({
        selfHeal: true,
        ...(ignore
          ? {
              ignoreDifferences: [
                { group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] },
              ],
            }
          : {}),
      });
      await commit('hpa', { 'apps/web/hpa.yaml': hpa });
      lane.refresh();
      await clock.advanceBy(600_000);
      const heals = audit
        .records()
        .filter((r) => r.verb === 'deploy-started' && r.message?.includes('self-heal')).length;
      expect(heals > 3).toBe(expectFight);
      if (!expectFight) expect(app.sync).toBe('Synced');
    }
  });
});

// REFERENCE.md "the dry run before a sync": Argo CD's is client-side, so an object the API server
// refuses passes it, fails at apply, and the others of its wave are applied; Flux dry-runs the
// whole set server-side and applies nothing when one object is refused.
describe('the dry run before a sync: a release whose Service port is out of range', () => {
  const release = {
    'apps/web/configmap.yaml': STARTER_FILES['apps/web/configmap.yaml']!.replace('hello', 'hola'),
    ...withImage('web:2.0'),
    'apps/web/service.yaml': STARTER_FILES['apps/web/service.yaml']!.replace(
      'port: 80',
      'port: 80800',
    ),
  };
  const greeting = (cluster: Cluster) =>
    (cluster.get({ kind: 'ConfigMap', name: 'web-config' })?.data as Record<string, string>)
      .GREETING;

  it('Argo CD: passes the client-side dry run, applies the rest of the wave, and reports a partial sync', async () => {
    const { clock, app, commit, lane, cluster } = await setup();
    await commit('web: release with a bad port', release);
    lane.refresh();
    await clock.advanceBy(2_000);
    expect(app.operation?.phase).toBe('Failed');
    expect(app.operation?.message).toMatch(
      /^one or more objects failed to apply, reason: .*spec\.ports\[0\]\.port: Invalid value: 80800/,
    );
    const results = app.operation!.results.map((r) => `${r.key} ${r.ok ? 'ok' : 'failed'}`);
    expect(results).toEqual([
      'ConfigMap/default/web-config ok',
      'Service/default/web failed',
      'Deployment/default/web ok',
    ]);
    expect(greeting(cluster)).toBe('hola');
    expect(image(cluster)).toBe('web:2.0');
  });

  it('Flux: the server-side dry run of the whole set fails, and nothing is applied', async () => {
    const { clock, app, commit, lane, cluster } = await setup({ flavour: 'flux' });
    await commit('web: release with a bad port', release);
    lane.refresh();
    await clock.advanceBy(120_000);
    // fluxcd/pkg ssa DryRunErr: "Service/default/web dry-run failed (Invalid): ...".
    expect(app.operation?.message).toMatch(/^Service\/default\/web dry-run failed \(Invalid\): /);
    expect(greeting(cluster)).toBe('hello');
    expect(image(cluster)).toBe('web:1.0');
  });
});

describe('GitOps lane, flux flavour', () => {
  it('corrects drift only at the apply interval (10m), not at once', async () => {
    const { clock, cluster, app } = await setup({ flavour: 'flux' });
    expect(replicas(cluster)).toBe(3);
    ops.scale(cluster, WEB, 5, { actor: 'bob' });
    await clock.advanceBy(300_000);
    expect(replicas(cluster)).toBe(5);
    expect(app.sync).toBe('Synced');
    await clock.advanceBy(400_000);
    expect(replicas(cluster)).toBe(3);
  });

  it('shows the result of an apply as soon as it is done, not at the next interval', async () => {
    const { clock, commit, app, lane } = await setup({ flavour: 'flux' });
    await commit('v2', withImage('web:2.0'));
    // The source is fetched within a minute; a new revision is applied at once.
    for (let i = 0; i < 120 && app.syncedRevision === app.history[0]!.revision; i++)
      await clock.advanceBy(1_000);
    expect(app.history).toHaveLength(2);
    await clock.advanceBy(1_000);
    expect(lane.state).toBe('idle');
    expect(app.sync).toBe('Synced');
    const web = app.resources.find((r) => r.kind === 'Deployment')!;
    expect(web.status).toBe('Synced');
    expect(app.resources.every((r) => r.status === 'Synced')).toBe(true);
  });

  it('blocks the whole set when one object is invalid (dry-run first)', async () => {
    const { clock, cluster, commit, app } = await setup({ flavour: 'flux' });
    await commit('two changes', {
      'apps/web/configmap.yaml': STARTER_FILES['apps/web/configmap.yaml']!.replace('info', 'debug'),
      [DEPLOY]: STARTER_FILES[DEPLOY]!.replace('replicas: 3', 'replicas: -2'),
    });
    await clock.advanceBy(120_000);
    expect(app.operation?.phase).toBe('Failed');
    expect(cluster.get({ kind: 'ConfigMap', name: 'web-config' })?.data).toMatchObject({
      LOG_LEVEL: 'info',
    });
  });
});
