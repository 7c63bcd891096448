// The API resources the simulated cluster serves: those of Kubernetes 1.25. A kind is found by its
// apiVersion + kind (manifests) or by a resource name, plural or short name (kubectl).
import { getOrCreate } from '../get-or-create';
import { table } from '../safe-keys';

export interface ResourceType {
  kind: string;
  group: string; // '' = the core group
  versions: string[]; // served versions, preferred first
  namespaced: boolean;
  plural: string;
  shortNames: string[];
}

interface Deprecation {
  /** kubectl's warning text, word for word as 1.25 printed it. */
  warning: string;
}

const R = (
  kind: string,
  group: string,
  versions: string[],
  namespaced: boolean,
  plural: string,
  shortNames: string[] = [],
): ResourceType => ({ kind, group, versions, namespaced, plural, shortNames });

const BUILT_IN: ResourceType[] = [
  R('Pod', '', ['v1'], true, 'pods', ['po']),
  R('Service', '', ['v1'], true, 'services', ['svc']),
  R('ConfigMap', '', ['v1'], true, 'configmaps', ['cm']),
  R('Secret', '', ['v1'], true, 'secrets'),
  R('Namespace', '', ['v1'], false, 'namespaces', ['ns']),
  R('ServiceAccount', '', ['v1'], true, 'serviceaccounts', ['sa']),
  R('PersistentVolumeClaim', '', ['v1'], true, 'persistentvolumeclaims', ['pvc']),
  R('PersistentVolume', '', ['v1'], false, 'persistentvolumes', ['pv']),
  R('Endpoints', '', ['v1'], true, 'endpoints', ['ep']),
  R('LimitRange', '', ['v1'], true, 'limitranges', ['limits']),
  R('ResourceQuota', '', ['v1'], true, 'resourcequotas', ['quota']),
  R('Deployment', 'apps', ['v1'], true, 'deployments', ['deploy']),
  R('ReplicaSet', 'apps', ['v1'], true, 'replicasets', ['rs']),
  R('StatefulSet', 'apps', ['v1'], true, 'statefulsets', ['sts']),
  R('DaemonSet', 'apps', ['v1'], true, 'daemonsets', ['ds']),
  R(
    'HorizontalPodAutoscaler',
    'autoscaling',
    ['v2', 'v1', 'v2beta2'],
    true,
    'horizontalpodautoscalers',
    ['hpa'],
  ),
  R('Job', 'batch', ['v1'], true, 'jobs'),
  R('CronJob', 'batch', ['v1'], true, 'cronjobs', ['cj']),
  R('Ingress', 'networking.k8s.io', ['v1'], true, 'ingresses', ['ing']),
  R('NetworkPolicy', 'networking.k8s.io', ['v1'], true, 'networkpolicies', ['netpol']),
  R('IngressClass', 'networking.k8s.io', ['v1'], false, 'ingressclasses'),
  R('PodDisruptionBudget', 'policy', ['v1'], true, 'poddisruptionbudgets', ['pdb']),
  R('Role', 'rbac.authorization.k8s.io', ['v1'], true, 'roles'),
  R('RoleBinding', 'rbac.authorization.k8s.io', ['v1'], true, 'rolebindings'),
  R('ClusterRole', 'rbac.authorization.k8s.io', ['v1'], false, 'clusterroles'),
  R('ClusterRoleBinding', 'rbac.authorization.k8s.io', ['v1'], false, 'clusterrolebindings'),
  R('StorageClass', 'storage.k8s.io', ['v1'], false, 'storageclasses', ['sc']),
  R(
    'CustomResourceDefinition',
    'apiextensions.k8s.io',
    ['v1'],
    false,
    'customresourcedefinitions',
    ['crd', 'crds'],
  ),
];

/** Served by 1.25 but deprecated: accepted, with kubectl's warning. */
const DEPRECATED = table<Deprecation>({
  'autoscaling/v2beta2/HorizontalPodAutoscaler': {
    warning:
      'Warning: autoscaling/v2beta2 HorizontalPodAutoscaler is deprecated in v1.23+, unavailable in v1.26+; use autoscaling/v2 HorizontalPodAutoscaler',
  },
});

export function apiVersionOf(type: ResourceType, version = type.versions[0]!): string {
  return type.group === '' ? version : `${type.group}/${version}`;
}

function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/**
 * The kinds one cluster knows: the built-ins plus those its CustomResourceDefinitions add.
 * Each cluster has its own registry, as each real cluster has its own CRDs.
 */
export class KindRegistry {
  private types: ResourceType[] = [...BUILT_IN];
  private changes = 0;
  /** forKind's answers since the kinds last changed. */
  private byKind = new Map<string, ResourceType | null>();

  /** Moves whenever the kinds served change (a CRD added, a reset): equal means same answers. */
  get generation(): number {
    return this.changes;
  }

  /** Every kind served, built-ins first, then those CRDs added (for `kubectl api-resources`). */
  all(): readonly ResourceType[] {
    return this.types;
  }

  /** Forgets the kinds added by CRDs (a wiped cluster has none). */
  reset(): void {
    this.types = [...BUILT_IN];
    this.changes++;
    this.byKind = new Map();
  }

  /** The type for a manifest's apiVersion + kind, or null when the API serves no such thing. */
  forManifest(apiVersion: string, kind: string): ResourceType | null {
    const { group, version } = splitApiVersion(apiVersion);
    return (
      this.types.find(
        (t) => t.kind === kind && t.group === group && t.versions.includes(version),
      ) ?? null
    );
  }

  /** A kind by any name kubectl accepts: `deployment`, `deployments`, `deploy`, `Deployment`, `deployments.apps`. */
  forResource(name: string): ResourceType | null {
    const lower = name.toLowerCase();
    const [base, ...groupParts] = lower.split('.');
    const group = groupParts.join('.');
    return (
      this.types.find(
        (t) =>
          (group === '' || t.group === group) &&
          (t.kind.toLowerCase() === base || t.plural === base || t.shortNames.includes(base!)),
      ) ?? null
    );
  }

  forKind(kind: string): ResourceType | null {
    return getOrCreate(this.byKind, kind, () => this.types.find((t) => t.kind === kind) ?? null);
  }

  deprecationWarning(apiVersion: string, kind: string): string | null {
    return DEPRECATED[`${apiVersion}/${kind}`]?.warning ?? null;
  }

  /** Registers the kind a CustomResourceDefinition declares (spec.group, spec.names, spec.versions). */
  addCustomResource(crd: Record<string, unknown>): void {
    const spec = crd.spec as
      | {
          group?: string;
          scope?: string;
          names?: { kind?: string; plural?: string; shortNames?: string[] };
          versions?: { name?: string; served?: boolean }[];
        }
      | undefined;
    const kind = spec?.names?.kind;
    if (!spec?.group || !kind) return;
    const versions = (spec.versions ?? [])
      .filter((v) => v.served !== false && v.name)
      .map((v) => v.name!);
    if (versions.length === 0 || this.types.some((t) => t.kind === kind && t.group === spec.group))
      return;
    this.changes++;
    this.byKind = new Map();
    this.types.push(
      R(
        kind,
        spec.group,
        versions,
        spec.scope !== 'Cluster',
        spec.names?.plural ?? `${kind.toLowerCase()}s`,
        spec.names?.shortNames ?? [],
      ),
    );
  }
}
