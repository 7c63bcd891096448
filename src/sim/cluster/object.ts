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

/**
 * A deep copy, as `structuredClone` makes it. Plain objects and lists (all the cluster stores) are
 * copied by hand, several times faster, shared and circular references kept as structuredClone
 * keeps them; anything else (a Date, a sparse list, a function) goes to structuredClone itself.
 */
export function clone<T>(value: T): T {
  try {
    return copyPlain(value, new Map()) as T;
  } catch {
    return structuredClone(value);
  }
}

const NOT_PLAIN = new Error('not plain data');

function copyPlain(value: unknown, copies: Map<object, unknown>): unknown {
  if (typeof value === 'function' || typeof value === 'symbol') throw NOT_PLAIN;
  if (typeof value !== 'object' || value === null) return value;
  const done = copies.get(value);
  if (done !== undefined) return done;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (Array.isArray(value)) {
    if (proto !== Array.prototype || Object.keys(value).length !== value.length) throw NOT_PLAIN;
    const out: unknown[] = [];
    copies.set(value, out);
    for (const item of value) out.push(copyPlain(item, copies));
    return out;
  }
  if (proto !== Object.prototype && proto !== null) throw NOT_PLAIN;
  const out: Record<string, unknown> = {};
  copies.set(value, out);
  for (const key of Object.keys(value)) {
    if (key === '__proto__') throw NOT_PLAIN;
    out[key] = copyPlain((value as Record<string, unknown>)[key], copies);
  }
  return out;
}
