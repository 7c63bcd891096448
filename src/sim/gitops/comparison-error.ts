// The ComparisonError condition's message (argo-cd `ApplicationConditionComparisonError`): what
// kept Argo CD from loading the target state. A missing app path reads as the repo server says it
// ("<path>: app path does not exist"); a manifest that does not parse names its file and place.
import type { ManifestError } from '../git/manifests';

export function comparisonErrorMessage(errors: readonly ManifestError[]): string {
  return errors
    .map((e) =>
      e.code === 'PATH_NOT_FOUND'
        ? `${e.file}: app path does not exist`
        : `${e.file}:${e.line}:${e.col}: ${e.message}`,
    )
    .join('; ');
}
