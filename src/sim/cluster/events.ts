// Kubernetes Events: what the controllers, the scheduler and the kubelet say about an object
// ("why did this happen"), as `kubectl get events` and the Events section of `describe` show them.
// They are not the audit trail: they are lossy, aggregated and expire.
//
// Like client-go's event recorder (tools/record/events_cache.go, EventLogger), an event equal to
// an earlier one (same source, involved object, type, reason and message) is not stored again:
// the earlier one's `count` grows and its `lastTimestamp` moves. Like the API server
// (`--event-ttl`, default 1 h), events not seen for an hour are dropped, and the store keeps at
// most `limit` events per cluster (oldest last-seen first out), so a crash loop running for days
// costs one entry, not thousands.
//
// Simplification: the recorder's second aggregation (ten similar events with different messages
// within 10 minutes combined into one "(combined from similar events)") is not modelled.
import type { VirtualClock } from '../clock';
import { refKey, type KObject, type ObjectRef } from './object';

export type EventType = 'Normal' | 'Warning';

export interface KubeEvent {
  /** The involved object's namespace (`default` for a cluster-scoped object). */
  readonly namespace: string;
  readonly involvedObject: Readonly<ObjectRef & { uid?: string }>;
  readonly type: EventType;
  readonly reason: string;
  readonly message: string;
  /** `source.component`: `kubelet`, `default-scheduler`, `replicaset-controller`... */
  readonly source: string;
  readonly count: number;
  /** Virtual ms. */
  readonly firstTimestamp: number;
  readonly lastTimestamp: number;
}

export const EVENT_TTL_MS = 3_600_000;
export const EVENT_LIMIT = 1_000;

export interface EventFilter {
  namespace?: string;
  /** `--field-selector involvedObject.name=NAME` */
  name?: string;
  kind?: string;
}

export class EventStore {
  // In order of last sighting: a repeat moves to the end, so expiry and eviction take the front.
  private readonly events = new Map<string, KubeEvent>();
  private recorded = 0;

  constructor(
    private readonly clock: VirtualClock,
    private readonly limit = EVENT_LIMIT,
    private readonly ttlMs = EVENT_TTL_MS,
  ) {}

  record(obj: KObject, type: EventType, reason: string, message: string, source: string): void {
    const { kind, metadata } = obj;
    const involved = {
      kind,
      name: metadata.name,
      ...(metadata.namespace === undefined ? {} : { namespace: metadata.namespace }),
      ...(metadata.uid === undefined ? {} : { uid: metadata.uid }),
    };
    const key = `${source}|${refKey(involved)}|${metadata.uid ?? ''}|${type}|${reason}|${message}`;
    const now = this.clock.now();
    this.recorded++;
    const seen = this.events.get(key);
    this.events.delete(key);
    this.events.set(
      key,
      Object.freeze(
        seen
          ? { ...seen, count: seen.count + 1, lastTimestamp: now }
          : {
              namespace: metadata.namespace ?? 'default',
              involvedObject: Object.freeze(involved),
              type,
              reason,
              message,
              source,
              count: 1,
              firstTimestamp: now,
              lastTimestamp: now,
            },
      ),
    );
    this.expire(now);
  }

  /** Events oldest last-seen first. */
  list(filter: EventFilter = {}): KubeEvent[] {
    this.expire(this.clock.now());
    const out: KubeEvent[] = [];
    for (const e of this.events.values()) {
      if (filter.namespace !== undefined && e.namespace !== filter.namespace) continue;
      if (filter.name !== undefined && e.involvedObject.name !== filter.name) continue;
      if (filter.kind !== undefined && e.involvedObject.kind !== filter.kind) continue;
      out.push(e);
    }
    return out;
  }

  /** The events about one object (describe's Events section). */
  about(ref: ObjectRef): KubeEvent[] {
    return this.list({ namespace: ref.namespace ?? 'default', name: ref.name, kind: ref.kind });
  }

  /** Counts every record (a repeat too): views built from the events are current while it is. */
  get version(): number {
    return this.recorded;
  }

  get size(): number {
    return this.events.size;
  }

  clear(): void {
    this.events.clear();
  }

  private expire(now: number): void {
    for (const [key, e] of this.events) {
      if (this.events.size <= this.limit && now - e.lastTimestamp < this.ttlMs) break;
      this.events.delete(key);
    }
  }
}
