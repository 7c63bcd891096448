// Plain-data Kubernetes objects as the simulated API server stores them, and the refs that name them.
import { isSafeKey } from '../safe-keys';

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
 * A deep copy of JSON-like data, as `structuredClone` makes it but several times faster: plain
 * objects and lists (all the cluster stores) are copied by hand. Anything else (a Date, a sparse
 * list, a function, a cycle) goes to structuredClone itself. A subtree referred to twice (a YAML
 * alias) is copied twice: stored objects are JSON, where nothing is shared, so an edit of one
 * place never shows up at another.
 */
export function clone<T>(value: T): T {
  try {
    return copyPlain(value, 0) as T;
  } catch {
    return structuredClone(value);
  }
}

const NOT_PLAIN = new Error('not plain data');
/** Deeper than any object the cluster stores: a cycle, which structuredClone copies. */
const MAX_DEPTH = 500;

function copyPlain(value: unknown, depth: number): unknown {
  if (typeof value === 'function' || typeof value === 'symbol') throw NOT_PLAIN;
  if (typeof value !== 'object' || value === null) return value;
  if (depth > MAX_DEPTH) throw NOT_PLAIN;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (Array.isArray(value)) {
    if (proto !== Array.prototype || Object.keys(value).length !== value.length) throw NOT_PLAIN;
    const out: unknown[] = [];
    for (const item of value) out.push(copyPlain(item, depth + 1));
    return out;
  }
  if (proto !== Object.prototype && proto !== null) throw NOT_PLAIN;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    // structuredClone keeps an own `__proto__` an own field; admission then refuses it.
    if (!isSafeKey(key)) throw NOT_PLAIN;
    out[key] = copyPlain((value as Record<string, unknown>)[key], depth + 1);
  }
  return out;
}
