// Reading manifests the way kubectl reads `-f`: a file or a folder of the repository, each file a
// YAML stream (parsed by the repository's own reader, so a broken file fails here exactly as it
// fails the lanes), a `kind: List` unpacked into its items. A folder only contributes its .yaml,
// .yml and .json files, as kubectl's directory walk does.
import { unparsableFile, type ClusterError } from '../cluster';
import { parseManifestText } from '../git/manifests';
import { KubectlError } from './errors';

export interface RepoFile {
  path: string;
  text: string;
}

/**
 * How the console reaches the repository: the files at a path (one file, or every file under a
 * folder), or what kubectl says when it cannot read it, e.g. `the path "x" does not exist`.
 * Synchronous: the caller reads ahead what the command's `-f` paths name (see ParsedCommand).
 */
export type ReadRepoFile = (path: string) => { files: RepoFile[] } | { error: string };

export interface Manifest {
  file: string;
  /** WARNING: shared and frozen (the repository's reader caches it); copy before changing it. */
  object: unknown;
}

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/**
 * Every manifest under the `-f` paths, in order, and an error for each path that cannot be read
 * (E_FILE) or document that does not parse (a ClusterError E_INVALID, refused like bad objects).
 */
export function readManifests(
  paths: readonly string[],
  read: ReadRepoFile,
): { manifests: Manifest[]; errors: (KubectlError | ClusterError)[] } {
  const manifests: Manifest[] = [];
  const errors: (KubectlError | ClusterError)[] = [];
  for (const path of paths) {
    const found = read(path);
    if ('error' in found) {
      const text = found.error.startsWith('error: ') ? found.error : `error: ${found.error}`;
      errors.push(new KubectlError('E_FILE', text, { file: path }));
      continue;
    }
    for (const file of found.files) {
      if (file.path !== path && !MANIFEST_FILE.test(file.path)) continue;
      const parsed = parseManifestText(file.text);
      for (const e of parsed.errors) errors.push(unparsableFile(file.path, e.line, e.message));
      for (const { doc } of parsed.docs) {
        const items =
          (doc as { kind?: unknown; items?: unknown }).kind === 'List'
            ? (doc as { items?: unknown }).items
            : undefined;
        if (Array.isArray(items))
          manifests.push(...items.map((item: unknown) => ({ file: file.path, object: item })));
        else manifests.push({ file: file.path, object: doc });
      }
    }
  }
  return { manifests, errors };
}
