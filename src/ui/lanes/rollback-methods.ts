// The rollback methods of each lane, each with one sentence on what it really does, and the
// scenario action that runs it (the same action a scenario would write).
import type { Action } from '../../sim/scenario';
import type { Lane } from './lane-types';

export type RollbackMethod = 'rollout-undo' | 'rerun' | 'git-revert' | 'history';

export interface RollbackChoice {
  method: RollbackMethod;
  label: string;
  sentence: string;
}

export const ROLLBACK_METHODS: Record<Lane, readonly RollbackChoice[]> = {
  devops: [
    {
      method: 'rollout-undo',
      label: 'Rollout undo',
      sentence: 'runs kubectl rollout undo: the cluster goes back, Git does not',
    },
    {
      method: 'rerun',
      label: 'Re-run last good run',
      sentence: 're-runs the pipeline of the last good commit: Git HEAD still names the bad one',
    },
    {
      method: 'git-revert',
      label: 'Git revert',
      sentence: 'commits a revert in Git: both lanes deploy it',
    },
  ],
  gitops: [
    {
      method: 'git-revert',
      label: 'Git revert',
      sentence: 'the GitOps way: Git and the cluster go back together',
    },
    {
      method: 'history',
      label: 'History rollback',
      sentence: 'Argo CD rollback to an earlier sync; turns auto-sync off first',
    },
    {
      method: 'rollout-undo',
      label: 'Rollout undo',
      sentence: 'kubectl rollout undo: drift the reconciler may revert',
    },
  ],
};

export function rollbackAction(lane: Lane, method: RollbackMethod): Action {
  return {
    rollback: {
      lane,
      method,
      by: 'you',
      ...(method === 'history' ? { disableAutoSync: true } : {}),
    },
  };
}
