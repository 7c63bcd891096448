// The observer skips work: a check it schedules itself skips a lane with no change that could flip
// its answer, and any check skips a lane where nothing its answer was made from was written. Its
// answers must still be what a fresh check (no memo, no skip) gives, after every kind of change.
import '../../platform/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Sandbox } from '../sandbox';
import { STARTER_FILES } from '../starter-repo';
import { appSyncView, type LaneSubject } from './in-sync';
import { SyncViews } from './sync-views';

afterEach(() => vi.restoreAllMocks());

const EXTRA = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\ndata:\n  a: "1"\n';

async function expectFresh(sandbox: Sandbox): Promise<void> {
  const head = await sandbox.repo.resolve('main');
  const subjects: Record<'devops' | 'gitops', LaneSubject> = {
    devops: {
      cluster: sandbox.clusters.devops,
      apps: sandbox.apps,
      createdKeys: (app) => sandbox.devops.createdKeys(app),
      ignoreDifferences: [],
    },
    gitops: {
      cluster: sandbox.clusters.gitops,
      apps: sandbox.apps,
      createdKeys: (app) => sandbox.gitops.trackedKeys(app),
      ignoreDifferences: sandbox.gitops.options.ignoreDifferences,
    },
  };
  for (const lane of ['devops', 'gitops'] as const) {
    const observed = sandbox.observer.observation(lane)!;
    expect(observed.head).toBe(head);
    for (const app of sandbox.apps) {
      const fresh = await appSyncView(sandbox.repo, head, subjects[lane], app);
      const seen = observed.apps[app.name]!;
      expect({ lane, ...seen, resources: seen.resources.length }).toEqual({
        lane,
        ...fresh,
        resources: fresh.resources.length,
      });
    }
  }
}

describe('Observer', () => {
  it('answers as a fresh check would, while it skips lanes nothing was written to', async () => {
    const made = vi.spyOn(SyncViews.prototype, 'of');
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
