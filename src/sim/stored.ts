// Stored objects: what the cluster stores and what Git's manifests parse to, shared by every read
// and never edited. The caches keyed by object identity (the cluster's, the diff's, the health
// roll-up's) rest on that one rule; here it is a fact twice over: `Stored<T>` says so to the type
// checker (caches take only that type), and `stored()` deep-freezes, so an edit throws.
//
// WARNING: a frozen object's children are taken to be frozen already (every freeze goes through
// here, or freezes a copy whose children came from here): a write freezes only what it made new,
// not the parts it shares with the object it replaces.

declare const STORED: unique symbol;

/** An object that is shared and never edited: copy it (`clone`) to change it. */
export type Stored<T> = T & { readonly [STORED]: true };

/** Freezes `value` and every part of it not frozen yet; the same object, typed as stored. */
export function stored<T>(value: T): Stored<T> {
  freeze(value);
  return value as Stored<T>;
}

function freeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) freeze(child);
}

/**
 * Whether `value` is stored (frozen by `stored`, or a frozen copy of a stored object): what a
 * cache asks before it keeps anything keyed by it.
 */
export function isStored<T>(value: T): value is Stored<T> {
  return typeof value === 'object' && value !== null && Object.isFrozen(value);
}
