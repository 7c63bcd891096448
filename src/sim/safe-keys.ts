// Keys that users write (manifest fields, patch paths, label keys, file names, kinds) meeting plain
// JavaScript objects. `obj[key] = v` with key `__proto__` writes to Object.prototype (every object
// in the page then has the field), and `obj[key]` with key `constructor` finds a function where a
// table has no entry. DriftLab refuses the three names that reach the prototype chain as keys and
// path segments wherever input enters (manifest parse, scenario load, kubectl, git console), and
// the write primitives refuse them again.
//
// WARNING: never write or delete an arbitrary string key on a plain object. Use a Map, a record
// from safeRecord(), or `obj[safeKey(key)] = v`. Tables that user text looks up (by kind, by
// field) are made with table(). The eslint rule `driftlab/no-unsafe-key-write` checks writes.
import { isScalar, visit, type Document, type Node as YamlNode } from 'yaml';
import { CodedError } from './coded-error';

/** The names that reach the prototype chain. Real Kubernetes has no field of these names. */
export const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

declare const safe: unique symbol;
/** A key checked by isSafeKey/safeKey: writing it to a plain object touches only that object. */
export type SafeKey = string & { readonly [safe]: true };
declare const noPrototype: unique symbol;
/** A record made by safeRecord(): no prototype, so any key is only ever its own entry. */
export type SafeRecord<T> = Record<string, T> & { readonly [noPrototype]?: true };

export function isSafeKey(key: string): key is SafeKey {
  return !UNSAFE_KEYS.has(key);
}

export class UnsafeKeyError extends CodedError<'E_UNSAFE_KEY', { key: string }> {
  constructor(key: string) {
    super('E_UNSAFE_KEY', unsafeKeyMessage(key), { key });
  }
}

/** The reason given wherever such a key is refused. */
export function unsafeKeyMessage(key: string): string {
  return `"${key}" cannot be a field name or key (__proto__, constructor and prototype are refused)`;
}

/** `key` itself, for a write; throws UnsafeKeyError (code E_UNSAFE_KEY) for a refused name. */
export function safeKey(key: string): SafeKey {
  if (!isSafeKey(key)) throw new UnsafeKeyError(key);
  return key;
}

/** An empty record with no prototype: any key is an own entry, and nothing else is found. */
export function safeRecord<T>(): SafeRecord<T> {
  return Object.create(null) as SafeRecord<T>;
}

/** A lookup table with no prototype: `t[userText]` is one of its entries or undefined. */
export function table<T>(entries: Record<string, T>): Readonly<Partial<Record<string, T>>> {
  return Object.freeze(Object.assign(safeRecord<T>(), entries));
}

/**
 * The path to the first refused key in JSON-like `value` (maps and lists, any depth), or null.
 * Allocates only for the answer: it runs on every write the API server admits.
 */
export function unsafeKeyPath(value: unknown): (string | number)[] | null {
  if (typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const inner = unsafeKeyPath(value[i]);
      if (inner) return [i, ...inner];
    }
    return null;
  }
  // `for...in` allocates nothing and sees an own `__proto__` (JSON.parse and structuredClone make
  // one), which `Object.keys` would too but with an array per map.
  for (const key in value) {
    if (UNSAFE_KEYS.has(key)) return [key];
    const inner = unsafeKeyPath((value as Record<string, unknown>)[key]);
    if (inner) return [key, ...inner];
  }
  return null;
}

/** unsafeKeyPath's answer as text: `spec.containers[0].__proto__`. */
export function keyPathText(path: readonly (string | number)[]): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
    .join('')
    .replace(/^\./, '');
}

/** A refused key of a parsed YAML document, with the offset of the key in the text. */
export interface UnsafeYamlKey {
  key: string;
  offset: number;
}

/** Every map key of `doc` (any depth) that is a refused name, in document order. */
export function unsafeYamlKeys(doc: Document | YamlNode | null | undefined): UnsafeYamlKey[] {
  const out: UnsafeYamlKey[] = [];
  if (!doc) return out;
  visit(doc, {
    Pair(_key, pair) {
      const k = pair.key;
      if (isScalar(k) && UNSAFE_KEYS.has(String(k.value)))
        out.push({ key: String(k.value), offset: k.range?.[0] ?? 0 });
    },
  });
  return out;
}
