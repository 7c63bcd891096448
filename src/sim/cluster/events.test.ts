// The event store aggregates as client-go's event recorder does (tools/record/events_cache.go:
// an identical event bumps count and lastTimestamp) and forgets as the API server does
// (`--event-ttl`, default 1 h; kubernetes.io/docs/reference/kubernetes-api/cluster-resources/
// event-v1: count, firstTimestamp, lastTimestamp).
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock';
import { EventStore } from './events';
import type { KObject } from './object';

const pod = (name: string): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', uid: `uid-${name}` },
});

describe('Kubernetes events', () => {
  it('aggregates a repeated event into one with a count, first and last seen', async () => {
    const clock = new VirtualClock();
    const events = new EventStore(clock);
    events.record(pod('web-a'), 'Warning', 'BackOff', 'Back-off restarting', 'kubelet');
    await clock.advanceTo(10_000);
    events.record(pod('web-a'), 'Normal', 'Pulled', 'already present', 'kubelet');
    await clock.advanceTo(30_000);
    events.record(pod('web-a'), 'Warning', 'BackOff', 'Back-off restarting', 'kubelet');
    expect(
      events.list().map((e) => [e.reason, e.count, e.firstTimestamp, e.lastTimestamp]),
    ).toEqual([
      ['Pulled', 1, 10_000, 10_000],
      ['BackOff', 2, 0, 30_000],
    ]);
  });

  it('keeps events of different objects or messages apart', () => {
    const events = new EventStore(new VirtualClock());
    events.record(pod('web-a'), 'Normal', 'Pulling', 'Pulling image "web:1.0"', 'kubelet');
    events.record(pod('web-b'), 'Normal', 'Pulling', 'Pulling image "web:1.0"', 'kubelet');
    events.record(pod('web-a'), 'Normal', 'Pulling', 'Pulling image "web:2.0"', 'kubelet');
    expect(events.size).toBe(3);
    expect(events.about({ kind: 'Pod', name: 'web-a', namespace: 'default' })).toHaveLength(2);
  });

  it('drops events not seen for an hour, and the oldest beyond its limit', async () => {
    const clock = new VirtualClock();
    const events = new EventStore(clock, 3);
    events.record(pod('a'), 'Normal', 'Started', 'x', 'kubelet');
    await clock.advanceTo(3_000_000);
    for (const name of ['b', 'c', 'd'])
      events.record(pod(name), 'Normal', 'Started', 'x', 'kubelet');
    expect(events.list().map((e) => e.involvedObject.name)).toEqual(['b', 'c', 'd']);
    await clock.advanceTo(3_000_000 + 3_600_000);
    expect(events.list()).toEqual([]);
  });
});
