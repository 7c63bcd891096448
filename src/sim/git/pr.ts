// Pull requests: in-memory records beside the repository (like GitHub's, they are not git objects)
// and the rules GitHub enforces on them. Records are immutable: every change makes a new one, so
// a snapshot handed to the UI never changes under it.
import {
  ApprovalsRequiredError,
  PullRequestExistsError,
  PullRequestNotFoundError,
  PullRequestNotOpenError,
  SelfApprovalError,
} from './errors';
import type { PullRequest } from './types';
import { assertMessage, assertTimestamp, assertUser } from './validate';

export interface OpenRequest {
  head: string;
  base: string;
  title: string;
  user: string;
  timestamp: number;
}

export class PullRequestBook {
  private readonly records = new Map<number, PullRequest>();
  private nextId = 1;

  /** @param requiredApprovals branch protection: approvals needed before merging (GitHub's "Require approvals"). */
  constructor(readonly requiredApprovals = 0) {}

  list(): PullRequest[] {
    return [...this.records.values()];
  }

  get(id: number): PullRequest {
    const pr = this.records.get(id);
    if (!pr) throw new PullRequestNotFoundError(id);
    return pr;
  }

  open(req: OpenRequest): PullRequest {
    assertMessage(req.title, 'title');
    assertUser(req.user);
    assertTimestamp(req.timestamp);
    const duplicate = this.list().find(
      (pr) => pr.state === 'open' && pr.head === req.head && pr.base === req.base,
    );
    if (duplicate) throw new PullRequestExistsError(duplicate.id, req.head, req.base);
    const pr: PullRequest = {
      id: this.nextId++,
      title: req.title,
      author: req.user,
      head: req.head,
      base: req.base,
      state: 'open',
      approvals: [],
      createdAt: req.timestamp,
    };
    return this.save(pr);
  }

  /** Approving twice is allowed and changes nothing, as on GitHub (the latest review counts). */
  approve(id: number, user: string): PullRequest {
    assertUser(user);
    const pr = this.openOne(id);
    if (user === pr.author) throw new SelfApprovalError(id, user);
    if (pr.approvals.includes(user)) return pr;
    return this.save({ ...pr, approvals: [...pr.approvals, user] });
  }

  /** Throws unless the pull request may be merged now (the content check is the merge itself). */
  assertMergeable(id: number): PullRequest {
    const pr = this.openOne(id);
    if (pr.approvals.length < this.requiredApprovals) {
      throw new ApprovalsRequiredError(id, this.requiredApprovals, pr.approvals.length);
    }
    return pr;
  }

  markMerged(id: number, mergeSha: string, timestamp: number): PullRequest {
    return this.save({ ...this.openOne(id), state: 'merged', mergeSha, mergedAt: timestamp });
  }

  close(id: number, timestamp: number): PullRequest {
    assertTimestamp(timestamp);
    return this.save({ ...this.openOne(id), state: 'closed', closedAt: timestamp });
  }

  /** Open pull requests from or into `branch`: deleting the branch closes them, as on GitHub. */
  openOn(branch: string): PullRequest[] {
    return this.list().filter(
      (pr) => pr.state === 'open' && (pr.head === branch || pr.base === branch),
    );
  }

  private openOne(id: number): PullRequest {
    const pr = this.get(id);
    if (pr.state !== 'open') throw new PullRequestNotOpenError(id, pr.state);
    return pr;
  }

  private save(pr: PullRequest): PullRequest {
    const frozen = Object.freeze({ ...pr, approvals: Object.freeze([...pr.approvals]) });
    this.records.set(pr.id, frozen);
    return frozen;
  }
}
