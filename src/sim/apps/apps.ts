// The apps a lane deploys: each a folder of the repository (recursive: *.yaml, *.yml, *.json),
// and the objects Git declares for it at a revision. GitOps runs one Application per app; the push
// pipeline deploys the apps in order, with an optional approval gate before an app (how a
// staging -> production promotion is modelled).
import type { KObject } from '../cluster';
import type { ConfigRepo, ManifestError } from '../git';
import type { Stored } from '../stored';

export interface AppSpec {
  name: string;
  /** Folder of the repository; '' is the root. */
  path: string;
  /** The push pipeline waits for a person's approval before deploying this app. */
  approval?: boolean;
}

export interface DesiredObject {
  file: string;
  /** As Git's parse stored it (../stored.ts): shared, never edited. */
  manifest: Stored<KObject>;
}

export interface DesiredApp {
  app: AppSpec;
  revision: string;
  objects: DesiredObject[];
  /** `objects`' manifests, in order: the same (frozen) array for the same folder content. */
  manifests: readonly Stored<KObject>[];
  /** YAML that did not parse, or documents that are not Kubernetes objects. */
  errors: ManifestError[];
}

/** One app at the repository root, the default when a scenario names no folders. */
export function defaultApps(path = ''): AppSpec[] {
  const name = path === '' ? 'app' : (path.split('/').filter(Boolean).pop() ?? 'app');
  return [{ name, path }];
}

function isObjectLike(doc: unknown): doc is KObject {
  return typeof doc === 'object' && doc !== null && !Array.isArray(doc);
}

/** kubectl's words for a document that is not a Kubernetes object. */
function identityProblem(doc: KObject): string | null {
  const meta = doc.metadata as unknown;
  if (typeof doc.kind !== 'string' || doc.kind === '') return "Object 'Kind' is missing";
  if (typeof doc.apiVersion !== 'string' || doc.apiVersion === '')
    return "Object 'apiVersion' is missing";
  if (
    typeof meta !== 'object' ||
    meta === null ||
    typeof (meta as { name?: unknown }).name !== 'string' ||
    (meta as { name: string }).name === ''
  ) {
    return `${doc.kind}: resource name may not be empty (metadata.name)`;
  }
  return null;
}

// Parsed sets are shared per folder content (tree id), so the split into objects and errors is
// kept per set too: a poll of an unchanged folder allocates nothing.
const split = new WeakMap<object, Pick<DesiredApp, 'objects' | 'manifests' | 'errors'>>();

/**
 * What Git declares for `app` at `revision`. Cheap to call repeatedly: the repository caches
 * parsed manifests by tree id. A folder that does not exist at that revision declares nothing.
 * WARNING: the manifests are frozen and shared; copy one before changing it.
 */
export async function loadDesired(
  repo: ConfigRepo,
  revision: string,
  app: AppSpec,
): Promise<DesiredApp> {
  let set;
  try {
    set = await repo.readManifests(revision, app.path);
  } catch (e) {
    // Argo CD answers a ComparisonError ("app path does not exist"); kubectl, "the path does
    // not exist". Either way the app cannot be deployed, which is not the same as deploying nothing.
    if ((e as { code?: string }).code === 'E_PATH_NOT_FOUND')
      return {
        app,
        revision,
        objects: [],
        manifests: [],
        errors: [
          {
            file: app.path || '.',
            line: 1,
            col: 1,
            message: `app path does not exist: ${app.path || '.'}`,
            code: 'PATH_NOT_FOUND',
          },
        ],
      };
    throw e;
  }
  let parts = split.get(set);
  if (!parts) {
    const objects: DesiredObject[] = [];
    const errors: ManifestError[] = [...set.errors];
    for (const { file, doc } of set.docs) {
      if (doc === null || doc === undefined) continue;
      if (!isObjectLike(doc)) {
        errors.push({
          file,
          line: 1,
          col: 1,
          message: 'a manifest must be a YAML map (apiVersion, kind, metadata, ...)',
          code: 'NOT_AN_OBJECT',
        });
        continue;
      }
      // What kubectl and Argo CD refuse before anything else: an object must say what it is.
      const missing = identityProblem(doc);
      if (missing) {
        errors.push({ file, line: 1, col: 1, message: missing, code: 'NOT_AN_OBJECT' });
        continue;
      }
      objects.push({ file, manifest: doc as Stored<KObject> });
    }
    parts = { objects, manifests: Object.freeze(objects.map((o) => o.manifest)), errors };
    split.set(set, parts);
  }
  return { app, revision, ...parts };
}
