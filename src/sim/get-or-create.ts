// The one get-or-create for keyed tables: a per-key entry made on first use (a cache's memo, a
// bucket of a grouping) and the same entry every time after.
// Simplification: an entry that is `undefined` counts as missing and is made again.

/** What getOrCreate needs of a table: Map and WeakMap both fit. */
export interface KeyedTable<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/** The entry of `key` in `table`, made by `make(key)` and kept there the first time. */
export function getOrCreate<K, V>(
  table: KeyedTable<K, V>,
  key: K,
  make: (key: K) => NoInfer<V>,
): V {
  const hit = table.get(key);
  if (hit !== undefined) return hit;
  const made = make(key);
  table.set(key, made);
  return made;
}
