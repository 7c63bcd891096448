// What a container's environment needs from ConfigMaps and Secrets before the kubelet can create
// it (`envFrom`, `env[].valueFrom`). A missing object, or a missing key, keeps the container in
// CreateContainerConfigError until it appears (kubelet_pods.go makeEnvironmentVariables); an
// `optional: true` reference is skipped. Messages are the kubelet's.
import type { Container, PodSpec } from 'kubernetes-types/core/v1';
import type { KObject } from '../object';

type Lookup = (kind: 'ConfigMap' | 'Secret', name: string) => KObject | undefined;

function hasKey(obj: KObject, key: string): boolean {
  const fields = obj.kind === 'Secret' ? ['data', 'stringData'] : ['data', 'binaryData'];
  return fields.some((f) => {
    const map = obj[f];
    return typeof map === 'object' && map !== null && Object.hasOwn(map, key);
  });
}

function containerProblem(c: Container, namespace: string, get: Lookup): string | null {
  for (const from of c.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    if (!ref?.name || ref.optional) continue;
    const kind = from.configMapRef ? 'ConfigMap' : 'Secret';
    if (!get(kind, ref.name)) return `${kind.toLowerCase()} "${ref.name}" not found`;
  }
  for (const env of c.env ?? []) {
    const ref = env.valueFrom?.configMapKeyRef ?? env.valueFrom?.secretKeyRef;
    if (!ref?.name || ref.optional) continue;
    const kind = env.valueFrom?.configMapKeyRef ? 'ConfigMap' : 'Secret';
    const obj = get(kind, ref.name);
    if (!obj) return `${kind.toLowerCase()} "${ref.name}" not found`;
    if (!hasKey(obj, ref.key))
      return `couldn't find key ${ref.key} in ${kind} ${namespace}/${ref.name}`;
  }
  return null;
}

/** The first reason a container of the Pod cannot be created, by container name, or null. */
export function configProblem(
  pod: KObject,
  get: Lookup,
): { container: string; message: string } | null {
  const spec = pod.spec as PodSpec;
  const namespace = pod.metadata.namespace ?? 'default';
  for (const c of spec.containers ?? []) {
    const message = containerProblem(c, namespace, get);
    if (message !== null) return { container: c.name, message };
  }
  return null;
}
