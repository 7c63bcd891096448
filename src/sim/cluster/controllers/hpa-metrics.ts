// The HPA's replica calculator for CPU (kubernetes.io/docs/tasks/run-application/
// horizontal-pod-autoscale/#algorithm-details; pkg/controller/podautoscaler/replica_calculator.go):
//   desiredReplicas = ceil(currentReplicas × currentMetricValue / desiredMetricValue)
// skipped when the ratio is within the tolerance (0.1) of 1. Pods without a metric (not Ready
// yet) count as using 100 % of their request when the HPA would scale down and 0 % when it would
// scale up, and the result is then only taken when it does not reverse the direction. Terminating
// Pods are left out. A container without a CPU request makes utilization impossible to compute.
//
// Simplification: only `Resource` metrics on `cpu` have values (memory has no model); one failing
// metric stops the computation for all (Kubernetes uses the others when they scale up).
import type { PodSpec } from 'kubernetes-types/core/v1';
import type { KObject } from '../object';
import { isPodReady, isTerminating, quantity } from './pod-status';

export const TOLERANCE = 0.1;
/** What autoscaling/v2 defaults `metrics` to when an HPA sets none. */
export const DEFAULT_CPU_UTILIZATION = 80;

export interface MetricSpec {
  type?: string;
  resource?: {
    name?: string;
    target?: { type?: string; averageUtilization?: number; averageValue?: string };
  };
}

export type Recommendation =
  | {
      ok: true;
      replicas: number;
      /** The metric as status.currentMetrics reports it. */
      current: { averageUtilization?: number; averageValue: string };
      /** `cpu resource utilization (percentage of request)`: the SuccessfulRescale reason. */
      metricName: string;
    }
  | { ok: false; error: string };

/** The HPA's metrics: its `metrics`, v1's targetCPUUtilizationPercentage, or the 80 % default. */
export function metricSpecs(spec: Record<string, unknown>): MetricSpec[] {
  const metrics = spec.metrics as MetricSpec[] | undefined;
  if (metrics && metrics.length > 0) return metrics;
  const pct = spec.targetCPUUtilizationPercentage;
  return [
    {
      type: 'Resource',
      resource: {
        name: 'cpu',
        target: {
          type: 'Utilization',
          averageUtilization: typeof pct === 'number' ? pct : DEFAULT_CPU_UTILIZATION,
        },
      },
    },
  ];
}

const millis = (q: unknown) => quantity(q) * 1000;

/**
 * The replicas one CPU metric asks for. `usage(pod, ready)` is a Ready Pod's use in millicores
 * (load.ts), given how many Pods are Ready.
 */
export function recommend(
  metric: MetricSpec,
  current: number,
  pods: readonly KObject[],
  usage: (pod: KObject, readyPods: number) => number,
): Recommendation {
  const name = metric.resource?.name ?? '';
  if (metric.type !== 'Resource' || name !== 'cpu')
    return {
      ok: false,
      error: `failed to get ${name || metric.type || 'unknown'} utilization: unable to get metrics for resource ${name}: no metrics returned from resource metrics API`,
    };
  const live = pods.filter((p) => !isTerminating(p));
  const requests = new Map<KObject, number>();
  for (const pod of live) {
    let sum = 0;
    for (const c of (pod.spec as PodSpec).containers ?? []) {
      const req = (c.resources?.requests as Record<string, unknown> | undefined)?.cpu;
      if (req === undefined || Number.isNaN(millis(req)))
        return {
          ok: false,
          error: `failed to get cpu utilization: missing request for cpu in container ${c.name} of Pod ${pod.metadata.name}`,
        };
      sum += millis(req);
    }
    requests.set(pod, sum);
  }
  const ready = live.filter(isPodReady);
  if (live.length === 0)
    return {
      ok: false,
      error:
        'failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API',
    };
  if (ready.length === 0)
    return {
      ok: false,
      error:
        'failed to get cpu utilization: did not receive metrics for targeted pods (pods might be unready)',
    };
  const used = new Map(ready.map((p) => [p, usage(p, ready.length)]));
  const target = metric.resource?.target ?? {};
  const byValue = target.type === 'AverageValue' || target.averageUtilization === undefined;
  const targetValue = byValue ? millis(target.averageValue ?? '0') : target.averageUtilization!;
  // The metric over a set of Pods: utilization in whole percent of request, or the average use.
  const measure = (set: readonly KObject[], use: (p: KObject) => number) => {
    const total = set.reduce((s, p) => s + use(p), 0);
    const request = set.reduce((s, p) => s + requests.get(p)!, 0);
    return byValue ? total / set.length : Math.floor((total * 100) / request);
  };
  const value = measure(ready, (p) => used.get(p)!);
  const shown = {
    ...(byValue ? {} : { averageUtilization: value }),
    averageValue: `${Math.round(byValue ? value : ready.reduce((s, p) => s + used.get(p)!, 0) / ready.length)}m`,
  };
  const metricName = byValue ? 'cpu resource' : 'cpu resource utilization (percentage of request)';
  const result = (replicas: number): Recommendation => ({
    ok: true,
    replicas,
    current: shown,
    metricName,
  });
  const ratio = targetValue > 0 ? value / targetValue : 1;
  const unready = live.length - ready.length;
  if (unready === 0)
    return result(Math.abs(ratio - 1) <= TOLERANCE ? current : Math.ceil(ratio * ready.length));
  // Pods without a metric: 100 % of request on the way down, 0 on the way up.
  const assumed = (p: KObject) =>
    used.get(p) ?? (ratio < 1 ? (byValue ? targetValue : requests.get(p)!) : 0);
  const newRatio = targetValue > 0 ? measure(live, assumed) / targetValue : 1;
  if (
    Math.abs(newRatio - 1) <= TOLERANCE ||
    (ratio < 1 && newRatio > 1) ||
    (ratio > 1 && newRatio < 1)
  )
    return result(current);
  const replicas = Math.ceil(newRatio * live.length);
  if ((newRatio < 1 && replicas > current) || (newRatio > 1 && replicas < current))
    return result(current);
  return result(replicas);
}
