// Admission: what the API server checks before a create or apply touches the store: identity, a
// known kind, normalisation, validation and an existing namespace.
import { isStored, type Stored } from '../stored';
import { ClusterError, fromServer, type ManifestSource } from './errors';
import type { KindRegistry, ResourceType } from './kinds';
import { clone, isRecord, refKey, refOf, type KObject } from './object';
import { normalizeSecret } from './secret';
import { checkFieldNames, validateObject } from './validate';

/** What admission reads from the cluster, and where it records a refusal. */
export interface AdmissionEnv {
  kinds: KindRegistry;
  namespaceExists: (name: string) => boolean;
  /** Whether an object is stored under this key: an apply to it patches, not creates. */
  exists: (key: string) => boolean;
  /** Called with every refusal before it is thrown, so the attempt is in the audit trail. */
  refuse: (object: string, error: ClusterError) => void;
}

/** The object admission made of a manifest, and the type it was admitted as. */
export interface AdmittedObject {
  obj: KObject;
  type: ResourceType;
}

/**
 * The object a manifest stands for, ready to store: a copy with Secret `stringData` folded into
 * `data`, no `status`, and its namespace defaulted (namespaced kinds) or dropped (cluster-scoped).
 * Refusals throw a ClusterError with kubectl's message; `file` names the manifest in it.
 */
export function admit(
  manifest: unknown,
  file: string | undefined,
  env: AdmissionEnv,
): AdmittedObject {
  const where = file ? ` in "${file}"` : '';
  const fail = (e: ClusterError): never => {
    env.refuse(e.data.object ?? file ?? '(manifest)', e);
    throw e;
  };
  if (!isRecord(manifest))
    return fail(
      new ClusterError('E_INVALID', `error: object is not a map${where}`, {
        clientSide: true,
        ...(file ? { file } : {}),
      }),
    );
  const { apiVersion, kind } = manifest;
  if (typeof apiVersion !== 'string' || apiVersion === '')
    return fail(
      new ClusterError('E_INVALID', `error: error validating data: apiVersion not set${where}`, {
        field: 'apiVersion',
        clientSide: true,
        ...(file ? { file } : {}),
      }),
    );
  if (typeof kind !== 'string' || kind === '')
    return fail(
      new ClusterError('E_INVALID', `error: error validating data: kind not set${where}`, {
        field: 'kind',
        clientSide: true,
        ...(file ? { file } : {}),
      }),
    );
  const type = env.kinds.forManifest(apiVersion, kind);
  const meta = isRecord(manifest.metadata) ? manifest.metadata : {};
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  if (!type) {
    return fail(
      new ClusterError(
        'E_NO_KIND_MATCH',
        `error: resource mapping not found for name: "${text(meta.name)}" namespace: "${text(meta.namespace)}" from "${file ?? '-'}": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first`,
        { object: `${kind}/${text(meta.name)}`, clientSide: true, ...(file ? { file } : {}) },
      ),
    );
  }
  const copy = clone(manifest) as KObject;
  if (!isRecord(copy.metadata)) copy.metadata = {} as KObject['metadata'];
  // Folding a Secret's stringData into data would lose a refused key before validation sees it.
  if (kind === 'Secret') refuseInvalid(() => checkFieldNames(copy), fail, copy);
  const obj = normalizeSecret(copy);
  delete obj.status;
  if (type.namespaced) obj.metadata.namespace ??= 'default';
  else delete obj.metadata.namespace;
  const source: ManifestSource | undefined = file
    ? { file, verb: () => (env.exists(refKey(refOf(obj))) ? 'patching' : 'creating') }
    : undefined;
  refuseInvalid(() => validateObject(obj, type.namespaced, source), fail, obj);
  const ns = obj.metadata.namespace;
  if (ns !== undefined && !env.namespaceExists(ns)) {
    fail(
      new ClusterError(
        'E_NOT_FOUND',
        fromServer('NotFound', `namespaces "${ns}" not found`, source),
        {
          object: refKey(refOf(obj)),
          ...(file ? { file } : {}),
        },
      ),
    );
  }
  return { obj, type };
}

/** Runs a check; its refusal is recorded and thrown with the object named. */
function refuseInvalid(check: () => void, fail: (e: ClusterError) => never, obj: KObject): void {
  try {
    check();
  } catch (e) {
    if (e instanceof ClusterError)
      fail(new ClusterError(e.code, e.message, { ...e.data, object: refKey(refOf(obj)) }));
    throw e;
  }
}

/**
 * The manifest itself when it can stand for its admitted copy: frozen (it never changes) and
 * setting the fields that copy sets. Admission only drops status and sets or drops a namespace
 * (text), neither of which a manager owns; it rewrites a Secret's stringData, so no Secrets.
 */
export function settledManifest(manifest: unknown): Stored<KObject> | null {
  if (!isRecord(manifest) || !isStored(manifest) || manifest.kind === 'Secret') return null;
  const meta = manifest.metadata;
  if (!isRecord(meta) || !(meta.namespace === undefined || typeof meta.namespace === 'string'))
    return null;
  return manifest as unknown as Stored<KObject>;
}
