// The observer skips work: a check it schedules itself skips a lane with no change that could flip
// its answer, and any check skips a lane where nothing its answer was made from was written. Its
// answers must still be what a fresh check (no cache, no skip) gives, after every kind of change.
import '../../platform/node';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClusterCache } from '../cache/cluster-cache';
import { TrackedObjects } from '../cache/tracked';
import type { AppSyncView } from '../compare/types';
import { Sandbox } from '../sandbox';
import { STARTER_FILES } from '../starter-repo';
import { expectCacheEqualsFresh } from '../testing/cache-vs-fresh';
import { appSyncView, type LaneSubject } from './in-sync';

afterEach(() => vi.restoreAllMocks());

const EXTRA = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\ndata:\n  a: "1"\n';
const LANES = ['devops', 'gitops'] as const;

/** What the observer last answered for each lane and app: the cached answer. */
async function observed(sandbox: Sandbox) {
  const head = await sandbox.repo.resolve('main');
  return LANES.flatMap((lane) => {
    const seen = sandbox.observer.observation(lane)!;
    expect(seen.head).toBe(head);
    return sandbox.apps.map((app) => summary(lane, seen.apps[app.name]!));
  });
}

/** Each lane's apps checked afresh at HEAD: no cache, the GitOps lane's objects listed anew. */
async function afresh(sandbox: Sandbox) {
  const head = await sandbox.repo.resolve('main');
  const subjects: Record<(typeof LANES)[number], LaneSubject> = {
    devops: {
      cluster: sandbox.clusters.devops,
      apps: sandbox.apps,
      createdKeys: (app) => sandbox.devops.createdKeys(app),
      ignoreDifferences: [],
    },
    gitops: {
      cluster: sandbox.clusters.gitops,
      apps: sandbox.apps,
      createdKeys: (app) => new TrackedObjects(sandbox.clusters.gitops, app.name).keys(),
      ignoreDifferences: sandbox.gitops.options.ignoreDifferences,
    },
  };
  const out = [];
  for (const lane of LANES)
    for (const app of sandbox.apps)
      out.push(summary(lane, await appSyncView(sandbox.repo, head, subjects[lane], app)));
  return out;
}

const summary = (lane: string, view: AppSyncView) => ({
  lane,
  ...view,
  resources: view.resources.length,
});

async function expectFresh(sandbox: Sandbox): Promise<void> {
  expect(await observed(sandbox)).toEqual(await afresh(sandbox));
}

type Step =
  | { op: 'kubectl'; lane: (typeof LANES)[number]; line: string }
  | { op: 'advance'; ms: number }
  | { op: 'commit'; replicas: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    op: fc.constant('kubectl' as const),
    lane: fc.constantFrom(...LANES),
    line: fc.constantFrom(
      'scale deployment/web --replicas=5',
      'annotate deployment/web note=hand --overwrite',
      'apply -f extras/extra.yaml',
      'annotate configmap extra argocd.argoproj.io/tracking-id=web:/ConfigMap:default/extra',
      'delete configmap web-config',
    ),
  }),
  fc.record({ op: fc.constant('advance' as const), ms: fc.constantFrom(1_000, 7_000, 60_000) }),
  fc.record({ op: fc.constant('commit' as const), replicas: fc.integer({ min: 1, max: 4 }) }),
);

describe('Observer', () => {
  it('answers as a fresh check would, whatever happens (property)', async () => {
    await expectCacheEqualsFresh({
      start: fc.constant(null),
      world: async () => {
        const sandbox = await Sandbox.create({
          seed: 3,
          files: { ...STARTER_FILES, 'extras/extra.yaml': EXTRA },
          path: 'apps/web',
        });
        await sandbox.settle();
        return sandbox;
      },
      step: stepArb,
      act: async (sandbox, step) => {
        if (step.op === 'kubectl') await sandbox.kubectl(step.lane, step.line, 'alice');
        else if (step.op === 'advance') await sandbox.advance(step.ms);
        else {
          const deployment = STARTER_FILES['apps/web/deployment.yaml']!;
          await sandbox.commit({
            author: 'alice',
            message: `web: ${step.replicas} replicas`,
            write: {
              'apps/web/deployment.yaml': deployment.replace(
                'replicas: 3',
                `replicas: ${step.replicas}`,
              ),
            },
          });
          await sandbox.settle();
        }
      },
      cached: observed,
      fresh: afresh,
      runs: 8,
      seed: 17,
      maxSteps: 10,
    });
  }, 120_000);

  it('answers as a fresh check would, while it skips lanes nothing was written to', async () => {
    const made = vi.spyOn(ClusterCache.prototype, 'observed');
    const sandbox = await Sandbox.create({
      seed: 3,
      files: { ...STARTER_FILES, 'extras/extra.yaml': EXTRA },
      path: 'apps/web',
    });
    const settled = async () => {
      await sandbox.settle();
      await expectFresh(sandbox);
    };
    await settled();
    await sandbox.advance(300_000);
    expect(sandbox.observer.observation('devops')?.inSyncWithGit).toBe(true);
    await expectFresh(sandbox);
    // Nothing written since the last check: neither lane is looked at again.
    let before = made.mock.calls.length;
    await settled();
    expect(made.mock.calls.length).toBe(before);
    // A hotfix in the push lane: only that lane is looked at again.
    before = made.mock.calls.length;
    await sandbox.kubectl('devops', 'scale deployment/web --replicas=5', 'alice');
    await expectFresh(sandbox);
    const views = made.mock.calls.length - before;
    expect(views).toBeGreaterThan(0);
    await sandbox.kubectl('devops', 'annotate deployment/web note=hand', 'alice');
    await expectFresh(sandbox);
    // Pods come and go, Deployment status moves (health), the reconciler heals, a commit lands.
    await sandbox.kubectl('gitops', 'scale deployment/web --replicas=1', 'alice');
    await expectFresh(sandbox);
    for (let i = 0; i < 6; i++) {
      await sandbox.advance(7_000);
      await expectFresh(sandbox);
    }
    await sandbox.commit({
      author: 'alice',
      message: 'web: 4 replicas',
      write: {
        'apps/web/deployment.yaml': STARTER_FILES['apps/web/deployment.yaml']!.replace(
          'replicas: 3',
          'replicas: 4',
        ),
      },
    });
    await settled();
    for (let i = 0; i < 8; i++) {
      await sandbox.advance(30_000);
      await expectFresh(sandbox);
    }
    // A person makes an object and then marks it as the app's: no controller wrote it, and it
    // was nothing the last answer was made from, yet it is now an orphan of the app.
    for (const line of [
      'apply -f extras/extra.yaml',
      'annotate configmap extra argocd.argoproj.io/tracking-id=web:/ConfigMap:default/extra',
    ]) {
      expect((await sandbox.kubectl('gitops', line, 'alice')).ok).toBe(true);
      await expectFresh(sandbox);
    }
    expect(sandbox.observer.observation('gitops')?.inSyncWithGit).toBe(false);
    await sandbox.kubectl('gitops', 'delete configmap web-config', 'alice');
    await expectFresh(sandbox);
    await sandbox.advance(200_000);
    await expectFresh(sandbox);
  });

  it('checks a lane again when it created another object without writing anything', async () => {
    // Found in review: a re-apply that changes nothing writes no record, yet the pipeline then
    // counts the object as its own; at HEAD it is an orphan.
    const sandbox = await Sandbox.create({
      seed: 3,
      files: { ...STARTER_FILES, 'extras/extra.yaml': EXTRA },
      path: 'apps/web',
    });
    await sandbox.advance(300_000);
    // alice applies a ConfigMap by hand: client-side apply, the CI's field manager too.
    expect((await sandbox.kubectl('devops', 'apply -f extras/extra.yaml', 'alice')).ok).toBe(true);
    await sandbox.advance(60_000);
    // c1 puts it in Git, but its pipeline fails its tests; c2 takes it out again.
    sandbox.fault('devops', 'flaky-tests', { count: 1 });
    const c1 = await sandbox.commit({
      author: 'alice',
      message: 'add extra',
      write: { 'apps/web/extra.yaml': EXTRA },
    });
    await sandbox.advance(300_000);
    await sandbox.commit({
      author: 'alice',
      message: 'drop extra',
      remove: ['apps/web/extra.yaml'],
    });
    await sandbox.advance(300_000);
    const app = sandbox.apps[0]!;
    expect(sandbox.devops.createdKeys(app)).not.toContain('ConfigMap/default/extra');
    expect(sandbox.observer.observation('devops')?.inSyncWithGit).toBe(true);
    // A rollback re-runs c1's pipeline: every apply is `unchanged`, nothing is written.
    await sandbox.rollback('devops', 'rerun', 'alice', { to: c1 });
    await sandbox.advance(300_000);
    expect(sandbox.devops.createdKeys(app)).toContain('ConfigMap/default/extra');
    await expectFresh(sandbox);
    expect(sandbox.observer.observation('devops')?.apps[app.name]?.differing).toContain(
      'ConfigMap/default/extra',
    );
  });
});
