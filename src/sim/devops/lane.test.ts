import '../../platform/node';
import { describe, expect, it } from 'vitest';
import { EPOCH_MS } from '../clock';
import { Cluster, healthOf, ops } from '../cluster';
import { STARTER_FILES } from '../starter-repo';
import { laneWorld } from '../testing/lane-world';
import { DevopsLane, type DevopsOptions } from './lane';

const WEB = { kind: 'Deployment', name: 'web' };
const DEPLOY = 'apps/web/deployment.yaml';

async function setup(options: Partial<DevopsOptions> = {}, images = {}, ciDownUntil?: number) {
  const world = await laneWorld('devops', { images });
  const lane = new DevopsLane({ ...world.laneDeps, options });
  // A push of each commit to the deployment, as the CI trigger would.
  const commit = async (message: string, text: string) => {
    const sha = await world.commit(message, { [DEPLOY]: text });
    lane.push(sha, 'alice');
    return sha;
  };
  if (ciDownUntil !== undefined) lane.ciDown(ciDownUntil);
  lane.push(await world.repo.resolve('HEAD'), 'alice');
  const { clock, audit, repo, cluster } = world;
  return { clock, audit, repo, cluster, lane, commit };
}

const image = (cluster: Cluster) =>
  (cluster.get(WEB)?.spec as { template: { spec: { containers: { image: string }[] } } }).template
    .spec.containers[0]!.image;
const withImage = (tag: string) => STARTER_FILES[DEPLOY]!.replace('web:1.0', tag);

describe('DevOps lane (push pipeline)', () => {
  it('runs checkout, build, test, deploy, verify and deploys a healthy commit in under 5 minutes', async () => {
    const { clock, lane, cluster, audit } = await setup();
    const states: string[] = [];
    for (let t = 0; t < 300_000; t += 5_000) {
      await clock.advanceBy(5_000);
      if (states.at(-1) !== lane.state) states.push(lane.state);
    }
    expect(states.slice(0, 4)).toEqual(['checkout', 'build', 'test', 'deploy']);
    expect(states.at(-1)).toBe('succeeded');
    // The diagram marks the last transition (verify is drawn inside deploy).
    expect(lane.lastTransition).toMatchObject({ from: 'deploy', to: 'succeeded' });
    expect(healthOf(cluster.get(WEB))?.status).toBe('Healthy');
    expect(lane.latestRun?.finishedAt).toBeLessThan(300_000);
    expect(
      audit
        .records()
        .filter((r) => r.channel === 'pipeline' && r.verb === 'create')
        .every((r) => r.actor === 'ci-bot' && r.revision !== null),
    ).toBe(true);
    expect(lane.latestRun?.stages.map((s) => s.stage)).toEqual([
      'checkout',
      'build',
      'test',
      'deploy',
      'verify',
    ]);
  });

  it('with the queue model, queues a push behind the run in progress', async () => {
    const { clock, lane, commit, cluster } = await setup({ concurrency: 'queue' });
    await clock.advanceBy(30_000);
    await commit('v2', withImage('web:2.0'));
    expect(lane.snapshot.context.queue).toHaveLength(1);
    await clock.advanceBy(600_000);
    expect(lane.runs.map((r) => r.result)).toEqual(['succeeded', 'succeeded']);
    expect(image(cluster)).toBe('web:2.0');
  });

  // REFERENCE.md, push lane: GitHub Actions' concurrency group keeps one running and one pending
  // run; a newer run replaces the pending one, which is listed as cancelled. It is the default.
  it('by default (a GitHub concurrency group) deploys the newest push and lists the skipped one as cancelled', async () => {
    const { clock, lane, commit, cluster } = await setup();
    await clock.advanceBy(30_000);
    await commit('v2', withImage('web:2.0'));
    await commit('v3', withImage('web:3.0'));
    expect(lane.latestRun).toMatchObject({ id: 1, result: 'running' });
    await clock.advanceBy(600_000);
    expect(lane.runs.map((r) => [r.id, r.result])).toEqual([
      [1, 'succeeded'],
      [2, 'cancelled'],
      [3, 'succeeded'],
    ]);
    expect(lane.runs[1]!.stages[0]!.lines[0]).toMatch(/cancelled before it started/);
    expect(image(cluster)).toBe('web:3.0');
  });

  // REFERENCE.md, push lane: "Without a group, runs deploy in parallel." Each run has its own log.
  it('with the parallel model, runs pushes at once, each in its own pipeline', async () => {
    const { clock, lane, commit, cluster } = await setup({ concurrency: 'parallel' });
    await clock.advanceBy(30_000);
    await commit('v2', withImage('web:2.0'));
    expect(lane.running).toBe(2);
    expect(lane.latestRun).toMatchObject({ id: 2, result: 'running' });
    await clock.advanceBy(600_000);
    expect(lane.running).toBe(0);
    expect(lane.runs.map((r) => [r.id, r.result])).toEqual([
      [1, 'succeeded'],
      [2, 'succeeded'],
    ]);
    expect(lane.runs[0]!.stages.map((s) => s.stage)).toEqual(
      lane.runs[1]!.stages.map((s) => s.stage),
    );
    expect(image(cluster)).toBe('web:2.0');
  });

  // With no group nothing orders the deploys: approved out of order, the older commit lands last
  // and the cluster runs what Git no longer says.
  it('with the parallel model, an older run approved last deploys over a newer one', async () => {
    const { clock, lane, commit, cluster, audit } = await setup({
      concurrency: 'parallel',
      approval: true,
    });
    await clock.advanceBy(200_000);
    expect(lane.approve('dana', 1)).toBe(true);
    await clock.advanceBy(200_000);
    await commit('v2', withImage('web:2.0'));
    await clock.advanceBy(10_000);
    await commit('v3', withImage('web:3.0'));
    await clock.advanceBy(200_000);
    expect(lane.approve('dana', 3)).toBe(true);
    await clock.advanceBy(60_000);
    expect(image(cluster)).toBe('web:3.0');
    expect(lane.approve('dana')).toBe(true); // the oldest waiting: run 2
    await clock.advanceBy(60_000);
    expect(image(cluster)).toBe('web:2.0');
    expect(lane.runs.map((r) => r.result)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(
      audit
        .records()
        .filter((r) => r.verb === 'approve')
        .map((r) => r.object),
    ).toEqual(['run/1', 'run/3', 'run/2']);
    expect(lane.approve('dana')).toBe(false);
  });

  it('cancels the run in progress with cancel-in-progress', async () => {
    const { clock, lane, commit } = await setup({ concurrency: 'cancel-in-progress' });
    await clock.advanceBy(30_000);
    await commit('v2', withImage('web:2.0'));
    await clock.advanceBy(600_000);
    expect(lane.runs.map((r) => r.result)).toEqual(['cancelled', 'succeeded']);
  });

  it('fails the run when the rollout does not progress, and leaves the cluster as it is', async () => {
    const { clock, lane, commit, cluster } = await setup({}, { 'web:3.0': { crash: true } });
    await clock.advanceBy(300_000);
    await commit('v3', withImage('web:3.0'));
    await clock.advanceBy(1_200_000);
    expect(lane.state).toBe('failed');
    expect(lane.latestRun?.stages.at(-1)).toMatchObject({ stage: 'verify', ok: false });
    expect(image(cluster)).toBe('web:3.0');
    expect(healthOf(cluster.get(WEB))?.status).toBe('Degraded');
  });

  it('leaves a partial deploy when the API server is lost part-way (no transaction)', async () => {
    const { clock, lane, repo, cluster } = await setup();
    await clock.advanceBy(300_000);
    const sha = (
      await repo.commit({
        author: { name: 'alice' },
        message: 'all three',
        timestamp: EPOCH_MS + clock.now(),
        write: {
          'apps/web/configmap.yaml': STARTER_FILES['apps/web/configmap.yaml']!.replace(
            'info',
            'debug',
          ),
          [DEPLOY]: withImage('web:2.0'),
          'apps/web/service.yaml': STARTER_FILES['apps/web/service.yaml']!.replace(
            'port: 80',
            'port: 8081',
          ),
        },
      })
    ).sha;
    lane.deployFailsAfter(1);
    lane.push(sha, 'alice');
    await clock.advanceBy(300_000);
    expect(lane.state).toBe('failed');
    expect(cluster.get({ kind: 'ConfigMap', name: 'web-config' })?.data).toMatchObject({
      LOG_LEVEL: 'debug',
    });
    expect(image(cluster)).toBe('web:1.0');
    expect(lane.latestRun?.stages.find((s) => s.stage === 'deploy')?.lines.join('\n')).toMatch(
      /connection refused/,
    );
  });

  it('keeps a hotfix until a later deploy overwrites the field its manifest sets', async () => {
    const { clock, lane, commit, cluster } = await setup();
    await clock.advanceBy(300_000);
    ops.scale(cluster, WEB, 6, { actor: 'bob' });
    await clock.advanceBy(3_600_000);
    expect((cluster.get(WEB)?.spec as { replicas: number }).replicas).toBe(6);
    await commit('v2', withImage('web:2.0'));
    await clock.advanceBy(300_000);
    expect(lane.state).toBe('succeeded');
    expect((cluster.get(WEB)?.spec as { replicas: number }).replicas).toBe(3);
  });

  it('waits in queued while CI is down, then runs', async () => {
    const { clock, lane } = await setup({}, {}, 600_000);
    await clock.advanceBy(590_000);
    expect(lane.state).toBe('queued');
    await clock.advanceBy(300_000);
    expect(lane.state).toBe('succeeded');
    expect(lane.latestRun?.startedAt).toBe(600_000);
  });

  it('fails on forced failing tests and deploys nothing', async () => {
    const { clock, lane, cluster } = await setup();
    lane.failTests({ runs: 1 });
    await clock.advanceBy(300_000);
    expect(lane.state).toBe('failed');
    expect(lane.latestRun?.stages.at(-1)).toMatchObject({ stage: 'test', ok: false });
    expect(cluster.get(WEB)).toBeUndefined();
  });

  it('waits for a person’s approval before deploying when asked', async () => {
    const { clock, lane, cluster } = await setup({ approval: true });
    await clock.advanceBy(300_000);
    expect(lane.state).toBe('waiting-approval');
    expect(cluster.get(WEB)).toBeUndefined();
    expect(lane.approve('carol')).toBe(true);
    await clock.advanceBy(300_000);
    expect(lane.state).toBe('succeeded');
  });

  it('leaves orphans without prune and prunes with it', async () => {
    for (const prune of [false, true]) {
      const { clock, lane, repo, cluster } = await setup({ prune });
      await clock.advanceBy(300_000);
      const c = await repo.commit({
        author: { name: 'alice' },
        message: 'drop config',
        timestamp: EPOCH_MS + clock.now(),
        remove: ['apps/web/configmap.yaml'],
      });
      lane.push(c.sha, 'alice');
      await clock.advanceBy(300_000);
      expect(cluster.get({ kind: 'ConfigMap', name: 'web-config' }) !== undefined).toBe(!prune);
    }
  });
});
