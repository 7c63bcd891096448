// Expectation lines as a learner reads them: every qualifier the line checks, the author's own
// text when given, what was found on failure, and the learner's action when it caused it.
import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../audit';
import { describeExpectation, explainResult } from './describe';
import type { Expectation } from './schema';

describe('an expectation as a sentence', () => {
  it.each<[Expectation, string]>([
    [
      {
        lane: 'gitops',
        get: 'deployment/web',
        namespace: 'prod',
        path: 'spec.template.spec.containers[name=web].image',
        equals: 'web:1.0',
      },
      'GitOps: web in namespace prod runs web:1.0',
    ],
    [
      { lane: 'both', get: 'deployment/web', path: 'spec.replicas', equals: 3 },
      'Both lanes: deployment/web in namespace default has 3 replicas',
    ],
    [
      { lane: 'devops', get: 'configmap/web-banner', exists: false },
      'DevOps: there is no configmap/web-banner in namespace default',
    ],
    [
      { lane: 'gitops', app: 'prod', sync: 'Synced', health: 'Healthy' },
      'GitOps: Argo CD reports prod Synced, app prod is Healthy',
    ],
    [
      { lane: 'devops', pipeline: 'build', inSyncWithGit: false },
      'DevOps: the cluster does not match Git, the pipeline is in its build stage',
    ],
    [
      { lane: 'gitops', metric: { name: 'timeToDetectMs', atMost: 5000 } },
      'GitOps: time to detect drift is at most 5s',
    ],
    [
      { lane: 'devops', metric: { name: 'timeToDetectMs', equals: null } },
      'DevOps: time to detect drift is not measured',
    ],
    [
      { audit: { actor: 'alice', channel: 'git', verb: 'pr-open', count: 1 } },
      'Audit trail: the trail shows alice opened a pull request through git, exactly once',
    ],
    [
      { lane: 'gitops', audit: { actor: 'mallory', count: 0 } },
      'GitOps: the trail shows mallory never made a change',
    ],
    [{ lane: 'gitops', sync: 'Synced', text: 'Argo CD is happy again' }, 'Argo CD is happy again'],
  ])('%j reads "%s"', (e, sentence) => {
    expect(describeExpectation(e)).toBe(sentence);
  });
});

const record = (over: Partial<AuditRecord>): AuditRecord => ({
  seq: 0,
  t: 65_000,
  cluster: 'gitops',
  actor: 'you',
  channel: 'kubectl',
  verb: 'update',
  object: 'Deployment/default/web',
  revision: null,
  changes: [],
  ...over,
});

describe('a failed line', () => {
  const e: Expectation = {
    lane: 'gitops',
    get: 'deployment/web',
    path: 'spec.replicas',
    equals: 3,
  };
  const failed = {
    ok: false,
    text: 'gitops: ...',
    checks: [{ lane: 'gitops' as const, label: 'x', ok: false, found: '5' }],
  };

  it('says what was found, and names the learner action on that object that caused it', () => {
    const r = explainResult(e, failed, [record({ actor: 'bob' }), record({})]);
    expect(r.sentence).toBe(
      'GitOps: deployment/web in namespace default has 3 replicas (GitOps found 5)',
    );
    expect(r.causedBy).toBe(
      'your kubectl change of Deployment/default/web on the gitops cluster at 00:01:05',
    );
  });

  it.each([
    ['only someone else acted', [record({ actor: 'bob' })]],
    ['the learner touched another object', [record({ object: 'Service/default/web' })]],
    ['the learner acted on the other cluster', [record({ cluster: 'devops' })]],
  ])('does not blame the learner when %s', (_what, since) => {
    expect(explainResult(e, failed, since).causedBy).toBeUndefined();
  });

  it('names a commit by the learner: it changes what every lane should run', () => {
    const r = explainResult(e, failed, [
      record({ cluster: 'repo', channel: 'git', verb: 'commit', object: 'refs/heads/main' }),
    ]);
    expect(r.causedBy).toBe('your commit to refs/heads/main in Git at 00:01:05');
  });
});
