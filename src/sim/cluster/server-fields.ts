// The fields the API server itself sets on every object it stores: uid, creationTimestamp and
// generation, then Kubernetes' defaults (defaults.ts), with uids and cluster IPs counted per cluster.
import type { ClusterName } from '../audit';
import type { VirtualClock } from '../clock';
import { applyDefaults } from './defaults';
import { sameValue } from './equal';
import type { KObject } from './object';
import { isoTime } from './time';

export class ServerFields {
  private uidCounter = 0;
  private ipCounter = 0;

  constructor(
    private readonly cluster: ClusterName,
    private readonly clock: Pick<VirtualClock, 'now'>,
  ) {}

  /**
   * Sets them on `next`, the object about to replace `existing` (absent for a create): the
   * generation moves only when something beyond metadata and status changed, as in Kubernetes.
   */
  stamp(existing: KObject | undefined, next: KObject): void {
    if (!existing) {
      next.metadata.uid = this.nextUid();
      next.metadata.creationTimestamp = isoTime(this.clock.now());
      next.metadata.generation = 1;
    } else if (!sameValue(withoutMeta(existing), withoutMeta(next))) {
      next.metadata.generation = (existing.metadata.generation ?? 1) + 1;
    }
    applyDefaults(next, { nextClusterIP: () => this.nextClusterIP() });
  }

  private nextUid(): string {
    const n = (++this.uidCounter).toString(16).padStart(12, '0');
    const c = this.cluster === 'devops' ? 'd' : 'a';
    return `${c}0000000-0000-4000-8000-${n}`;
  }

  private nextClusterIP(): string {
    const n = ++this.ipCounter;
    return `10.96.${Math.floor(n / 250)}.${(n % 250) + 1}`;
  }
}

function withoutMeta(obj: KObject): unknown {
  const { metadata: _m, status: _s, ...rest } = obj;
  return rest;
}
