// The simulated load on workloads, the only "metrics server" there is: what CPU a Pod uses.
// - An image may declare its CPU use per Pod (`images: { web:1.0: { cpu: 250m } }`): each Ready
//   Pod of that image uses that much, however many there are.
// - A scenario step may set a workload's load (`load: { lane, target: deployment/web, cpu: 900m }`):
//   the total CPU its traffic needs, shared evenly by its Ready Pods, so more replicas each use
//   less, and the HPA settles where usage per Pod meets its target.
// A Pod that is not Running and Ready reports no metric (the metrics server has none for it).
//
// Simplification: usage is steady and exact (no noise, no lag); memory has no model.
import type { PodSpec } from 'kubernetes-types/core/v1';
import type { ImageCatalog } from './images';
import type { KObject, ObjectRef } from './object';

export class LoadModel {
  private readonly totals = new Map<string, number>();

  /** Sets (or, with null, clears) the total CPU in millicores of a workload's traffic. */
  set(target: ObjectRef, millicores: number | null): void {
    const key = keyOf(target);
    if (millicores === null) this.totals.delete(key);
    else this.totals.set(key, millicores);
  }

  /** The total CPU in millicores set for a workload, or undefined when none was set. */
  total(target: ObjectRef): number | undefined {
    return this.totals.get(keyOf(target));
  }

  /**
   * The CPU each of `readyPods` uses, in millicores: the workload's load shared evenly, else
   * what its images declare per Pod (0 for an image that declares nothing: an idle service).
   */
  perPod(target: ObjectRef, pod: KObject, readyPods: number, images: ImageCatalog): number {
    const total = this.total(target);
    if (total !== undefined) return readyPods > 0 ? total / readyPods : 0;
    return ((pod.spec as PodSpec).containers ?? []).reduce(
      (sum, c) => sum + (c.image ? (images(c.image).cpuMillis ?? 0) : 0),
      0,
    );
  }

  clear(): void {
    this.totals.clear();
  }
}

const keyOf = (ref: ObjectRef) => `${ref.kind}/${ref.namespace ?? 'default'}/${ref.name}`;
