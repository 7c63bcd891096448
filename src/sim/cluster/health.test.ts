import { describe, expect, it } from 'vitest';
import { healthOf, worstHealth, type HealthStatus } from './health';
import type { KObject } from './object';

const obj = (kind: string, spec: unknown, status?: unknown, generation = 1): KObject => ({
  apiVersion: 'v1',
  kind,
  metadata: { name: 'x', generation },
  spec,
  ...(status === undefined ? {} : { status }),
});

describe('health per kind', () => {
  it.each<[string, KObject | undefined, HealthStatus | null]>([
    ['absent object', undefined, 'Missing'],
    [
      'deployment rolled out',
      obj(
        'Deployment',
        { replicas: 2 },
        { observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 2 },
      ),
      'Healthy',
    ],
    [
      'deployment not observed yet',
      obj('Deployment', { replicas: 2 }, { observedGeneration: 1 }, 2),
      'Progressing',
    ],
    [
      'deployment updating',
      obj(
        'Deployment',
        { replicas: 2 },
        { observedGeneration: 1, replicas: 3, updatedReplicas: 1, availableReplicas: 2 },
      ),
      'Progressing',
    ],
    [
      'deployment old pods terminating',
      obj(
        'Deployment',
        { replicas: 2 },
        { observedGeneration: 1, replicas: 3, updatedReplicas: 2, availableReplicas: 2 },
      ),
      'Progressing',
    ],
    [
      'deployment past deadline',
      obj(
        'Deployment',
        { replicas: 2 },
        {
          observedGeneration: 1,
          conditions: [
            { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' },
          ],
        },
      ),
      'Degraded',
    ],
    ['deployment paused', obj('Deployment', { replicas: 2, paused: true }, {}), 'Suspended'],
    ['service', obj('Service', { type: 'ClusterIP' }), 'Healthy'],
    ['load balancer without ingress', obj('Service', { type: 'LoadBalancer' }), 'Progressing'],
    ['pod pending', obj('Pod', {}, { phase: 'Pending' }), 'Progressing'],
    [
      'pod ready',
      obj('Pod', {}, { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] }),
      'Healthy',
    ],
    [
      'pod crashing',
      obj(
        'Pod',
        {},
        {
          phase: 'Running',
          containerStatuses: [{ state: { waiting: { reason: 'CrashLoopBackOff' } } }],
        },
      ),
      'Degraded',
    ],
    ['hpa without status', obj('HorizontalPodAutoscaler', {}), 'Progressing'],
    [
      'hpa cannot scale',
      obj(
        'HorizontalPodAutoscaler',
        {},
        { conditions: [{ type: 'AbleToScale', status: 'False', reason: 'FailedGetScale' }] },
      ),
      'Degraded',
    ],
    ['configmap has no health check', obj('ConfigMap', undefined), null],
  ])('%s', (_name, o, expected) => {
    expect(healthOf(o)?.status ?? null).toBe(expected);
  });

  // gitops-engine pkg/health/health_pod.go: waiting reasons starting with Err or ending in Error or
  // BackOff are Degraded; a Pod being deleted is Progressing ("Pending deletion").
  const waiting = (reason: string) =>
    obj('Pod', {}, { phase: 'Pending', containerStatuses: [{ state: { waiting: { reason } } }] });
  it.each<[string, KObject, HealthStatus, string | undefined]>([
    ['ContainerCreating', waiting('ContainerCreating'), 'Progressing', undefined],
    ['ErrImagePull', waiting('ErrImagePull'), 'Degraded', 'ErrImagePull'],
    ['ImagePullBackOff', waiting('ImagePullBackOff'), 'Degraded', 'ImagePullBackOff'],
    [
      'CreateContainerConfigError',
      waiting('CreateContainerConfigError'),
      'Degraded',
      'CreateContainerConfigError',
    ],
    [
      'Terminating',
      {
        ...waiting('ContainerCreating'),
        metadata: { name: 'x', deletionTimestamp: '2026-01-05T09:00:30Z' },
      },
      'Progressing',
      'Pending deletion',
    ],
  ])('a pod in %s is %s', (_name, o, status, message) => {
    expect(healthOf(o)).toEqual(message === undefined ? { status } : { status, message });
  });

  it('orders statuses as Argo CD does', () => {
    expect(worstHealth(['Healthy', 'Progressing', 'Suspended'])).toBe('Progressing');
    expect(worstHealth(['Missing', 'Progressing'])).toBe('Missing');
    expect(worstHealth(['Degraded', 'Missing'])).toBe('Degraded');
    expect(worstHealth(['Unknown', 'Degraded'])).toBe('Unknown');
    expect(worstHealth([])).toBe('Healthy');
  });
});
