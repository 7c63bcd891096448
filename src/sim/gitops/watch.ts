// The watch on the live cluster: a spec change to an object an app manages, or a change to the whole
// cluster, wakes the reconciler to compare (argo flavour only); anything else refreshes health.
import type { AuditRecord } from '../audit';
import type { VirtualClock } from '../clock';
import { isStatusPath } from '../cluster';
import type { Applications } from './applications';
import type { WakeReason } from './machine';
import type { GitopsOptions } from './options';

/**
 * From a live change to the reconciler comparing: the watch event, then the app's refresh in the
 * controller's queue. Argo CD notices drift "almost at once"; a second is a fair model of it.
 */
export const WATCH_LATENCY_MS = 1_000;

export interface WatchDeps {
  clock: VirtualClock;
  options: GitopsOptions;
  applications: Applications;
  wake: (reason: WakeReason) => void;
}

export class Watch {
  private watchScheduled = false;
  private healthScheduled = false;

  constructor(private readonly deps: WatchDeps) {}

  /** Argo notices a change to a live object it tracks almost at once. */
  observe(record: AuditRecord): void {
    if (record.cluster !== 'gitops' || record.channel === 'reconciler' || record.object === '*') {
      if (record.object === '*' && record.cluster === 'gitops') this.scheduleWatch();
      return;
    }
    if (record.verb !== 'create' && record.verb !== 'update' && record.verb !== 'delete') return;
    // An app's health is rolled up from its own resources' live objects only (a Deployment's from
    // its status, which its controller keeps up with its ReplicaSets and Pods): a change to any
    // other object can change neither its health nor its sync.
    if (!this.deps.applications.hasResource(record.object)) return;
    const specChange =
      record.verb === 'delete' || record.changes.some((c) => !isStatusPath(c.path));
    if (specChange) this.scheduleWatch();
    else this.scheduleHealth();
  }

  private scheduleWatch(): void {
    if (this.watchScheduled || this.deps.options.flavour !== 'argo') return this.scheduleHealth();
    this.watchScheduled = true;
    this.deps.clock.schedule(
      WATCH_LATENCY_MS,
      () => {
        this.watchScheduled = false;
        this.deps.wake('watch');
      },
      'watch',
    );
  }

  private scheduleHealth(): void {
    if (this.healthScheduled) return;
    this.healthScheduled = true;
    this.deps.clock.schedule(
      0,
      () => {
        this.healthScheduled = false;
        for (const app of this.deps.applications.all) this.deps.applications.refreshHealth(app);
      },
      'health',
    );
  }
}
