// A Map that keeps only its most recently used entries, up to a limit on their total weight (by
// default each weighs 1: a limit on their count; a parsed tree weighs its entries). The repository's caches (parsed
// trees, flattened trees, manifests) would otherwise hold every revision ever read: at 2,000
// commits of a 500-file folder that is hundreds of megabytes, for history that is rarely read
// again. Git objects never change, so an entry dropped is read again, equal, when next needed.
export class LruMap<K, V> {
  private readonly entries = new Map<K, { value: V; weight: number }>();
  private total = 0;

  /** @param weigh an entry's weight (>= 1); the newest entry is kept whatever it weighs. */
  constructor(
    private readonly limit: number,
    private readonly weigh: (value: V) => number = () => 1,
  ) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError('limit must be an integer >= 1');
  }

  get size(): number {
    return this.entries.size;
  }

  /** The total weight of the entries kept. */
  get weight(): number {
    return this.total;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  /** The value, now the most recently used. */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Stores `value` as the most recently used, dropping the least recently used past the limit. */
  set(key: K, value: V): this {
    this.delete(key);
    const weight = Math.max(1, this.weigh(value));
    this.entries.set(key, { value, weight });
    this.total += weight;
    while (this.total > this.limit && this.entries.size > 1)
      this.delete(this.entries.keys().next().value as K);
    return this;
  }

  private delete(key: K): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.total -= entry.weight;
  }
}
