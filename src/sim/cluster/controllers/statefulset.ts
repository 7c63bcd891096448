// The StatefulSet controller (kubernetes.io/docs/concepts/workloads/controllers/statefulset):
// Pods with stable names `web-0`, `web-1`…, created in order, each Running and Ready before the
// next (podManagementPolicy OrderedReady, the default; `Parallel` creates and deletes them all at
// once); scale-down removes the highest ordinal first; a RollingUpdate replaces Pods one at a
// time from the highest ordinal down to `partition`, each Ready before the next. Its status
// counts Pods per revision (currentRevision / updateRevision), from which Argo CD's health reads.
// It records the events kubectl describe shows ("create Pod web-0 in StatefulSet web successful").
//
// Simplification: revisions are `NAME-HASH` of the pod template, kept in memory, not stored as
// ControllerRevision objects; volumeClaimTemplates make no PersistentVolumeClaims; OnDelete
// replaces a Pod only when someone deletes it (as Kubernetes does).
import type { StatefulSetSpec, StatefulSetStatus } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { ObjectTimers } from '../../clock';
import type { Cluster } from '../cluster';
import { clone, refKey, refOf, type KObject } from '../object';
import { controllerContext } from './context';
import { templateHash } from './names';
import { isPodReady, isTerminating } from './pod-status';
import { countAvailable } from './replicaset';

const CTX = controllerContext('statefulset-controller');
const SOURCE = 'statefulset-controller';
export const REVISION_LABEL = 'controller-revision-hash';
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

type Spec = StatefulSetSpec & { template: PodTemplateSpec };

export interface StatefulSetMemory {
  /** Pod templates by revision name, per StatefulSet (refKey): what ControllerRevisions hold. */
  revisions: Map<string, Map<string, PodTemplateSpec>>;
  /** Wakes a StatefulSet when a Ready Pod turns available (minReadySeconds). */
  timers: ObjectTimers;
}

/** `web-6c5f8d7b9x`: the revision name of a StatefulSet's pod template. */
export function revisionName(sts: KObject): string {
  return `${sts.metadata.name}-${templateHash((sts.spec as Spec).template)}`;
}

const ordinalOf = (sts: KObject, pod: KObject): number => {
  const rest = pod.metadata.name.slice(sts.metadata.name.length + 1);
  return /^\d+$/.test(rest) ? Number(rest) : -1;
};
const revisionOf = (pod: KObject) => pod.metadata.labels?.[REVISION_LABEL];

export function syncStatefulSet(cluster: Cluster, sts: KObject, memory: StatefulSetMemory): void {
  const spec = sts.spec as Spec;
  const want = spec.replicas ?? 1;
  const parallel = spec.podManagementPolicy === 'Parallel';
  const rolling = spec.updateStrategy?.type !== 'OnDelete';
  const partition = spec.updateStrategy?.rollingUpdate?.partition ?? 0;
  const uid = sts.metadata.uid!;
  const key = refKey(refOf(sts));
  const status = (sts.status ?? {}) as StatefulSetStatus;
  const updateRevision = revisionName(sts);
  const currentRevision = status.currentRevision ?? updateRevision;
  const templates = memory.revisions.get(key) ?? new Map<string, PodTemplateSpec>();
  memory.revisions.set(key, templates);
  templates.set(updateRevision, spec.template);

  const pods = new Map<number, KObject>();
  for (const pod of cluster.list({ kind: 'Pod', namespace: sts.metadata.namespace, owner: uid }))
    pods.set(ordinalOf(sts, pod), pod);
  const runningAndReady = (pod: KObject | undefined) =>
    pod !== undefined && !isTerminating(pod) && isPodReady(pod);

  // order: replicas by ordinal ascending (create), then condemned by ordinal descending (delete),
  // then the rolling update from the highest ordinal down to the partition.
  let blocked = false;
  for (let i = 0; i < want && !blocked; i++) {
    const pod = pods.get(i);
    if (!pod) {
      // Below the partition a Pod is recreated at the current revision (stateful_set_utils.go).
      const revision = rolling && i < partition ? currentRevision : updateRevision;
      createPod(cluster, sts, i, revision, templates.get(revision) ?? spec.template);
      blocked = !parallel;
    } else if (!runningAndReady(pod)) blocked = !parallel;
  }
  const condemned = [...pods.keys()].filter((i) => i >= want || i < 0).sort((a, b) => b - a);
  for (const i of condemned) {
    if (blocked) break;
    const pod = pods.get(i)!;
    if (!isTerminating(pod)) deletePod(cluster, sts, pod);
    blocked = !parallel;
  }
  if (!blocked && rolling) {
    for (let i = want - 1; i >= partition; i--) {
      const pod = pods.get(i);
      if (!pod || isTerminating(pod)) break;
      if (revisionOf(pod) !== updateRevision) {
        deletePod(cluster, sts, pod);
        break;
      }
    }
  }
  writeStatus(cluster, sts, memory, { currentRevision, updateRevision, rolling });
}

function createPod(
  cluster: Cluster,
  sts: KObject,
  ordinal: number,
  revision: string,
  template: PodTemplateSpec,
): void {
  const name = `${sts.metadata.name}-${ordinal}`;
  const { annotations } = template.metadata ?? {};
  cluster.create(
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: sts.metadata.namespace!,
        labels: {
          ...(template.metadata?.labels ?? {}),
          [POD_INDEX_LABEL]: String(ordinal),
          [REVISION_LABEL]: revision,
          [POD_NAME_LABEL]: name,
        },
        ...(annotations && Object.keys(annotations).length > 0
          ? { annotations: { ...annotations } }
          : {}),
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'StatefulSet',
            name: sts.metadata.name,
            uid: sts.metadata.uid!,
            controller: true,
          },
        ],
      },
      spec: {
        ...clone(template.spec),
        hostname: name,
        ...((sts.spec as Spec).serviceName ? { subdomain: (sts.spec as Spec).serviceName } : {}),
      },
    },
    CTX,
  );
  event(
    cluster,
    sts,
    'SuccessfulCreate',
    `create Pod ${name} in StatefulSet ${sts.metadata.name} successful`,
  );
}

function deletePod(cluster: Cluster, sts: KObject, pod: KObject): void {
  cluster.delete(refOf(pod), CTX);
  event(
    cluster,
    sts,
    'SuccessfulDelete',
    `delete Pod ${pod.metadata.name} in StatefulSet ${sts.metadata.name} successful`,
  );
}

// stateful_pod_control.go recordPodEvent: "<verb> Pod <pod> in StatefulSet <set> successful".
function event(cluster: Cluster, sts: KObject, reason: string, message: string): void {
  cluster.events.record(sts, 'Normal', reason, message, SOURCE);
}

function writeStatus(
  cluster: Cluster,
  sts: KObject,
  memory: StatefulSetMemory,
  rev: { currentRevision: string; updateRevision: string; rolling: boolean },
): void {
  const spec = sts.spec as Spec;
  const live = cluster
    .list({ kind: 'Pod', namespace: sts.metadata.namespace, owner: sts.metadata.uid })
    .filter((p) => !isTerminating(p));
  const ready = live.filter(isPodReady).length;
  const updated = live.filter((p) => revisionOf(p) === rev.updateRevision).length;
  let currentRevision = rev.currentRevision;
  let current = live.filter((p) => revisionOf(p) === currentRevision).length;
  // The rollout is complete once every Pod runs the update revision and is Ready
  // (stateful_set_control.go completeRollingUpdate).
  const want = spec.replicas ?? 1;
  if (rev.rolling && updated === want && live.length === want && ready === want) {
    currentRevision = rev.updateRevision;
    current = updated;
  }
  const status = {
    observedGeneration: sts.metadata.generation,
    replicas: live.length,
    readyReplicas: ready,
    currentReplicas: current,
    updatedReplicas: updated,
    availableReplicas: countAvailable(cluster, sts, live, spec.minReadySeconds ?? 0, memory.timers),
    currentRevision,
    updateRevision: rev.updateRevision,
    collisionCount: 0,
  } satisfies StatefulSetStatus;
  cluster.updateStatus(refOf(sts), CTX, status);
}
