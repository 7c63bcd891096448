// The HorizontalPodAutoscaler controller (kubernetes.io/docs/tasks/run-application/
// horizontal-pod-autoscale; pkg/controller/podautoscaler/horizontal.go). Every 15 s (the
// controller's default sync period) it reads its target's scale and:
// - replicas outside [minReplicas, maxReplicas]: moves them inside, no metric needed;
// - else computes desired = ceil(current × usage / target) from the Pods' CPU (hpa-metrics.ts,
//   usage from load.ts), keeps the highest recommendation of the last 5 minutes when scaling down
//   (the default scale-down stabilization window, 300 s), limits a scale-up to double or +4 Pods,
//   and clamps to [min, max];
// - without a CPU request or a metric: ScalingActive=False, FailedGetResourceMetric, no scaling.
// It writes `spec.replicas` through the scale subresource, so it owns the field: the classic
// fight with a GitOps reconciler whose manifest also sets replicas (settled with
// ignoreDifferences). Conditions and events use the controller's reasons and messages.
//
// Simplification: the scale-up rate limit counts from the current replicas, not from the count of
// the last 15 s; `behavior` is not read (the defaults apply); conditions carry no transition time.
import type { ScaleSpec } from 'kubernetes-types/autoscaling/v1';
import type {
  HorizontalPodAutoscalerCondition as Condition,
  HorizontalPodAutoscalerSpec,
  MetricStatus,
} from 'kubernetes-types/autoscaling/v2';
import { ObjectTimers } from '../../clock';
import type { Cluster } from '../cluster';
import { isClusterError } from '../errors';
import type { EventType } from '../events';
import { refKey, refOf, type KObject, type ObjectRef } from '../object';
import { isoTime } from '../time';
import { metricSpecs, recommend } from './hpa-metrics';

export const HPA_SYNC_PERIOD_MS = 15_000;
export const DOWNSCALE_STABILIZATION_MS = 300_000;
const SOURCE = 'horizontal-pod-autoscaler';
const CTX = {
  actor: SOURCE,
  channel: 'controller' as const,
  manager: SOURCE,
  revision: null,
};

/** A stored HPA's spec: the API server defaults minReplicas to 1 (defaults.ts). */
type HpaSpec = HorizontalPodAutoscalerSpec &
  Required<Pick<HorizontalPodAutoscalerSpec, 'minReplicas'>>;
type Status = {
  desiredReplicas?: number;
  currentMetrics?: MetricStatus[];
  conditions?: Condition[];
  lastScaleTime?: string;
};

export class HpaController {
  private readonly timers: ObjectTimers;
  /** Each HPA's raw recommendations of the last 5 minutes (the stabilization window). */
  private readonly recommendations = new Map<string, { at: number; replicas: number }[]>();

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
    this.recommendations.delete(refKey(ref));
  }

  reset(): void {
    this.timers.reset();
    this.recommendations.clear();
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
    const previous = (hpa.status ?? {}) as Status;
    const conditions = new Conditions(previous.conditions);
    const targetRef = {
      kind: spec.scaleTargetRef.kind,
      name: spec.scaleTargetRef.name,
      namespace: hpa.metadata.namespace,
    };
    const target = this.cluster.get(targetRef);
    if (!target) {
      const message = `the HPA controller was unable to get the target's current scale: ${this.cluster.notFound(targetRef).message.replace('Error from server (NotFound): ', '')}`;
      conditions.set('AbleToScale', 'False', 'FailedGetScale', message);
      this.event(hpa, 'Warning', 'FailedGetScale', message);
      this.writeStatus(hpa, { ...previous, currentReplicas: 0, desiredReplicas: 0, conditions });
      return;
    }
    conditions.set(
      'AbleToScale',
      'True',
      'SucceededGetScale',
      "the HPA controller was able to get the target's current scale",
    );
    const current = (target.spec as ScaleSpec).replicas ?? 1;
    const { minReplicas: min, maxReplicas: max } = spec;
    let currentMetrics = previous.currentMetrics;
    let desired: number;
    let reason = '';
    if (current === 0 && min !== 0) {
      desired = 0;
      conditions.set(
        'ScalingActive',
        'False',
        'ScalingDisabled',
        'scaling is disabled since the replica count of the target is zero',
      );
    } else if (current > max) {
      desired = max;
      reason = 'Current number of replicas above Spec.MaxReplicas';
    } else if (current < min) {
      desired = min;
      reason = 'Current number of replicas below Spec.MinReplicas';
    } else {
      const pods = this.targetPods(target);
      const usage = (pod: KObject, ready: number) =>
        this.cluster.load.perPod(targetRef, pod, ready, this.cluster.images);
      const metrics = metricSpecs(spec as unknown as Record<string, unknown>);
      const recs = metrics.map((m) => recommend(m, current, pods, usage));
      const failed = recs.find((r) => !r.ok);
      if (failed && !failed.ok) {
        conditions.set(
          'ScalingActive',
          'False',
          'FailedGetResourceMetric',
          `the HPA was unable to compute the replica count: ${failed.error}`,
        );
        this.event(hpa, 'Warning', 'FailedGetResourceMetric', failed.error);
        this.event(
          hpa,
          'Warning',
          'FailedComputeMetricsReplicas',
          `invalid metrics (${recs.filter((r) => !r.ok).length} invalid out of ${recs.length}), first error is: failed to get cpu resource metric value: ${failed.error}`,
        );
        const { currentMetrics: _, ...rest } = previous;
        this.writeStatus(hpa, {
          ...rest,
          currentReplicas: current,
          desiredReplicas: previous.desiredReplicas ?? current,
          conditions,
        });
        return;
      }
      const ok = recs.flatMap((r) => (r.ok ? [r] : []));
      const best = ok.reduce((a, b) => (b.replicas > a.replicas ? b : a));
      currentMetrics = ok.map((r) => ({
        type: 'Resource',
        resource: { name: 'cpu', current: r.current },
      }));
      conditions.set(
        'ScalingActive',
        'True',
        'ValidMetricFound',
        `the HPA was able to successfully calculate a replica count from ${best.metricName}`,
      );
      const stabilized = this.stabilize(refKey(refOf(hpa)), best.replicas, current);
      if (stabilized !== best.replicas)
        conditions.set(
          'AbleToScale',
          'True',
          'ScaleDownStabilized',
          'recent recommendations were higher than current one, applying the highest recent recommendation',
        );
      else
        conditions.set(
          'AbleToScale',
          'True',
          'ReadyForNewScale',
          'recommended size matches current size',
        );
      desired = limit(stabilized, current, min, max, conditions);
      reason = desired < current ? 'All metrics below target' : `${best.metricName} above target`;
    }
    let lastScaleTime = previous.lastScaleTime;
    if (desired !== current) {
      try {
        this.cluster.update(targetRef, CTX, (d) => {
          (d.spec as ScaleSpec).replicas = desired;
        });
      } catch (e) {
        // The API server refused the scale (the cluster's Pod quota): the HPA says so and retries.
        if (!isClusterError(e)) throw e;
        const error = e.message.replace(/^Error from server \(\w+\): /, '');
        conditions.set(
          'AbleToScale',
          'False',
          'FailedUpdateScale',
          `the HPA controller was unable to update the target scale: ${error}`,
        );
        this.event(
          hpa,
          'Warning',
          'FailedRescale',
          `New size: ${desired}; reason: ${reason}; error: ${error}`,
        );
        this.writeStatus(hpa, {
          ...previous,
          currentReplicas: current,
          desiredReplicas: desired,
          conditions,
        });
        return;
      }
      conditions.set(
        'AbleToScale',
        'True',
        'SucceededRescale',
        `the HPA controller was able to update the target scale to ${desired}`,
      );
      this.event(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${reason}`);
      lastScaleTime = isoTime(this.cluster.clock.now());
    }
    this.writeStatus(hpa, {
      ...(lastScaleTime ? { lastScaleTime } : {}),
      currentReplicas: current,
      desiredReplicas: desired,
      ...(currentMetrics ? { currentMetrics } : {}),
      conditions,
    });
  }

  /** The Pods the target's selector picks (`spec.selector.matchLabels`). */
  private targetPods(target: KObject): KObject[] {
    const match =
      (target.spec as { selector?: { matchLabels?: Record<string, string> } }).selector
        ?.matchLabels ?? {};
    const entries = Object.entries(match);
    if (entries.length === 0) return [];
    return this.cluster
      .list({ kind: 'Pod', namespace: target.metadata.namespace })
      .filter((p) => entries.every(([k, v]) => p.metadata.labels?.[k] === v));
  }

  /**
   * Scale-down stabilization: the highest recommendation of the last 5 minutes (this one
   * included), never above the current count; scale-up is not stabilized (window 0).
   */
  private stabilize(key: string, raw: number, current: number): number {
    const now = this.cluster.clock.now();
    const recent = (this.recommendations.get(key) ?? []).filter(
      (r) => r.at > now - DOWNSCALE_STABILIZATION_MS,
    );
    const highest = Math.max(raw, ...recent.map((r) => r.replicas));
    recent.push({ at: now, replicas: raw });
    this.recommendations.set(key, recent);
    return raw > current ? raw : Math.min(current, highest);
  }

  private event(hpa: KObject, type: EventType, reason: string, message: string): void {
    this.cluster.events.record(hpa, type, reason, message, SOURCE);
  }

  private writeStatus(
    hpa: KObject,
    status: Omit<Status, 'conditions'> & { currentReplicas: number; conditions: Conditions },
  ): void {
    this.cluster.updateStatus(refOf(hpa), CTX, {
      ...status,
      conditions: status.conditions.list(),
    });
  }
}

/**
 * The default rate limits (a scale-up at most doubles or adds 4 Pods per period; a scale-down may
 * remove all) and [min, max]; ScalingLimited says which bound applied.
 */
function limit(
  desired: number,
  current: number,
  min: number,
  max: number,
  conditions: Conditions,
): number {
  let bounded = desired;
  let reason = 'DesiredWithinRange';
  let message = 'the desired count is within the acceptable range';
  const upLimit = Math.max(2 * current, current + 4);
  if (desired > current && desired > Math.min(upLimit, max)) {
    bounded = Math.min(upLimit, max);
    [reason, message] =
      bounded === max
        ? ['TooManyReplicas', 'the desired replica count is more than the maximum replica count']
        : [
            'ScaleUpLimit',
            'the desired replica count is increasing faster than the maximum scale rate',
          ];
  } else if (desired < current && desired < min) {
    bounded = min;
    reason = 'TooFewReplicas';
    message = 'the desired replica count is less than the minimum replica count';
  }
  conditions.set('ScalingLimited', bounded === desired ? 'False' : 'True', reason, message);
  return bounded;
}

/** Status conditions updated in place, new types appended: the order kubectl describe shows. */
class Conditions {
  private readonly byType = new Map<string, Condition>();

  constructor(existing: readonly Condition[] = []) {
    for (const c of existing) this.byType.set(c.type, c);
  }

  set(type: string, status: 'True' | 'False', reason: string, message: string): void {
    this.byType.set(type, { type, status, reason, message });
  }

  list(): Condition[] {
    return [...this.byType.values()];
  }
}
