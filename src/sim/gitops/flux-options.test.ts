// The Flux Kustomization options of the Flux flavour (kustomize-controller api/v1
// kustomization_types.go, internal/controller/kustomization_controller.go; fluxcd/pkg ssa; the
// REFERENCE.md Flux flavour section): `wait` and `healthChecks` keep the reconcile Progressing
// until the objects are healthy and fail it with HealthCheckFailed after `timeout`; `timeout`
// defaults to the interval less 30 s; `retryInterval` brings a failed reconcile back sooner than
// the interval; `force` recreates an object whose update an immutable field refuses.
import '../../platform/node';
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../cluster';
import { STARTER_FILES } from '../starter-repo';
import { laneWorld } from '../testing/lane-world';
import { fluxTimeout } from './flux-options';
import { kustomizationStatus } from './flux-ready';
import { GitopsLane } from './lane';
import type { GitopsOptions } from './options';

const WEB = { kind: 'Deployment', name: 'web' };
const DEPLOY = 'apps/web/deployment.yaml';
const SERVICE = 'apps/web/service.yaml';
const POLL = 60_000;
const STUCK = { 'web:stuck': { ready: false } };

async function flux(options: Partial<GitopsOptions> = {}) {
  const world = await laneWorld('gitops', { images: STUCK });
  const lane = new GitopsLane({ ...world.laneDeps, options: { flavour: 'flux', ...options } });
  await world.clock.advanceBy(POLL);
  const app = lane.apps[0]!;
  return { ...world, lane, app, ready: () => kustomizationStatus(app).ready };
}

const withImage = (tag: string) => ({ [DEPLOY]: STARTER_FILES[DEPLOY]!.replace('web:1.0', tag) });
const badPort = { [SERVICE]: STARTER_FILES[SERVICE]!.replace('port: 80', 'port: 80800') };
/** A new selector (and labels to match): apps/v1 refuses to change a Deployment's selector. */
const newSelector = { [DEPLOY]: STARTER_FILES[DEPLOY]!.replaceAll('app: web', 'app: web-v2') };
const uid = (cluster: Cluster) => cluster.get(WEB)?.metadata.uid;

describe('wait and healthChecks: Progressing until healthy, HealthCheckFailed after the timeout', () => {
  it.each<[string, Partial<GitopsOptions>]>([
    ['wait', { wait: true }],
    ['healthChecks naming the Deployment', { healthChecks: [{ kind: 'Deployment', name: 'web' }] }],
  ])('%s: a rollout that never gets Ready', async (_, options) => {
    const { clock, commit, ready, app } = await flux({ ...options, timeout: 120_000 });
    expect(ready().status).toBe('True');
    await commit('web: stuck release', withImage('web:stuck'));
    await clock.advanceBy(POLL + 30_000);
    expect(ready()).toMatchObject({ status: 'Unknown', reason: 'Progressing' });
    expect(ready().message).toBe('Reconciliation in progress');
    expect(app.operation?.message).toMatch(
      /^Running health checks for revision main@sha1:[0-9a-f]{40} with a timeout of 2m0s$/,
    );
    await clock.advanceBy(120_000);
    expect(ready()).toEqual({
      type: 'Ready',
      status: 'False',
      reason: 'HealthCheckFailed',
      message:
        "health check failed after 2m0s: timeout waiting for: [Deployment/default/web status: 'InProgress']",
    });
    // lastAppliedRevision moves only when a reconcile passes its health check.
    expect(kustomizationStatus(app).lastAppliedRevision).not.toBe(
      kustomizationStatus(app).lastAttemptedRevision,
    );
  });

  it('without wait or healthChecks, Ready is True as soon as the apply succeeds', async () => {
    const { clock, commit, ready } = await flux();
    const sha = await commit('web: stuck release', withImage('web:stuck'));
    await clock.advanceBy(POLL + 1_000);
    expect(ready()).toEqual({
      type: 'Ready',
      status: 'True',
      reason: 'ReconciliationSucceeded',
      message: `Applied revision: main@sha1:${sha}`,
    });
  });

  it('healthChecks naming only the ConfigMap pass while the Deployment is stuck', async () => {
    const { clock, commit, ready } = await flux({
      healthChecks: [{ kind: 'ConfigMap', name: 'web-config' }],
    });
    await commit('web: stuck release', withImage('web:stuck'));
    await clock.advanceBy(POLL + 1_000);
    expect(ready().reason).toBe('ReconciliationSucceeded');
  });

  it('wait ignores healthChecks and checks every applied object', async () => {
    const { clock, commit, ready } = await flux({
      wait: true,
      timeout: 60_000,
      healthChecks: [{ kind: 'ConfigMap', name: 'web-config' }],
    });
    await commit('web: stuck release', withImage('web:stuck'));
    await clock.advanceBy(POLL + 65_000);
    expect(ready().reason).toBe('HealthCheckFailed');
  });
});

describe('timeout: GetTimeout', () => {
  it.each([
    ['unset: the interval less 30 s', null, 600_000, 570_000],
    ['as written', 120_000, 600_000, 120_000],
    ['never under 30 s, even as written', 10_000, 600_000, 30_000],
    ['never under 30 s, for a short interval', null, 45_000, 30_000],
  ])('%s', (_, timeout, applyInterval, expected) => {
    expect(fluxTimeout({ timeout, retryInterval: null, applyInterval })).toBe(expected);
  });

  it('with no timeout written, a stuck health check fails 9m30s after it began', async () => {
    const { clock, commit, ready, app } = await flux({ wait: true });
    await commit('web: stuck release', withImage('web:stuck'));
    await clock.advanceBy(POLL);
    const began = app.operation!.startedAt;
    await clock.advanceTo(began + 565_000);
    expect(ready().reason).toBe('Progressing');
    await clock.advanceTo(began + 575_000);
    expect(ready().message).toMatch(/^health check failed after 9m30s: /);
  });
});

describe('retryInterval: a failed reconcile is tried again after it, not after the interval', () => {
  const attempts = (audit: { records(): readonly { verb: string }[] }) =>
    audit.records().filter((r) => r.verb === 'deploy-started').length;

  it.each([
    ['retryInterval 2m: again 2 minutes after the failure', 120_000, 1],
    ['no retryInterval: not before the 10m interval', null, 0],
  ])('%s', async (_, retryInterval, extra) => {
    const { clock, commit, audit, ready } = await flux({ retryInterval });
    await commit('web: release with a bad port', badPort);
    await clock.advanceBy(POLL);
    expect(ready().reason).toBe('ReconciliationFailed');
    const before = attempts(audit);
    await clock.advanceBy(150_000);
    expect(attempts(audit) - before).toBe(extra);
  });
});

describe('force: an immutable field refused by the API server', () => {
  it('without force the reconcile fails with the API server text, and the old object stays', async () => {
    const { clock, commit, cluster, ready } = await flux();
    const before = uid(cluster);
    await commit('web: new selector', newSelector);
    await clock.advanceBy(POLL);
    expect(ready().reason).toBe('ReconciliationFailed');
    expect(ready().message).toMatch(
      /^Deployment\/default\/web dry-run failed \(Invalid\): .*spec\.selector: .*field is immutable$/,
    );
    expect(uid(cluster)).toBe(before);
  });

  it.each<[string, Partial<GitopsOptions>, string]>([
    ['force: true', { force: true }, ''],
    [
      'the kustomize.toolkit.fluxcd.io/force: enabled annotation',
      {},
      '  annotations:\n    kustomize.toolkit.fluxcd.io/force: enabled\n',
    ],
  ])('%s deletes and recreates it, and the reconcile succeeds', async (_, options, annotate) => {
    const { clock, commit, cluster, ready, audit } = await flux(options);
    const before = uid(cluster);
    const manifest = newSelector[DEPLOY].replace('metadata:\n', `metadata:\n${annotate}`);
    await commit('web: new selector', { [DEPLOY]: manifest });
    await clock.advanceBy(POLL);
    expect(ready().reason).toBe('ReconciliationSucceeded');
    expect(uid(cluster)).not.toBe(before);
    const selector = (cluster.get(WEB)?.spec as { selector: unknown }).selector;
    expect(selector).toEqual({ matchLabels: { app: 'web-v2' } });
    expect(
      audit
        .records()
        .some(
          (r) =>
            r.verb === 'delete' &&
            r.object === 'Deployment/default/web' &&
            r.actor === 'reconciler',
        ),
    ).toBe(true);
  });
});
