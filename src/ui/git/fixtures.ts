// Hand-made repository views for the Git panel's tests: a root commit, a branch merged through a
// pull request (a merge commit with two parents), a tag, a revert, and an open pull request.
import type { CommitView, PullRequestView, SandboxView } from '../../store/view';

const sha = (c: string) => c.repeat(40);

export const ROOT = sha('1');
export const FEATURE = sha('2');
export const MERGE = sha('3');
export const REVERT = sha('4');
export const PR_TIP = sha('5');

export const COMMITS: CommitView[] = [
  {
    sha: PR_TIP,
    subject: 'web: 3 replicas',
    message: 'web: 3 replicas\n',
    author: 'you',
    t: 1_200_000,
    parents: [REVERT],
    refs: ['you/deployment-1'],
  },
  {
    sha: REVERT,
    subject: 'Revert "web: first Deployment"',
    message: `Revert "web: first Deployment"\n\nThis reverts commit ${FEATURE}.\n`,
    author: 'olga',
    t: 1_000_000,
    parents: [MERGE],
    refs: ['main'],
  },
  {
    sha: MERGE,
    subject: 'Merge pull request #1 from add-web',
    message: 'Merge pull request #1 from add-web\n\nDeploy web 1.0\n',
    author: 'alice',
    t: 900_000,
    parents: [ROOT, FEATURE],
    refs: ['tag: v1'],
  },
  {
    sha: FEATURE,
    subject: 'web: first Deployment',
    message: 'web: first Deployment\n',
    author: 'alice',
    t: 300_000,
    parents: [ROOT],
    refs: ['add-web'],
  },
  {
    sha: ROOT,
    subject: 'Initial commit',
    message: 'Initial commit\n',
    author: 'platform-team',
    t: 0,
    parents: [],
    refs: [],
  },
];

export const PULL_REQUESTS: PullRequestView[] = [
  {
    id: 1,
    title: 'Deploy web 1.0',
    author: 'alice',
    head: 'add-web',
    base: 'main',
    state: 'merged',
    approvals: ['bob'],
  },
  {
    id: 2,
    title: 'web: 3 replicas',
    author: 'you',
    head: 'you/deployment-1',
    base: 'main',
    state: 'open',
    approvals: [],
  },
];

/** A view with only what the Git panel and the timeline read; the lanes are left out. */
export function repoView(over: Partial<SandboxView> = {}): SandboxView {
  return {
    t: 1_200_000,
    seed: 1,
    head: REVERT,
    commits: COMMITS,
    pullRequests: PULL_REQUESTS,
    lanes: {} as SandboxView['lanes'],
    metrics: {} as SandboxView['metrics'],
    audit: [],
    auditSize: 0,
    ...over,
  };
}
