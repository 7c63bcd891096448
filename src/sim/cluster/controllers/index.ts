// The in-cluster controllers: Deployment, ReplicaSet, StatefulSet, the kubelet's Pod lifecycle and
// the HPA.
// They run on the virtual clock from one work queue: a change to an object enqueues it (and its
// owners); the queue drains at the current instant, in insertion order, so runs are repeatable.
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { Cluster } from '../cluster';
import { refKey, type KObject, type ObjectRef, type OwnerReference } from '../object';
import type { WriteContext } from '../write';
import { syncDeployment } from './deployment';
import { HpaController } from './hpa';
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
}

export function createControllers(cluster: Cluster): Controllers {
  const queue = new Map<string, ObjectRef>();
  let scheduled: number | null = null;
  let draining = false;
  const kubelet = new Kubelet(cluster);
  const hpa = new HpaController(cluster);
  const rollouts = new RolloutClock(cluster);
  const replicaSets = {
    counters: new Map<string, number>(),
    timers: new ObjectTimers(cluster.clock, 'replicaset'),
  };
  const statefulSets = {
    revisions: new Map<string, Map<string, PodTemplateSpec>>(),
    timers: new ObjectTimers(cluster.clock, 'statefulset'),
  };

  const drain = () => {
    scheduled = null;
    draining = true;
    // A bound on rounds keeps a controller bug from spinning forever at one instant.
    for (let round = 0; queue.size > 0 && round < 10_000; round++) {
      const [key, ref] = queue.entries().next().value as [string, ObjectRef];
      queue.delete(key);
      const obj = cluster.get(ref);
      if (!obj) continue;
      switch (obj.kind) {
        case 'Deployment':
          syncDeployment(cluster, obj, rollouts);
          break;
        case 'ReplicaSet':
          syncReplicaSet(cluster, obj, replicaSets);
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
      for (const owner of obj.metadata.ownerReferences ?? [])
        add({ kind: owner.kind, name: owner.name, namespace: ref.namespace });
    }
    draining = false;
  };

  const add = (ref: ObjectRef) => {
    if (ref.kind === '*') return;
    queue.set(refKey(ref), ref);
    if (scheduled === null && !draining)
      scheduled = cluster.clock.schedule(0, drain, `controllers:${cluster.name}`);
  };

  return {
    enqueue: add,
    forget(ref, owners) {
      for (const owner of owners)
        add({ kind: owner.kind, name: owner.name, namespace: ref.namespace });
      kubelet.forget(ref);
      replicaSets.timers.cancel(refKey(ref));
      statefulSets.timers.cancel(refKey(ref));
      statefulSets.revisions.delete(refKey(ref));
      hpa.forget(ref);
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
      statefulSets.revisions.clear();
      statefulSets.timers.reset();
    },
    rollouts,
  };
}
