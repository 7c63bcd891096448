// One audit record per change to the config repository, from what ConfigRepo reports it did.
import type { RepoChange } from '../git';
import type { AuditLog } from './log';
import type { AuditRecord } from './types';

export function recordRepoChange(
  audit: AuditLog,
  change: RepoChange,
  actor: string,
  message?: string,
): AuditRecord {
  const base = { cluster: 'repo' as const, actor, channel: 'git' as const };
  const files = (list: { path: string; status: string }[]) =>
    list.map((f) => ({ path: f.path, after: f.status }));
  switch (change.kind) {
    case 'commit':
      // A commit that started its branch (`git switch -c`): the branch is recorded first.
      if (change.createdBranch)
        audit.append({
          ...base,
          verb: 'branch',
          object: `refs/heads/${change.branch}`,
          revision: change.parents[0] ?? null,
          changes: [],
        });
      return audit.append({
        ...base,
        verb: change.kind,
        object: `refs/heads/${change.branch}`,
        revision: change.sha,
        changes: files(change.files),
        ...(message ? { message } : {}),
      });
    case 'revert':
      return audit.append({
        ...base,
        verb: change.kind,
        object: `refs/heads/${change.branch}`,
        revision: change.sha,
        changes: files(change.files),
        ...(message ? { message } : {}),
      });
    case 'pr-merge':
      return audit.append({
        ...base,
        verb: 'pr-merge',
        object: `pull/${change.pr.id}`,
        revision: change.sha,
        changes: files(change.files),
        message: change.pr.title,
      });
    case 'pr-open':
      return audit.append({
        ...base,
        verb: 'pr-open',
        object: `pull/${change.pr.id}`,
        revision: null,
        changes: [
          { path: 'head', after: change.pr.head },
          { path: 'base', after: change.pr.base },
        ],
        message: change.pr.title,
      });
    case 'pr-approve':
      return audit.append({
        ...base,
        verb: 'pr-approve',
        object: `pull/${change.pr.id}`,
        revision: null,
        changes: [{ path: 'approvals', after: [...change.pr.approvals] }],
      });
    case 'pr-close':
      return audit.append({
        ...base,
        verb: 'pr-close',
        object: `pull/${change.pr.id}`,
        revision: null,
        changes: [],
      });
    case 'tag':
      return audit.append({
        ...base,
        verb: 'tag',
        object: `refs/tags/${change.name}`,
        revision: change.sha,
        changes: [],
      });
    case 'branch-create':
      return audit.append({
        ...base,
        verb: 'branch',
        object: `refs/heads/${change.name}`,
        revision: change.sha,
        changes: [],
      });
    case 'branch-delete':
      return audit.append({
        ...base,
        verb: 'branch-delete',
        object: `refs/heads/${change.name}`,
        revision: null,
        changes: [],
      });
  }
}
