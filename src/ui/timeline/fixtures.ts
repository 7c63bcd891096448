// A hand-made trail for the timeline's tests, shaped like hotfix-drift: both lanes deploy the
// first commit, bob scales the Deployment by hand in both clusters, GitOps self-heals at once while
// DevOps stays drifted until its next deploy; then a bad release and a rollback.
import type { AuditInput, AuditRecord } from '../../sim/audit';
import type { CommitView } from '../../store/view';

const FIRST = 'a'.repeat(40);
const SECOND = 'b'.repeat(40);

export const COMMITS: CommitView[] = [
  {
    sha: SECOND,
    subject: 'web: v2',
    message: 'web: v2\n',
    author: 'alice',
    t: 360_000,
    parents: [FIRST],
    refs: ['main', 'tag: v2'],
  },
  {
    sha: FIRST,
    subject: 'Initial commit',
    message: 'Initial commit\n',
    author: 'platform-team',
    t: 0,
    parents: [],
    refs: [],
  },
];

type Row = [
  number,
  AuditInput['cluster'],
  AuditInput['channel'],
  AuditInput['verb'],
  string,
  Partial<AuditInput>?,
];

const ROWS: Row[] = [
  [
    0,
    'gitops',
    'reconciler',
    'deploy-started',
    'reconciler',
    { revision: FIRST, operation: { trigger: 'auto' } },
  ],
  [
    0,
    'gitops',
    'reconciler',
    'deploy-succeeded',
    'reconciler',
    { revision: FIRST, operation: { trigger: 'auto' } },
  ],
  [
    0,
    'devops',
    'observer',
    'observe',
    'driftlab',
    { operation: { inSync: false, cause: 'commit' } },
  ],
  [
    160_000,
    'devops',
    'pipeline',
    'deploy-started',
    'ci-bot',
    { revision: FIRST, operation: { trigger: 'push' } },
  ],
  [
    160_000,
    'devops',
    'observer',
    'observe',
    'driftlab',
    { operation: { inSync: true, cause: 'change' } },
  ],
  [
    180_000,
    'devops',
    'pipeline',
    'deploy-succeeded',
    'ci-bot',
    { revision: FIRST, operation: { trigger: 'push' } },
  ],
  [300_000, 'devops', 'kubectl', 'update', 'bob', { object: 'Deployment/default/web' }],
  [
    300_000,
    'devops',
    'observer',
    'observe',
    'driftlab',
    { operation: { inSync: false, cause: 'change' } },
  ],
  [300_000, 'gitops', 'kubectl', 'update', 'bob', { object: 'Deployment/default/web' }],
  [
    300_000,
    'gitops',
    'observer',
    'observe',
    'driftlab',
    { operation: { inSync: false, cause: 'change' } },
  ],
  [
    301_000,
    'gitops',
    'reconciler',
    'deploy-started',
    'reconciler',
    { revision: FIRST, operation: { trigger: 'heal' } },
  ],
  [
    301_000,
    'gitops',
    'reconciler',
    'deploy-succeeded',
    'reconciler',
    { revision: FIRST, operation: { trigger: 'heal' } },
  ],
  [
    301_000,
    'gitops',
    'observer',
    'observe',
    'driftlab',
    { operation: { inSync: true, cause: 'change' } },
  ],
  [360_000, 'repo', 'git', 'commit', 'alice', { revision: SECOND }],
  [
    520_000,
    'devops',
    'pipeline',
    'deploy-started',
    'ci-bot',
    { revision: SECOND, operation: { trigger: 'push' } },
  ],
  [
    582_000,
    'devops',
    'pipeline',
    'deploy-failed',
    'ci-bot',
    { revision: SECOND, message: 'verify: rollout failed' },
  ],
  [600_000, 'devops', 'pipeline', 'rollback', 'olga', { operation: { method: 'rollout-undo' } }],
];

export const AUDIT: AuditRecord[] = ROWS.map(([t, cluster, channel, verb, actor, more], seq) => ({
  seq,
  t,
  cluster,
  channel,
  verb,
  actor,
  object: 'app/web',
  revision: null,
  changes: [],
  ...more,
}));
