// One copy of each of the strings a long-lived record repeats (field paths, object keys, log lines
// such as `deployment.apps/web unchanged`). Each was built by concatenation, a rope bigger than
// the flat string, and a week of simulation repeats the same few thousand of them hundreds of
// thousands of times. A Map lookup hashes, and so flattens, the string it keeps.
export class StringPool {
  private readonly pool = new Map<string, string>();

  /** The pool's copy of `s` (`s` itself the first time). */
  of(s: string): string {
    const hit = this.pool.get(s);
    if (hit !== undefined) return hit;
    this.pool.set(s, s);
    return s;
  }
}
