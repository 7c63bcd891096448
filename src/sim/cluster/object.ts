// Plain-data Kubernetes objects as the simulated API server stores them, and the refs that name them.

/** A Kubernetes object as JSON: apiVersion, kind, metadata, and whatever its kind carries. */
export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  [field: string]: unknown;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
}

/** Names one object. `namespace` is absent for cluster-scoped kinds. */
export interface ObjectRef {
  kind: string;
  name: string;
  namespace?: string;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** `Deployment/shop/web`, or `Namespace/shop` for a cluster-scoped object: the id the audit uses. */
export function refKey(ref: ObjectRef): string {
  return ref.namespace === undefined
    ? `${ref.kind}/${ref.name}`
    : `${ref.kind}/${ref.namespace}/${ref.name}`;
}

export function refOf(obj: KObject): ObjectRef {
  const { name, namespace } = obj.metadata;
  return namespace === undefined ? { kind: obj.kind, name } : { kind: obj.kind, name, namespace };
}

/** `deployment/web` as kubectl prints it. */
export function kubectlName(ref: ObjectRef): string {
  return `${ref.kind.toLowerCase()}/${ref.name}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}
