// The keys of the objects the pipeline created for an app, in the order it first created them.
// The observer asks for them as a list at every check, and a list that is the same array while
// nothing was added or removed lets it see "same objects" without comparing them one by one.
export class CreatedKeys implements Iterable<string> {
  private readonly keys = new Set<string>();
  private list: readonly string[] | null = null;

  has(key: string): boolean {
    return this.keys.has(key);
  }

  add(key: string): void {
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.list = null;
  }

  delete(key: string): void {
    if (this.keys.delete(key)) this.list = null;
  }

  /** The keys, in order: the same frozen array until one is added or removed. */
  toArray(): readonly string[] {
    return (this.list ??= Object.freeze([...this.keys]));
  }

  [Symbol.iterator](): Iterator<string> {
    return this.keys.values();
  }
}
