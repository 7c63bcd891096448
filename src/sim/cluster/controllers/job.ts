// The Job controller (kubernetes.io/docs/concepts/workloads/controllers/job): a Job runs Pods from
// its template until `completions` of them (default 1) have succeeded, `parallelism` (default 1)
// at a time. A failed Pod is replaced after a back-off of 10 s, 20 s, 40 s … capped at 6 minutes;
// once more Pods have failed than `backoffLimit` (default 6) allows, the Job is Failed with reason
// BackoffLimitExceeded. The Pods run to completion in the kubelet (kubelet.ts): the image decides
// how long and with which exit code.
//
// Simplification: no pod failure policy, no success policy, no suspend, no
// activeDeadlineSeconds, no indexed completions, no ttlSecondsAfterFinished; the
// `SuccessCriteriaMet` and `FailureTarget` conditions of Kubernetes 1.31 are not written.
import type { JobSpec, JobStatus } from 'kubernetes-types/batch/v1';
import type { PodStatus } from 'kubernetes-types/core/v1';
import type { ObjectTimers } from '../../clock';
import type { Cluster } from '../cluster';
import { clone, refKey, refOf, type KObject } from '../object';
import { isoTime, virtualMsOf } from '../time';
import { controllerContext } from './context';
import { podSuffix } from './names';
import { isTerminating } from './pod-status';

const CTX = controllerContext('job-controller');
const SOURCE = 'job-controller';
export const DEFAULT_BACKOFF_LIMIT = 6;
/** pkg/controller/job: `DefaultJobPodFailureBackOff = 10s`, `MaxJobPodFailureBackOff = 360s`. */
const POD_FAILURE_BACKOFF_MS = 10_000;
const MAX_POD_FAILURE_BACKOFF_MS = 360_000;

export interface JobMemory {
  /** Numbers each Job's Pods (by uid), so generated names never repeat. */
  counters: Map<string, number>;
  /** Wakes a Job when the back-off after a failed Pod is over. */
  timers: ObjectTimers;
}

type Condition = NonNullable<JobStatus['conditions']>[number];

function conditionsOf(job: KObject): Condition[] {
  return (job.status as JobStatus | undefined)?.conditions ?? [];
}

/** Whether the Job has finished: Complete or Failed. */
export function jobFinished(job: KObject): 'Complete' | 'Failed' | null {
  for (const c of conditionsOf(job))
    if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  return null;
}

/** The back-off before the Job makes a Pod again after `failures` failed Pods. */
export function jobBackOffMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(
    POD_FAILURE_BACKOFF_MS * 2 ** Math.min(failures - 1, 16),
    MAX_POD_FAILURE_BACKOFF_MS,
  );
}

function finishedAt(pod: KObject): number {
  const statuses = (pod.status as PodStatus | undefined)?.containerStatuses ?? [];
  let last = 0;
  for (const s of statuses) {
    const at = s.state?.terminated?.finishedAt;
    if (at) last = Math.max(last, virtualMsOf(at) ?? 0);
  }
  return last;
}

export function syncJob(cluster: Cluster, job: KObject, memory: JobMemory): void {
  if (jobFinished(job)) return;
  const spec = job.spec as JobSpec;
  const completions = spec.completions ?? 1;
  const parallelism = spec.parallelism ?? 1;
  const backoffLimit = spec.backoffLimit ?? DEFAULT_BACKOFF_LIMIT;
  const now = cluster.clock.now();
  const pods = cluster
    .list({ kind: 'Pod', namespace: job.metadata.namespace, owner: job.metadata.uid })
    .filter((p) => !isTerminating(p));
  const phase = (p: KObject) => (p.status as PodStatus | undefined)?.phase;
  const succeeded = pods.filter((p) => phase(p) === 'Succeeded').length;
  const failedPods = pods.filter((p) => phase(p) === 'Failed');
  const failed = failedPods.length;
  let active = pods.length - succeeded - failed;
  const prev = (job.status as JobStatus | undefined) ?? {};
  const startTime = prev.startTime ?? isoTime(now);
  const status: JobStatus = { startTime, active, succeeded, failed };
  const ready = pods.filter((p) =>
    (p.status as PodStatus | undefined)?.conditions?.some(
      (c) => c.type === 'Ready' && c.status === 'True',
    ),
  ).length;

  if (succeeded >= completions) {
    status.completionTime = isoTime(now);
    status.conditions = [
      {
        type: 'Complete',
        status: 'True',
        reason: 'CompletionsReached',
        message: 'Reached expected number of succeeded pods',
        lastProbeTime: isoTime(now),
        lastTransitionTime: isoTime(now),
      },
    ];
    cluster.events.record(job, 'Normal', 'Completed', 'Job completed', SOURCE);
  } else if (failed > backoffLimit) {
    for (const pod of pods.filter((p) => phase(p) !== 'Succeeded' && phase(p) !== 'Failed'))
      cluster.delete(refOf(pod), CTX, { gracePeriodSeconds: 0 });
    status.active = 0;
    status.conditions = [
      {
        type: 'Failed',
        status: 'True',
        reason: 'BackoffLimitExceeded',
        message: 'Job has reached the specified backoff limit',
        lastProbeTime: isoTime(now),
        lastTransitionTime: isoTime(now),
      },
    ];
    cluster.events.record(
      job,
      'Warning',
      'BackoffLimitExceeded',
      'Job has reached the specified backoff limit',
      SOURCE,
    );
  } else {
    const want = Math.min(parallelism, completions - succeeded);
    const lastFailure = Math.max(0, ...failedPods.map(finishedAt));
    const due = failed > 0 ? lastFailure + jobBackOffMs(failed) : now;
    if (active < want && due > now) {
      const ref = refOf(job);
      memory.timers.set(refKey(ref), due - now, () => {
        if (cluster.get(ref)) cluster.touch(ref);
      });
    } else {
      for (; active < want; active++) createPod(cluster, job, spec, memory);
      status.active = active;
    }
  }
  status.ready = ready;
  cluster.updateStatus(refOf(job), CTX, status as Record<string, unknown>);
}

function createPod(cluster: Cluster, job: KObject, spec: JobSpec, memory: JobMemory): void {
  const { name: jobName, namespace, uid } = job.metadata;
  let n = memory.counters.get(uid!) ?? 0;
  let name = `${jobName}-${podSuffix(jobName, n++)}`;
  while (cluster.get({ kind: 'Pod', name, namespace }))
    name = `${jobName}-${podSuffix(jobName, n++)}`;
  memory.counters.set(uid!, n);
  const template = spec.template;
  const annotations = template.metadata?.annotations;
  cluster.create(
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: namespace!,
        labels: {
          ...(template.metadata?.labels ?? {}),
          'batch.kubernetes.io/controller-uid': uid!,
          'batch.kubernetes.io/job-name': jobName,
          'controller-uid': uid!,
          'job-name': jobName,
        },
        ...(annotations && Object.keys(annotations).length > 0
          ? { annotations: { ...annotations } }
          : {}),
        ownerReferences: [
          {
            apiVersion: 'batch/v1',
            kind: 'Job',
            name: jobName,
            uid: uid!,
            controller: true,
          },
        ],
      },
      spec: clone(template.spec),
    },
    CTX,
  );
  cluster.events.record(job, 'Normal', 'SuccessfulCreate', `Created pod: ${name}`, SOURCE);
}
