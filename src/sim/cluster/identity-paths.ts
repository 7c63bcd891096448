// The field paths that name an object: its apiVersion, kind, name and namespace. No manager owns
// them (an apply never removes them) and a diff never compares them: a manifest and the live
// object it is compared with already agree on them. One definition for ownership and the diff.
const IDENTITY_PATHS: ReadonlySet<string> = new Set([
  'apiVersion',
  'kind',
  'metadata.name',
  'metadata.namespace',
]);

/** Whether `text` (a field path as formatPath writes it) is one of the identity fields. */
export function isIdentityPath(text: string): boolean {
  return IDENTITY_PATHS.has(text);
}
