// Which field paths are the status subresource, by whole segment: `status` and what is under it
// (`status.replicas`, `status[...]`), never a top-level field that merely starts with those letters
// (a custom resource's `statusPage`). Apply never sets status, a diff never compares it, and a
// change to it alone is a health change, not drift. One definition for the cluster, the diff, the
// watch and the observer.

/** Whether `text` (a field path as formatPath writes it) is `prefix` or a field under it. */
export function isUnderPath(text: string, prefix: string): boolean {
  if (!text.startsWith(prefix)) return false;
  const next = text[prefix.length];
  return next === undefined || next === '.' || next === '[';
}

/** Whether a field path is the object's status or a field in it. */
export function isStatusPath(text: string): boolean {
  return isUnderPath(text, 'status');
}
