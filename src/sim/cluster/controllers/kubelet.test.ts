// The Pod lifecycle as the kubelet shows it, on the virtual clock. Sources:
// kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle (container states, restart back-off
// "10s, 20s, 40s, … capped at 300 seconds", termination and its 30 s grace period);
// kubernetes.io/docs/concepts/containers/images/#imagepullbackoff; the kubelet's constants
// (pkg/kubelet/kubelet.go backOffPeriod, MaxContainerBackOff).
import type { PodStatus } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { podState } from '..';
import { CI, configMap, deployment, makeCluster, PERSON } from '../testing/fixtures';
import type { ImageBehaviour } from '../images';
import type { KObject } from '../object';

const KUBECTL = { ...CI, actor: 'alice', channel: 'kubectl' as const, manager: 'kubectl' };

function world(images: Record<string, ImageBehaviour> = {}) {
  const made = makeCluster({ images });
  const pods = () => made.cluster.list({ kind: 'Pod' });
  const pod = () => pods()[0]!;
  return { ...made, pods, pod };
}

function container(pod: KObject) {
  return (pod.status as PodStatus).containerStatuses![0]!;
}

/** The Pod's STATUS and RESTARTS sampled at each virtual second in `at`. */
async function timeline(w: ReturnType<typeof world>, at: number[]): Promise<string[]> {
  const out: string[] = [];
  for (const s of at) {
    await w.clock.advanceTo(s * 1000);
    out.push(`${s}s ${podState(w.pod())} ${container(w.pod()).restartCount}`);
  }
  return out;
}

describe('kubelet: starting a Pod', () => {
  it('shows ContainerCreating until the image has started, then Running and Ready', async () => {
    const w = world();
    w.cluster.apply(deployment(), CI);
    expect(await timeline(w, [0, 9, 10])).toEqual([
      '0s ContainerCreating 0',
      '9s ContainerCreating 0',
      '10s Running 0',
    ]);
    expect(w.pod().status).toMatchObject({ phase: 'Running', qosClass: 'BestEffort' });
  });

  it('keeps a started container unready while its readiness probe fails (notReadyFor)', async () => {
    const w = world({ 'web:1.0': { notReadyForMs: 20_000 } });
    w.cluster.apply(deployment(), CI);
    await w.clock.advanceTo(10_000);
    expect(podState(w.pod())).toBe('Running');
    expect(container(w.pod()).ready).toBe(false);
    expect(w.cluster.get({ kind: 'Deployment', name: 'web' })?.status).toMatchObject({
      availableReplicas: 0,
    });
    await w.clock.advanceTo(30_000);
    expect(container(w.pod()).ready).toBe(true);
    expect(w.cluster.get({ kind: 'Deployment', name: 'web' })?.status).toMatchObject({
      availableReplicas: 1,
    });
  });

  it('never readies a container whose image says ready: false', async () => {
    const w = world({ 'web:1.0': { ready: false } });
    w.cluster.apply(deployment(), CI);
    await w.clock.advanceTo(600_000);
    expect(podState(w.pod())).toBe('Running');
    expect(container(w.pod()).ready).toBe(false);
  });
});

describe('kubelet: an image that cannot be pulled', () => {
  it('shows ErrImagePull, then ImagePullBackOff, pulling again with a growing back-off', async () => {
    const w = world({ 'web:typo': { pullError: true } });
    w.cluster.apply(deployment({ image: 'web:typo' }), CI);
    // Pulls fail at 5 s, 25 s (+20), 65 s (+40), 145 s (+80); each shows ErrImagePull until the
    // Pod's next sync 10 s later, then ImagePullBackOff until the next pull.
    expect(await timeline(w, [4, 5, 14, 15, 24, 25, 35, 64, 65, 75, 144, 145])).toEqual([
      '4s ContainerCreating 0',
      '5s ErrImagePull 0',
      '14s ErrImagePull 0',
      '15s ImagePullBackOff 0',
      '24s ImagePullBackOff 0',
      '25s ErrImagePull 0',
      '35s ImagePullBackOff 0',
      '64s ImagePullBackOff 0',
      '65s ErrImagePull 0',
      '75s ImagePullBackOff 0',
      '144s ImagePullBackOff 0',
      '145s ErrImagePull 0',
    ]);
    expect(container(w.pod()).state?.waiting?.message).toContain('web:typo');
  });
});

describe('kubelet: a crashing container', () => {
  it('restarts with back-off 10 s, 20 s, 40 s … and counts restarts (1 at about 10 s)', async () => {
    const w = world({ 'web:1.0': { crash: true } });
    w.cluster.apply(deployment(), CI);
    // Starts and exits at 1 s; restarts at 11, 31, 71, 151, 311, then every 300 s.
    expect(await timeline(w, [1, 10, 11, 30, 31, 71, 151, 311, 610, 611, 911])).toEqual([
      '1s CrashLoopBackOff 0',
      '10s CrashLoopBackOff 0',
      '11s CrashLoopBackOff 1',
      '30s CrashLoopBackOff 1',
      '31s CrashLoopBackOff 2',
      '71s CrashLoopBackOff 3',
      '151s CrashLoopBackOff 4',
      '311s CrashLoopBackOff 5',
      '610s CrashLoopBackOff 5',
      '611s CrashLoopBackOff 6',
      '911s CrashLoopBackOff 7',
    ]);
    expect(container(w.pod()).state?.waiting?.message).toMatch(/^back-off 5m0s restarting failed/);
    expect(container(w.pod()).lastState).toMatchObject({
      terminated: { exitCode: 1, reason: 'Error' },
    });
  });
});

describe('kubelet: a missing ConfigMap or Secret', () => {
  const envFrom = (extra: Record<string, unknown>) =>
    deployment({
      extra: {
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image: 'web:1.0', ...extra }] },
        },
      },
    });

  it.each([
    [
      'envFrom a ConfigMap that does not exist',
      { envFrom: [{ configMapRef: { name: 'settings' } }] },
      'configmap "settings" not found',
    ],
    [
      'env from a Secret that does not exist',
      { env: [{ name: 'PW', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }] },
      'secret "db" not found',
    ],
    [
      'env from a key the ConfigMap lacks',
      { env: [{ name: 'L', valueFrom: { configMapKeyRef: { name: 'present', key: 'level' } } }] },
      "couldn't find key level in ConfigMap default/present",
    ],
  ])('holds a container with %s in CreateContainerConfigError', async (_, extra, message) => {
    const w = world();
    w.cluster.apply(configMap('present', { other: 'x' }), CI);
    w.cluster.apply(envFrom(extra), CI);
    await w.clock.advanceTo(60_000);
    expect(podState(w.pod())).toBe('CreateContainerConfigError');
    expect(container(w.pod()).state?.waiting?.message).toBe(message);
  });

  it('skips an optional reference', async () => {
    const w = world();
    w.cluster.apply(envFrom({ envFrom: [{ configMapRef: { name: 'x', optional: true } }] }), CI);
    await w.clock.advanceTo(10_000);
    expect(podState(w.pod())).toBe('Running');
  });

  it('recovers at its next retry once the ConfigMap appears', async () => {
    const w = world();
    w.cluster.apply(envFrom({ envFrom: [{ configMapRef: { name: 'settings' } }] }), CI);
    await w.clock.advanceTo(15_000);
    expect(podState(w.pod())).toBe('CreateContainerConfigError');
    w.cluster.apply(configMap('settings', { LEVEL: 'debug' }), CI);
    await w.clock.advanceTo(20_000);
    expect(podState(w.pod())).toBe('Running');
  });
});

describe('kubelet: deleting a Pod', () => {
  async function runningPod(extra: Record<string, unknown> = {}) {
    const w = world();
    w.cluster.apply(deployment({ extra }), CI);
    await w.clock.advanceTo(10_000);
    return { ...w, name: w.pod().metadata.name };
  }
  const named = (w: ReturnType<typeof world>, name: string) =>
    w.cluster.get({ kind: 'Pod', name, namespace: 'default' });

  it.each([
    ['the default grace period', undefined, 30],
    ['--grace-period=5', 5, 5],
  ])('keeps it Terminating for %s', async (_, grace, seconds) => {
    const w = await runningPod();
    w.cluster.delete({ kind: 'Pod', name: w.name }, KUBECTL, { gracePeriodSeconds: grace });
    await w.clock.advanceBy(seconds * 1000 - 1);
    expect(podState(named(w, w.name)!)).toBe('Terminating');
    expect(named(w, w.name)!.metadata.deletionGracePeriodSeconds).toBe(seconds);
    await w.clock.advanceBy(1);
    expect(named(w, w.name)).toBeUndefined();
  });

  it("uses the Pod's terminationGracePeriodSeconds", async () => {
    const w = world();
    const d = deployment();
    (
      d.spec as { template: { spec: Record<string, unknown> } }
    ).template.spec.terminationGracePeriodSeconds = 3;
    w.cluster.apply(d, CI);
    await w.clock.advanceTo(10_000);
    const name = w.pod().metadata.name;
    w.cluster.delete({ kind: 'Pod', name }, KUBECTL);
    await w.clock.advanceBy(3_000);
    expect(named(w, name)).toBeUndefined();
  });

  it('removes it at once with grace period 0 (--force), and a second delete may shorten the wait', async () => {
    const w = await runningPod();
    w.cluster.delete({ kind: 'Pod', name: w.name }, KUBECTL);
    await w.clock.advanceBy(1_000);
    w.cluster.delete({ kind: 'Pod', name: w.name }, KUBECTL, { gracePeriodSeconds: 2 });
    await w.clock.advanceBy(2_000);
    expect(named(w, w.name)).toBeUndefined();
    // A later delete with a longer grace period than what is left does not lengthen the wait.
    const second = w.pods().find((p) => podState(p) !== 'Terminating')!.metadata.name;
    w.cluster.delete({ kind: 'Pod', name: second }, KUBECTL, { gracePeriodSeconds: 5 });
    await w.clock.advanceBy(4_000);
    w.cluster.delete({ kind: 'Pod', name: second }, KUBECTL, { gracePeriodSeconds: 4 });
    await w.clock.advanceBy(1_000);
    expect(named(w, second)).toBeUndefined();
    const other = w.pods().find((p) => podState(p) !== 'Terminating')!.metadata.name;
    w.cluster.delete({ kind: 'Pod', name: other }, KUBECTL, { gracePeriodSeconds: 0 });
    expect(named(w, other)).toBeUndefined();
  });

  it('lets the ReplicaSet create the replacement while the old Pod terminates', async () => {
    const w = await runningPod();
    w.cluster.delete({ kind: 'Pod', name: w.name }, { ...KUBECTL, actor: PERSON.actor });
    await w.clock.flush();
    expect(w.pods().map(podState).sort()).toEqual(['ContainerCreating', 'Terminating']);
    expect(w.cluster.list({ kind: 'ReplicaSet' })[0]!.status).toMatchObject({ replicas: 1 });
  });
});
