// `kubectl logs POD [-c CONTAINER] [--previous] [--tail N]` and `kubectl logs TYPE/NAME` (which
// picks one of the workload's Pods, as kubectl's polymorphic helper does), with kubectl's errors:
// a container that has not started yet, a previous instance that does not exist, a container
// name that is not in the Pod. Lines come from log-lines.ts.
import type { Container, ContainerStatus, PodSpec, PodStatus } from 'kubernetes-types/core/v1';
import { isPodReady, refKey, type ClusterError, type KObject } from '../cluster';
import { virtualMsOf } from '../cluster/time';
import type { LogsCommand } from './ast';
import type { Exec } from './context';
import { KubectlError } from './errors';
import { crashedLines, runningLines, startedAt } from './log-lines';
import { kindName, refFor, resolveType } from './resources';

const badRequest = (message: string) =>
  new KubectlError('E_NO_LOGS', `Error from server (BadRequest): ${message}`);

/** What the kubelet says instead of logs while a container waits (kubelet_pods.go validateContainerLogStatus). */
const WAITING_WHY: Record<string, string> = {
  ErrImagePull: "image can't be pulled",
  ImagePullBackOff: 'trying and failing to pull image',
};

export function logs(cmd: LogsCommand, x: Exec): void {
  const pod = podFor(cmd, x);
  if (pod instanceof Error) return x.out.fail(pod);
  const containers = (pod.spec as PodSpec).containers ?? [];
  let name = cmd.container;
  if (name === undefined) {
    name = containers[0]?.name ?? '';
    if (containers.length > 1)
      x.out.note(
        `Defaulted container "${name}" out of: ${containers.map((c) => c.name).join(', ')}`,
      );
  }
  const container = containers.find((c) => c.name === name);
  if (!container)
    return x.out.fail(badRequest(`container ${name} is not valid for pod ${pod.metadata.name}`));
  const status = (pod.status as PodStatus | undefined)?.containerStatuses?.find(
    (s) => s.name === name,
  );
  const lines = linesOf(pod, container, status, cmd.previous, x);
  if (lines instanceof KubectlError) return x.out.fail(lines);
  const shown = cmd.tail === undefined ? lines : lines.slice(Math.max(0, lines.length - cmd.tail));
  if (shown.length > 0) x.out.print(shown.join('\n'));
}

function linesOf(
  pod: KObject,
  c: Container,
  status: ContainerStatus | undefined,
  previous: boolean,
  x: Exec,
): string[] | KubectlError {
  const where = `container "${c.name}" in pod "${pod.metadata.name}"`;
  const terminated = status?.lastState?.terminated;
  const exited = terminated?.finishedAt ? virtualMsOf(terminated.finishedAt) : null;
  if (previous) {
    if (!terminated || exited === null) return badRequest(`previous terminated ${where} not found`);
    return crashedLines(c, exited, terminated.exitCode);
  }
  const running = startedAt(status);
  if (running !== null)
    return runningLines(c, x.cluster.images(c.image ?? ''), running, x.cluster.clock.now());
  // A container in CrashLoopBackOff shows its last instance's logs.
  if (terminated && exited !== null) return crashedLines(c, exited, terminated.exitCode);
  const reason = status?.state?.waiting?.reason ?? 'ContainerCreating';
  return badRequest(`${where} is waiting to start: ${WAITING_WHY[reason] ?? reason}`);
}

/** The Pod named, or the one kubectl picks for a workload (Ready first, then the oldest). */
function podFor(cmd: LogsCommand, x: Exec): KObject | KubectlError | ClusterError {
  const slash = cmd.target.indexOf('/');
  const typed = slash < 0 ? 'pod' : cmd.target.slice(0, slash);
  const name = slash < 0 ? cmd.target : cmd.target.slice(slash + 1);
  const type = resolveType(x.cluster, typed);
  if (type instanceof KubectlError) return type;
  const ref = refFor(type, name, cmd.namespace);
  const obj = x.cluster.get(ref);
  if (!obj) return x.cluster.notFound(ref);
  if (obj.kind === 'Pod') return obj;
  const match = (obj.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined)
    ?.selector?.matchLabels;
  if (!match)
    return new KubectlError(
      'E_BAD_ARGUMENT',
      `error: cannot get the logs from ${kindName(type)}: selector for ${refKey(ref)} not implemented`,
    );
  const pods = x.cluster
    .list({ kind: 'Pod', namespace: ref.namespace })
    .filter((p) => Object.entries(match).every(([k, v]) => p.metadata.labels?.[k] === v))
    .sort(
      (a, b) =>
        Number(isPodReady(b)) - Number(isPodReady(a)) ||
        (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') ||
        a.metadata.name.localeCompare(b.metadata.name),
    );
  if (pods.length === 0)
    return new KubectlError('E_NO_PODS', 'error: timed out waiting for the condition');
  if (pods.length > 1) x.out.note(`Found ${pods.length} pods, using pod/${pods[0]!.metadata.name}`);
  return pods[0]!;
}
