// The in-cluster controllers: Deployment, ReplicaSet, StatefulSet, Job, the kubelet's Pod lifecycle
// and the HPA.
// They run on the virtual clock from one work queue: a change to an object enqueues it (and its
// owners); the queue drains at the current instant, in insertion order, so runs are repeatable.
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { Cluster } from '../cluster';
import { refKey, refOf, type KObject, type ObjectRef, type OwnerReference } from '../object';
import type { WriteContext } from '../write';
import { syncDeployment } from './deployment';
import { HpaController } from './hpa';
import { syncJob } from './job';
import { ObjectTimers } from '../../clock';
import { Kubelet } from './kubelet';
import { syncReplicaSet } from './replicaset';
import { RolloutClock } from './rollout-clock';
import { syncStatefulSet } from './statefulset';

export interface Controllers {
  enqueue(ref: ObjectRef): void;
  /** An object was deleted: wake its owners (a ReplicaSet replaces a deleted Pod). */
  forget(ref: ObjectRef, owners: OwnerReference[]): void;
  /** A Pod is deleted: whether it stays Terminating for its grace period (kubelet.ts). */
  beginPodDeletion(pod: KObject, ctx: WriteContext, graceSeconds?: number): boolean;
  /** Cancels every pending timer (the cluster was wiped). */
  reset(): void;
  readonly rollouts: RolloutClock;
  /** How many wakes were answered without a sync (see `drain`). */
  readonly skippedSyncs: number;
}

interface Entry {
  ref: ObjectRef;
  /** Woken only by its own controller's writes to it since it was queued. */
  selfOnly: boolean;
}

/** `DRIFTLAB_VERIFY_IDLE=1` (Node only) verifies every skipped sync, in any test run. */
const VERIFY_IDLE_ENV =
  typeof process !== 'undefined' && process.env?.['DRIFTLAB_VERIFY_IDLE'] === '1';

/**
 * @param verifyIdle sync the entries that are skipped anyway, and throw if one writes anything:
 *   the check that skipping them changes nothing (controllers.test.ts).
 */
export function createControllers(cluster: Cluster, verifyIdle = VERIFY_IDLE_ENV): Controllers {
  let skipped = 0;
  const queue = new Map<string, Entry>();
  let scheduled: number | null = null;
  let draining = false;
  /** The key of the object a controller is syncing now. */
  let syncing: string | null = null;
  const kubelet = new Kubelet(cluster);
  const hpa = new HpaController(cluster);
  const rollouts = new RolloutClock(cluster);
  const replicaSets = {
    counters: new Map<string, number>(),
    timers: new ObjectTimers(cluster.clock, 'replicaset'),
  };
  const jobs = {
    counters: new Map<string, number>(),
    timers: new ObjectTimers(cluster.clock, 'job'),
  };
  const statefulSets = {
    revisions: new Map<string, Map<string, PodTemplateSpec>>(),
    timers: new ObjectTimers(cluster.clock, 'statefulset'),
  };

  /**
   * A controller's sync leaves its object as it wants it, from what it read: its own object and
   * that object's dependents (a ReplicaSet's Pods, a Deployment's ReplicaSets). So an entry woken
   * only by that controller's own writes to the object, with no dependent or timer waking it
   * since, would find nothing to do: it keeps its place in the queue (the order of the trail is
   * the same), but the sync is skipped. The HPA reads another object (its target), so it always
   * syncs.
   */
  const drain = () => {
    scheduled = null;
    draining = true;
    // A bound on rounds keeps a controller bug from spinning forever at one instant.
    for (let round = 0; queue.size > 0 && round < 10_000; round++) {
      const [key, entry] = queue.entries().next().value as [string, Entry];
      queue.delete(key);
      const obj = cluster.get(entry.ref);
      if (!obj) continue;
      if (entry.selfOnly && obj.kind !== 'HorizontalPodAutoscaler') {
        skipped++;
        if (verifyIdle) syncIdle(obj);
      } else sync(key, obj);
      for (const owner of obj.metadata.ownerReferences ?? [])
        add({ kind: owner.kind, name: owner.name, namespace: entry.ref.namespace });
    }
    draining = false;
  };

  const sync = (key: string, obj: KObject) => {
    syncing = key;
    try {
      switch (obj.kind) {
        case 'Deployment':
          syncDeployment(cluster, obj, rollouts);
          break;
        case 'ReplicaSet':
          syncReplicaSet(cluster, obj, replicaSets);
          break;
        case 'Job':
          syncJob(cluster, obj, jobs);
          break;
        case 'StatefulSet':
          syncStatefulSet(cluster, obj, statefulSets);
          break;
        case 'Pod':
          kubelet.observe(obj);
          break;
        case 'HorizontalPodAutoscaler':
          hpa.observe(obj);
          break;
      }
    } finally {
      syncing = null;
    }
  };

  const syncIdle = (obj: KObject) => {
    const version = cluster.version;
    sync(refKey(refOf(obj)), obj);
    if (cluster.version !== version)
      throw new Error(`controllers: a skipped sync of ${refKey(refOf(obj))} was not idle`);
  };

  /** Wakes `ref`; `self` when the write came from the sync of that very object. */
  const add = (ref: ObjectRef, self = false) => {
    if (ref.kind === '*') return;
    const key = refKey(ref);
    const queued = queue.get(key);
    if (queued) queued.selfOnly &&= self;
    else queue.set(key, { ref, selfOnly: self });
    if (scheduled === null && !draining)
      scheduled = cluster.clock.schedule(0, drain, `controllers:${cluster.name}`);
  };

  return {
    enqueue: (ref) => add(ref, syncing !== null && refKey(ref) === syncing),
    forget(ref, owners) {
      for (const owner of owners)
        add({ kind: owner.kind, name: owner.name, namespace: ref.namespace });
      kubelet.forget(ref);
      replicaSets.timers.cancel(refKey(ref));
      jobs.timers.cancel(refKey(ref));
      statefulSets.timers.cancel(refKey(ref));
      statefulSets.revisions.delete(refKey(ref));
      hpa.forget(ref);
    },
    get skippedSyncs() {
      return skipped;
    },
    beginPodDeletion: (pod, ctx, graceSeconds) => kubelet.beginDeletion(pod, ctx, graceSeconds),
    reset() {
      queue.clear();
      if (scheduled !== null) cluster.clock.cancel(scheduled);
      scheduled = null;
      kubelet.reset();
      hpa.reset();
      rollouts.reset();
      replicaSets.counters.clear();
      replicaSets.timers.reset();
      jobs.counters.clear();
      jobs.timers.reset();
      statefulSets.revisions.clear();
      statefulSets.timers.reset();
    },
    rollouts,
  };
}
