// The Job controller and its Pods running to completion. Sources: kubernetes.io/docs/concepts/
// workloads/controllers/job ("Pod backoff failure policy": back-off 10 s, 20 s, 40 s … capped at
// six minutes, `backoffLimit` default 6, condition Failed reason BackoffLimitExceeded; a Job is
// Complete once its completions succeeded); pod-lifecycle "Pod phase" (Succeeded, Failed);
// Argo CD's Job health (gitops-engine pkg/health/health_job.go): Progressing while running,
// Healthy when Complete, Degraded when Failed. ../../../../shared/REFERENCE.md lines 53-57 (hooks
// are usually Jobs) and 128-129 (a Job's template is immutable).
import type { JobStatus } from 'kubernetes-types/batch/v1';
import { describe, expect, it } from 'vitest';
import { healthOf } from '../health';
import type { ImageBehaviour } from '../images';
import type { KObject } from '../object';
import { CI, makeCluster } from '../testing/fixtures';
import { podState } from './pod-status';

function job(name: string, image: string, spec: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: {
      template: {
        spec: { restartPolicy: 'Never', containers: [{ name: 'migrate', image }] },
      },
      ...spec,
    },
  };
}

function world(images: Record<string, ImageBehaviour>) {
  const { cluster, clock } = makeCluster({ images });
  const get = (name = 'db-migrate') => cluster.get({ kind: 'Job', name, namespace: 'default' })!;
  const status = (name?: string) => (get(name).status ?? {}) as JobStatus;
  const pods = () => cluster.list({ kind: 'Pod' });
  const reasons = () => cluster.events.list().map((e) => e.reason);
  return { cluster, clock, get, status, pods, reasons };
}

describe('A Job', () => {
  it('runs one Pod to completion and is Complete, its Pod Completed', async () => {
    const w = world({ 'migrate:1': { runForMs: 20_000 } });
    w.cluster.apply(job('db-migrate', 'migrate:1'), CI);
    await w.clock.advanceBy(1);
    expect(w.pods().map((p) => p.metadata.name)).toEqual([
      expect.stringMatching(/^db-migrate-[a-z0-9]{5}$/),
    ]);
    expect(w.pods()[0]!.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Job' });
    expect(healthOf(w.get())?.status).toBe('Progressing');
    await w.clock.advanceBy(15_000);
    expect(podState(w.pods()[0]!)).toBe('Running');
    expect(w.status().active).toBe(1);
    await w.clock.advanceBy(20_000);
    expect(podState(w.pods()[0]!)).toBe('Completed');
    expect(w.status()).toMatchObject({ succeeded: 1, failed: 0, active: 0 });
    expect(w.status().conditions?.[0]).toMatchObject({ type: 'Complete', status: 'True' });
    expect(w.status().startTime).toBeDefined();
    expect(w.status().completionTime).toBeDefined();
    expect(healthOf(w.get())).toMatchObject({ status: 'Healthy' });
    expect(w.reasons()).toEqual(expect.arrayContaining(['SuccessfulCreate', 'Completed']));
  });

  it('makes a new Pod after each failure, with back-off, and fails after backoffLimit', async () => {
    const w = world({ 'migrate:bad': { exitCode: 1, runForMs: 0 } });
    w.cluster.apply(job('db-migrate', 'migrate:bad', { backoffLimit: 2 }), CI);
    // Pod 1 fails at 10 s; pod 2 is made 10 s later and fails at 30 s; pod 3 20 s later, at 60 s.
    await w.clock.advanceBy(10_000);
    expect(podState(w.pods()[0]!)).toBe('Error');
    expect(w.pods()).toHaveLength(1);
    await w.clock.advanceBy(10_000);
    expect(w.pods()).toHaveLength(2);
    await w.clock.advanceBy(10_000);
    expect(w.status().failed).toBe(2);
    await w.clock.advanceBy(10_000);
    expect(w.pods()).toHaveLength(2);
    await w.clock.advanceBy(10_000);
    expect(w.pods()).toHaveLength(3);
    expect(w.status().conditions ?? []).toEqual([]);
    await w.clock.advanceBy(10_000);
    expect(w.status()).toMatchObject({ failed: 3, active: 0 });
    expect(w.status().conditions?.[0]).toMatchObject({
      type: 'Failed',
      reason: 'BackoffLimitExceeded',
      message: 'Job has reached the specified backoff limit',
    });
    expect(healthOf(w.get())).toEqual({
      status: 'Degraded',
      message: 'Job has reached the specified backoff limit',
    });
    expect(w.reasons()).toContain('BackoffLimitExceeded');
    // A finished Job makes no more Pods.
    await w.clock.advanceBy(600_000);
    expect(w.pods()).toHaveLength(3);
  });

  it('retries 6 times by default (backoffLimit 6): 7 failed Pods', async () => {
    const w = world({ 'migrate:bad': { exitCode: 2, runForMs: 0 } });
    w.cluster.apply(job('db-migrate', 'migrate:bad'), CI);
    await w.clock.advanceBy(3_600_000);
    expect(w.status().failed).toBe(7);
    expect(w.status().conditions?.[0]?.reason).toBe('BackoffLimitExceeded');
  });

  it.each([
    ['a crashing image', { crash: true }, 'Error'],
    ['exit code 0 (the default)', {}, 'Completed'],
  ] as const)('Pod with %s ends %s', async (_, image, state) => {
    const w = world({ 'migrate:x': image });
    w.cluster.apply(job('db-migrate', 'migrate:x', { backoffLimit: 0 }), CI);
    await w.clock.advanceBy(60_000);
    expect(podState(w.pods()[0]!)).toBe(state);
  });

  it("refuses a change to its Pod template (a Job's template is immutable)", () => {
    const w = world({});
    w.cluster.apply(job('db-migrate', 'migrate:1'), CI);
    expect(() => w.cluster.apply(job('db-migrate', 'migrate:2'), CI)).toThrow(/immutable/);
  });

  it('takes its Pods with it when deleted', async () => {
    const w = world({ 'migrate:1': { runForMs: 60_000 } });
    w.cluster.apply(job('db-migrate', 'migrate:1'), CI);
    await w.clock.advanceBy(1);
    w.cluster.delete({ kind: 'Job', name: 'db-migrate', namespace: 'default' }, CI);
    await w.clock.advanceBy(60_000);
    expect(w.pods()).toEqual([]);
  });
});
