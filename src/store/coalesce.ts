/**
 * Runs `task` on demand, never two at once, and never starves. A call made while a run is in
 * progress waits for that run and then one more, which every call made in the meantime shares; so
 * each call resolves only after a run that started after it, and however often it is called, runs
 * keep finishing.
 *
 * (Discarding all but the newest of overlapping runs, "latest wins", starves when calls come
 * faster than a run takes: while playing on a loaded machine no view was ever shown.)
 */
export function coalesce(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  let queued: Promise<void> | null = null;
  return () => {
    if (queued) return queued;
    const next = running.then(() => {
      queued = null;
      return task();
    });
    queued = next;
    running = next.catch(() => undefined);
    return next;
  };
}
