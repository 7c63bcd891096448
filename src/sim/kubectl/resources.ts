// Resource types as kubectl names them: resolving what was typed (`deploy`, `svc`,
// `deployments.apps`) through the cluster's registry, and the names kubectl prints for a type
// (`deployment.apps/web`, `deployments.apps "web" not found`).
import { ClusterError, type Cluster, type ObjectRef } from '../cluster';
import { KubectlError } from './errors';

export type ResourceType = NonNullable<ReturnType<Cluster['kinds']['forResource']>>;

/** What `get all` lists: kubectl's "all" category. */
const ALL_CATEGORY: readonly string[] = [
  'pods',
  'services',
  'daemonsets',
  'deployments',
  'replicasets',
  'statefulsets',
  'horizontalpodautoscalers',
  'cronjobs',
  'jobs',
];

export function resolveType(cluster: Cluster, typed: string): ResourceType | KubectlError {
  return (
    cluster.kinds.forResource(typed) ??
    new KubectlError(
      'E_UNKNOWN_RESOURCE_TYPE',
      `error: the server doesn't have a resource type "${typed}"`,
      { token: typed },
    )
  );
}

/** The types of kubectl's `all` (`get all`, `delete all --all`) that the cluster serves. */
export function allCategory(cluster: Cluster): ResourceType[] {
  return ALL_CATEGORY.map((t) => cluster.kinds.forResource(t)).filter(
    (t): t is ResourceType => t !== null,
  );
}

/** Every type the cluster serves, built-in and custom. */
export function servedTypes(cluster: Cluster): ResourceType[] {
  return [...cluster.kinds.all()];
}

/** `deployment.apps`, `service`: the prefix of kubectl's `deployment.apps/web`. */
export function kindName(type: ResourceType): string {
  return type.group ? `${type.kind.toLowerCase()}.${type.group}` : type.kind.toLowerCase();
}

export function refFor(type: ResourceType, name: string, namespace: string | undefined): ObjectRef {
  return type.namespaced
    ? { kind: type.kind, name, namespace: namespace ?? 'default' }
    : { kind: type.kind, name };
}

export function notFound(cluster: Cluster, ref: ObjectRef): ClusterError {
  return cluster.notFound(ref);
}
