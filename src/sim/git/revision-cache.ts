// What refs and revisions resolved to, for one repository. The observer and both lanes ask for
// `main` at every check and poll, and isomorphic-git reads files (and, for a ref that does not
// exist, such as `refs/tags/main`, makes an error) each time. Passed in with the GitContext, as
// isomorphic-git's own `cache` is, never a module singleton: the repository owns it.
//
// Its one rule: refs and objects change only inside a write. Every write (the repository's, and
// each ref write within it) forgets all answers when it begins and when it ends, and an answer
// found while a write ran is not kept: it may be the old one.
export class RevisionCache {
  private readonly answers = new Map<string, string | null>();
  private writing = 0;
  /** Writes begun or ended: a resolution that sees this move overlapped one. */
  private edges = 0;

  /** The answer kept for `key`, else `resolve()`'s (kept unless a write overlapped it). */
  resolve<A extends string | null>(key: string, resolve: () => Promise<A>): Promise<A> {
    const known = this.answers.get(key);
    if (known !== undefined) return Promise.resolve(known as A);
    const edges = this.edges;
    return resolve().then((answer) => {
      if (this.writing === 0 && this.edges === edges) this.answers.set(key, answer);
      return answer;
    });
  }

  /** Runs a write: what was resolved is forgotten before it and after it, even if it fails. */
  async whileWriting<T>(write: () => T | Promise<T>): Promise<T> {
    this.changed(+1);
    try {
      return await write();
    } finally {
      this.changed(-1);
    }
  }

  private changed(writing: number): void {
    this.writing += writing;
    this.edges++;
    this.answers.clear();
  }
}
