// One copy of each of the strings a long-lived record repeats (field paths, object keys, log lines
// such as `deployment.apps/web unchanged`). Each was built by concatenation, a rope bigger than
// the flat string, and a week of simulation repeats the same few thousand of them hundreds of
// thousands of times. A Map lookup hashes, and so flattens, the string it keeps.
// The one interner of the simulation: the audit trail, the pipeline's run log and kubectl's apply
// lines each keep a pool.
export class StringPool {
  private readonly pool = new Map<string, string>();

  /** With a `limit`, the pool starts afresh once it holds that many (for strings users name). */
  constructor(private readonly limit = Infinity) {}

  /** The pool's copy of `s` (`s` itself the first time). */
  of(s: string): string {
    const hit = this.pool.get(s);
    if (hit !== undefined) return hit;
    if (this.pool.size >= this.limit) this.pool.clear();
    this.pool.set(s, s);
    return s;
  }
}
