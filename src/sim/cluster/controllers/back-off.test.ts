import { describe, expect, it } from 'vitest';
import { backOffMs, goDuration } from './back-off';

// The kubelet's constants (pkg/kubelet/kubelet.go backOffPeriod 10 s, MaxContainerBackOff 300 s);
// kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-restarts: "an exponential
// back-off delay (10s, 20s, 40s, …), that is capped at 300 seconds (5 minutes)".
describe('kubelet back-off', () => {
  it.each([
    [0, '10s'],
    [1, '20s'],
    [2, '40s'],
    [3, '1m20s'],
    [4, '2m40s'],
    [5, '5m0s'],
    [40, '5m0s'],
  ])('after %i failures the kubelet waits %s', (failures, text) => {
    expect(goDuration(backOffMs(failures))).toBe(text);
  });
});
