import { describe, expect, it } from 'vitest';
import { computeMetrics } from '.';
import { DAY, SECOND, Trail } from './test-fixtures';

const WINDOW = { start: 0, end: DAY };
const IMAGE = 'spec.template.spec.containers[name=web].image';
const DEBUG_ENV = 'spec.template.spec.containers[name=web].env[name=DEBUG].value';

describe('audit coverage', () => {
  it('traces changes to Git-declared objects, leaving controllers out', () => {
    const t = new Trail();
    t.apply(
      SECOND,
      'gitops',
      'Deployment/shop/web',
      'a',
      [{ path: IMAGE, after: 'web:1' }],
      'create',
    );
    t.apply(
      SECOND,
      'gitops',
      'ConfigMap/shop/cfg',
      'a',
      [{ path: 'data.MODE', after: 'edge' }],
      'create',
    );
    t.write(2 * SECOND, 'gitops', 'Deployment/shop/web'); // a person's patch: no revision
    t.write(3 * SECOND, 'gitops', 'ConfigMap/shop/cfg', 'update', { actor: 'ci-bot' }); // leaked token
    t.controller(4 * SECOND, 'gitops', 'Deployment/shop/web'); // HPA: excluded
    t.controller(4 * SECOND, 'gitops', 'ReplicaSet/shop/web-1', 'create', 'deployment-controller'); // excluded
    t.write(5 * SECOND, 'gitops', 'Pod/shop/debug', 'create'); // not declared by Git: excluded
    t.write(6 * SECOND, 'gitops', 'Deployment/shop/web', 'refuse'); // changed nothing: excluded
    const m = computeMetrics(t.records, 'gitops', WINDOW);
    expect(m.auditCoverage).toBe(0.5); // 2 reconciler writes / (2 + 2 kubectl writes)
  });

  it('takes what Git declares from either lane', () => {
    const t = new Trail();
    t.apply(SECOND, 'devops', 'Secret/shop/db', 'a', [], 'create');
    t.write(2 * SECOND, 'gitops', 'Secret/shop/db', 'create');
    expect(computeMetrics(t.records, 'gitops', WINDOW).auditCoverage).toBe(0); // 0 / 1
  });

  it('is null without changes to trace', () => {
    const t = new Trail();
    t.controller(SECOND, 'devops', 'Deployment/shop/web');
    expect(computeMetrics(t.records, 'devops', WINDOW).auditCoverage).toBeNull(); // 0 / 0
  });
});

describe('rebuildable from Git', () => {
  const base = (t: Trail) => {
    t.apply(
      SECOND,
      'devops',
      'Deployment/shop/web',
      'a',
      [
        { path: 'metadata.name', after: 'web' },
        { path: IMAGE, after: 'web:1' },
      ],
      'create',
    );
    t.observe(SECOND, 'devops', true);
  };
  const patchEnv = (t: Trail, at = 2 * SECOND) =>
    t.write(at, 'devops', 'Deployment/shop/web', 'update', {
      changes: [{ path: DEBUG_ENV, after: '1' }],
    });

  it.each<[string, boolean, (t: Trail) => void]>([
    ['a cluster applied from Git', true, () => {}],
    [
      'a patched-in env var Git does not set (still in sync: the diff ignores it)',
      false,
      (t) => patchEnv(t),
    ],
    [
      'the same env var later set by an apply from Git',
      true,
      (t) => {
        patchEnv(t);
        t.apply(3 * SECOND, 'devops', 'Deployment/shop/web', 'b', [
          { path: DEBUG_ENV, before: '1', after: '0' },
        ]);
      },
    ],
    [
      'an object created with kubectl',
      false,
      (t) => {
        t.write(2 * SECOND, 'devops', 'ConfigMap/shop/extra', 'create', {
          changes: [{ path: 'data.x', after: '1' }],
        });
      },
    ],
    [
      'an object created with kubectl and deleted again',
      true,
      (t) => {
        t.write(2 * SECOND, 'devops', 'ConfigMap/shop/extra', 'create', {
          changes: [{ path: 'data.x', after: '1' }],
        });
        t.write(3 * SECOND, 'devops', 'ConfigMap/shop/extra', 'delete');
      },
    ],
    [
      'an env var removed again with kubectl',
      true,
      (t) => {
        patchEnv(t);
        t.write(3 * SECOND, 'devops', 'Deployment/shop/web', 'update', {
          changes: [{ path: DEBUG_ENV, before: '1' }],
        });
      },
    ],
    ['an HPA scaling', true, (t) => t.controller(2 * SECOND, 'devops', 'Deployment/shop/web')],
    [
      'a label patched on a Pod, which controllers own',
      true,
      (t) => {
        t.write(2 * SECOND, 'devops', 'Pod/shop/web-1', 'update', {
          changes: [{ path: 'metadata.labels.debug', after: 'on' }],
        });
      },
    ],
    [
      'a rollout restart annotation',
      true,
      (t) => {
        t.write(2 * SECOND, 'devops', 'Deployment/shop/web', 'update', {
          changes: [
            {
              path: "spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']",
              after: 'now',
            },
          ],
        });
      },
    ],
    [
      'a cluster out of sync with Git',
      false,
      (t) => t.observe(2 * SECOND, 'devops', false, 'commit'),
    ],
    [
      'a patch, then the cluster lost and re-applied',
      true,
      (t) => {
        patchEnv(t);
        t.write(3 * SECOND, 'devops', '*', 'delete', { actor: 'disaster', channel: 'controller' });
        t.apply(
          4 * SECOND,
          'devops',
          'Deployment/shop/web',
          'a',
          [{ path: IMAGE, after: 'web:1' }],
          'create',
        );
      },
    ],
    ['a patch after the window ends', true, (t) => patchEnv(t, 2 * DAY)],
    [
      'a patch on the other cluster',
      true,
      (t) => {
        t.write(2 * SECOND, 'gitops', 'Deployment/shop/web', 'update', {
          changes: [{ path: DEBUG_ENV, after: '1' }],
        });
      },
    ],
  ])('%s: %s', (_name, expected, then) => {
    const t = new Trail();
    base(t);
    then(t);
    expect(computeMetrics(t.records, 'devops', WINDOW).rebuildableFromGit).toBe(expected);
  });
});
