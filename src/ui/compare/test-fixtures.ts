// A short, hand-made trail for the Compare tab's tests: both lanes deploy commit A, a leaked CI
// token changes the DevOps cluster (and is refused by GitOps), a person changes the GitOps cluster
// and self-heal reverts it, and the pipeline writes a Secret with no revision.
import type { AuditRecord } from '../../sim/audit';
import type { LaneMetrics } from '../../sim/metrics';

export const SHA_A = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

type Draft = Omit<AuditRecord, 'seq' | 'changes'> & Partial<Pick<AuditRecord, 'changes'>>;

function trail(drafts: Draft[]): AuditRecord[] {
  return drafts.map((d, seq) => ({ seq, changes: [], ...d }));
}

const observe = (cluster: 'devops' | 'gitops', t: number, inSync: boolean): Draft => ({
  t,
  cluster,
  actor: 'driftlab',
  channel: 'observer',
  verb: 'observe',
  object: 'cluster',
  revision: SHA_A,
  operation: { inSync, cause: inSync ? 'commit' : 'change' },
});

export const LEAKED_TOKEN_TRAIL: AuditRecord[] = trail([
  {
    t: 0,
    cluster: 'repo',
    actor: 'platform-team',
    channel: 'git',
    verb: 'commit',
    object: 'refs/heads/main',
    revision: SHA_A,
    message: 'Initial commit',
  },
  {
    t: 0,
    cluster: 'gitops',
    actor: 'reconciler',
    channel: 'reconciler',
    verb: 'create',
    object: 'Deployment/default/web',
    revision: SHA_A,
  },
  {
    t: 0,
    cluster: 'gitops',
    actor: 'deployment-controller',
    channel: 'controller',
    verb: 'create',
    object: 'ReplicaSet/default/web-1',
    revision: null,
  },
  observe('devops', 0, false),
  observe('gitops', 0, true),
  {
    t: 60_000,
    cluster: 'devops',
    actor: 'ci-bot',
    channel: 'pipeline',
    verb: 'create',
    object: 'Deployment/default/web',
    revision: SHA_A,
  },
  observe('devops', 60_000, true),
  {
    t: 120_000,
    cluster: 'devops',
    actor: 'ci-bot',
    channel: 'kubectl',
    verb: 'update',
    object: 'Deployment/default/web',
    revision: null,
    changes: [
      { path: 'spec.template.spec.containers[0].image', before: 'web:1.0', after: 'evil:latest' },
    ],
  },
  {
    t: 120_000,
    cluster: 'gitops',
    actor: 'mallory',
    channel: 'kubectl',
    verb: 'refuse',
    object: '(leaked CI token)',
    revision: null,
    message: 'Unauthorized',
  },
  observe('devops', 120_000, false),
  {
    t: 180_000,
    cluster: 'gitops',
    actor: 'bob',
    channel: 'kubectl',
    verb: 'update',
    object: 'Deployment/default/web',
    revision: null,
  },
  observe('gitops', 180_000, false),
  {
    t: 185_000,
    cluster: 'gitops',
    actor: 'reconciler',
    channel: 'reconciler',
    verb: 'update',
    object: 'Deployment/default/web',
    revision: SHA_A,
    operation: { trigger: 'heal' },
  },
  observe('gitops', 185_000, true),
  {
    t: 200_000,
    cluster: 'devops',
    actor: 'ci-bot',
    channel: 'pipeline',
    verb: 'update',
    object: 'Secret/default/db',
    revision: null,
    changes: [{ path: "data['password']", before: 'hash:0000abcd', after: 'hash:1234abcd' }],
  },
]);

/** A pair where each lane wins some rows, one row ties and one has no events on one side. */
export const METRICS_PAIR: Record<'devops' | 'gitops', LaneMetrics> = {
  devops: {
    deploymentFrequency: 4,
    leadTimeMs: 180_000,
    changeFailRate: 0.5,
    recoveryTimeMs: null,
    reworkRate: 0.25,
    driftEvents: 2,
    timeToDetectMs: null,
    timeToCorrectMs: null,
    outOfSyncMs: 240_000,
    auditCoverage: 0.6,
    rebuildableFromGit: false,
    deployments: 4,
  },
  gitops: {
    deploymentFrequency: 2.5,
    leadTimeMs: 60_000,
    changeFailRate: 0.5,
    recoveryTimeMs: 5_000,
    reworkRate: 0,
    driftEvents: 1,
    timeToDetectMs: 0,
    timeToCorrectMs: 5_000,
    outOfSyncMs: 5_000,
    auditCoverage: 1,
    rebuildableFromGit: true,
    deployments: 3,
  },
};

/**
 * jsdom lays nothing out, so a virtualized list would render no rows: give every element a
 * height. Returns the undo.
 */
export function fakeClientHeight(px: number): () => void {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get: () => px,
  });
  return () => Reflect.deleteProperty(HTMLElement.prototype, 'clientHeight');
}
