// DriftLab's observer: after every change that could matter (a commit on the watched branch, a
// change to an object Git declares or a lane created), it checks each lane's cluster against Git
// HEAD and writes an `observe` record when the answer flips. The lanes never read these records:
// they are the omniscient view the metrics (time out of sync, drift events) are computed from.
import type { AuditLog, AuditRecord, ClusterName } from '../audit';
import { ClusterCache } from '../cache/cluster-cache';
import type { VirtualClock } from '../clock';
import { isStatusPath } from '../cluster';
import type { AppSyncView } from '../compare/types';
import type { ConfigRepo } from '../git';
import { safeRecord } from '../safe-keys';
import { appSyncView, type LaneSubject } from './in-sync';

export interface LaneObservation {
  inSyncWithGit: boolean;
  apps: Record<string, AppSyncView>;
  head: string;
}

interface Watched {
  subject: LaneSubject;
  last: LaneObservation | null;
  /** Object keys that matter to this lane: declared at HEAD, created by it, or differing. */
  matter: readonly ReadonlySet<string>[];
  /** The first change since the last check that touched one of those keys. */
  cause: AuditRecord | null;
  /** The ignore rules of the last check (a new rule is a new list: lanes replace, never edit). */
  ignore: LaneSubject['ignoreDifferences'] | null;
  /**
   * Something the last check's answer was made from may have been written since: an object that
   * matters (status included: it sets the health shown), or any object by someone other than a
   * controller (a lane or a person may have created, tracked or untracked one).
   */
  touched: boolean;
  /**
   * The keys of the objects the lane created, per app, at the last check. A re-apply that
   * changes nothing writes no record, yet may add a key (the lanes keep these lists as the same
   * array while nothing is added or removed).
   */
  created: readonly (readonly string[])[];
}

export class Observer {
  private readonly lanes = new Map<ClusterName, Watched>();
  private scheduled = false;

  constructor(
    private readonly repo: ConfigRepo,
    private readonly branch: string,
    private readonly clock: VirtualClock,
    private readonly audit: AuditLog,
  ) {
    audit.subscribe((r) => this.onRecord(r));
  }

  watch(name: ClusterName, subject: LaneSubject): void {
    this.lanes.set(name, {
      subject,
      last: null,
      matter: [],
      cause: null,
      ignore: null,
      touched: true,
      created: [],
    });
    this.schedule();
  }

  /** The latest observation of a lane (null before the first check). */
  observation(name: ClusterName): LaneObservation | null {
    return this.lanes.get(name)?.last ?? null;
  }

  /**
   * Checks now (a runner calls this before it reports, so the answer is current). A check the
   * observer scheduled itself passes `changedOnly`: a lane is then checked only when a change that
   * matters to it came since its last check, HEAD moved or its ignore rules changed. Nothing else
   * can flip its answer; the health its apps show may have moved on, and the next full check
   * brings it up to date. A full check skips a lane too when nothing its last answer was made from
   * was written since, health included, and the lane created no other objects.
   */
  async check(changedOnly = false): Promise<void> {
    this.scheduled = false;
    const head = await this.repo.resolve(this.branch);
    for (const [name, w] of this.lanes) {
      const ignore = w.subject.ignoreDifferences;
      // The lane's own objects are asked for once (for GitOps they follow the cluster's journal).
      const created = w.subject.apps.map((app) => w.subject.createdKeys(app));
      const same = w.cause === null && w.last?.head === head && w.ignore === ignore;
      const sameCreated =
        created.length === w.created.length && created.every((keys, i) => keys === w.created[i]);
      if (same && (changedOnly || (!w.touched && sameCreated))) continue;
      w.ignore = ignore;
      w.touched = false;
      w.created = created;
      const apps = safeRecord<AppSyncView>();
      const matter: ReadonlySet<string>[] = [];
      const differing = new Set<string>();
      const cache = ClusterCache.of(w.subject.cluster);
      for (const [i, app] of w.subject.apps.entries()) {
        const observed = cache.observed(app.name);
        const view = await appSyncView(this.repo, head, w.subject, app, observed, created[i]);
        apps[app.name] = view;
        for (const k of view.differing) differing.add(k);
        // What the view was made from: the keys its manifests declare, the objects the lane made.
        const { declared, created: made } = observed;
        matter.push(declared ?? new Set(), made ?? new Set(created[i]));
      }
      w.matter = [...matter, differing];
      const inSync = Object.values(apps).every((a) => a.inSyncWithGit);
      const flipped = w.last === null ? !inSync : w.last.inSyncWithGit !== inSync;
      if (flipped) {
        // Out of sync because Git moved ahead is a pending deployment, not drift; back in sync by a
        // commit (a revert that matches the cluster) is a commit too.
        const headMoved = w.last === null || w.last.head !== head;
        const cause = !inSync ? (headMoved ? 'commit' : 'change') : w.cause ? 'change' : 'commit';
        const differing = Object.values(apps).flatMap((a) => a.differing);
        this.audit.append({
          cluster: name,
          actor: 'driftlab',
          channel: 'observer',
          verb: 'observe',
          object: 'cluster',
          revision: head,
          changes: differing.map((path) => ({ path })),
          message: inSync
            ? 'in sync with Git'
            : `out of sync with Git: ${differing.join(', ') || 'manifests do not parse'}`,
          operation: {
            inSync,
            cause,
            ...(cause === 'change' && w.cause ? { causeSeq: w.cause.seq } : {}),
          },
        });
      }
      w.last = { inSyncWithGit: inSync, apps, head };
      w.cause = null;
    }
  }

  private onRecord(r: AuditRecord): void {
    if (r.channel === 'observer') return;
    if (r.cluster === 'repo') {
      if (r.verb === 'commit' || r.verb === 'revert' || r.verb === 'pr-merge') this.schedule();
      return;
    }
    if (r.verb !== 'create' && r.verb !== 'update' && r.verb !== 'delete') return;
    const w = this.lanes.get(r.cluster);
    if (!w) return;
    const matters = r.object === '*' || w.matter.some((keys) => keys.has(r.object));
    if (matters || r.channel !== 'controller') w.touched = true;
    const relevant =
      r.object === '*' ||
      (matters && (r.verb === 'delete' || r.changes.some((c) => !isStatusPath(c.path))));
    if (!relevant) return;
    w.cause ??= r;
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.clock.schedule(0, () => this.clock.track(this.check(true)), 'observer');
  }
}
