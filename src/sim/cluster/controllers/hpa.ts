// The HorizontalPodAutoscaler controller. Every 15 s (the controller's default sync period) it
// keeps its target's `spec.replicas` between minReplicas and maxReplicas and writes that field
// through the scale subresource, so it owns `spec.replicas`: the classic fight with a GitOps
// reconciler whose manifest also sets replicas (settled with ignoreDifferences).
//
// Simplification: there is no metrics server. Load is simulated as a steady 40 % CPU, so the HPA
// only ever moves replicas back into [minReplicas, maxReplicas].
import type { ScaleSpec } from 'kubernetes-types/autoscaling/v1';
import type {
  HorizontalPodAutoscalerSpec,
  HorizontalPodAutoscalerStatus,
} from 'kubernetes-types/autoscaling/v2';
import { ObjectTimers } from '../../clock';
import type { Cluster } from '../cluster';
import { isClusterError } from '../errors';
import { refKey, refOf, type KObject, type ObjectRef } from '../object';

export const HPA_SYNC_PERIOD_MS = 15_000;
const SIMULATED_CPU_PERCENT = 40;
const CTX = {
  actor: 'horizontal-pod-autoscaler',
  channel: 'controller' as const,
  manager: 'horizontal-pod-autoscaler',
  revision: null,
};

/** A stored HPA's spec: the API server defaults minReplicas to 1 (defaults.ts). */
type HpaSpec = HorizontalPodAutoscalerSpec &
  Required<Pick<HorizontalPodAutoscalerSpec, 'minReplicas'>>;

export class HpaController {
  private readonly timers: ObjectTimers;

  constructor(private readonly cluster: Cluster) {
    this.timers = new ObjectTimers(cluster.clock, 'hpa');
  }

  observe(hpa: KObject): void {
    const ref = refOf(hpa);
    if (this.timers.has(refKey(ref))) return;
    this.schedule(ref);
  }

  forget(ref: ObjectRef): void {
    this.timers.cancel(refKey(ref));
  }

  reset(): void {
    this.timers.reset();
  }

  private schedule(ref: ObjectRef): void {
    this.timers.set(refKey(ref), HPA_SYNC_PERIOD_MS, () => {
      const hpa = this.cluster.get(ref);
      if (!hpa) return;
      this.sync(hpa);
      this.schedule(ref);
    });
  }

  private sync(hpa: KObject): void {
    const spec = hpa.spec as HpaSpec;
    const targetRef = {
      kind: spec.scaleTargetRef.kind,
      name: spec.scaleTargetRef.name,
      namespace: hpa.metadata.namespace,
    };
    const target = this.cluster.get(targetRef);
    if (!target) {
      this.writeStatus(hpa, {
        currentReplicas: 0,
        desiredReplicas: 0,
        conditions: [
          {
            type: 'AbleToScale',
            status: 'False',
            reason: 'FailedGetScale',
            message: `the HPA controller was unable to get the target's current scale: ${this.cluster.notFound(targetRef).message.replace('Error from server (NotFound): ', '')}`,
          },
        ],
      } satisfies HorizontalPodAutoscalerStatus);
      return;
    }
    const current = (target.spec as ScaleSpec).replicas ?? 1;
    const desired = Math.min(spec.maxReplicas, Math.max(spec.minReplicas, current));
    if (desired !== current) {
      try {
        this.cluster.update(targetRef, CTX, (d) => {
          (d.spec as ScaleSpec).replicas = desired;
        });
      } catch (e) {
        // The API server refused the scale (the cluster's Pod quota): the HPA says so and retries.
        if (!isClusterError(e)) throw e;
        this.writeStatus(hpa, {
          currentReplicas: current,
          desiredReplicas: desired,
          conditions: [
            {
              type: 'AbleToScale',
              status: 'False',
              reason: 'FailedUpdateScale',
              message: `the HPA controller was unable to update the target scale: ${e.message.replace(/^Error from server \(\w+\): /, '')}`,
            },
          ],
        } satisfies HorizontalPodAutoscalerStatus);
        return;
      }
    }
    const limited = desired !== current;
    this.writeStatus(hpa, {
      currentReplicas: current,
      desiredReplicas: desired,
      currentMetrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', current: { averageUtilization: SIMULATED_CPU_PERCENT } },
        },
      ],
      conditions: [
        {
          type: 'AbleToScale',
          status: 'True',
          reason: 'ReadyForNewScale',
          message: 'recommended size matches current size',
        },
        {
          type: 'ScalingActive',
          status: 'True',
          reason: 'ValidMetricFound',
          message:
            'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
        },
        limited
          ? {
              type: 'ScalingLimited',
              status: 'True',
              reason: desired > current ? 'TooFewReplicas' : 'TooManyReplicas',
              message: `the desired replica count is ${desired > current ? 'less' : 'more'} than the ${desired > current ? 'minimum' : 'maximum'} replica count`,
            }
          : {
              type: 'ScalingLimited',
              status: 'False',
              reason: 'DesiredWithinRange',
              message: 'the desired count is within the acceptable range',
            },
      ],
    } satisfies HorizontalPodAutoscalerStatus);
  }

  private writeStatus(hpa: KObject, status: Record<string, unknown>): void {
    this.cluster.updateStatus(refOf(hpa), CTX, status);
  }
}
