// `kubectl apply -f` and `kubectl delete -f`: every manifest under the paths, one by one, with no
// transaction: an object that fails is reported and the next one is still applied, as kubectl
// does. `--prune` then deletes what an earlier apply by the same field manager created and the
// files no longer name, and only when every object applied cleanly (kubectl's rule too).
import {
  isClusterError,
  isRecord,
  refKey,
  refOf,
  type KObject,
  type WriteContext,
} from '../cluster';
import type { ApplyCommand, DeleteCommand } from './ast';
import { scalar } from './columns';
import { writeContext, type Exec } from './context';
import { KubectlError } from './errors';
import { readManifests, type Manifest } from './manifests';
import { notFound, refFor, type ResourceType } from './resources';
import { matchesSelector } from './selector';
import { deleteOne, dryRunSuffix, forceWarning } from './write';

// kubectl 1.25's default prune allowlist: the kinds `--prune` considers.
const PRUNABLE = new Set([
  'ConfigMap',
  'Endpoints',
  'Namespace',
  'PersistentVolumeClaim',
  'PersistentVolume',
  'Pod',
  'ReplicationController',
  'Secret',
  'Service',
  'Job',
  'CronJob',
  'Ingress',
  'DaemonSet',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
]);

/**
 * The manifests under `files`; each that cannot be read is reported. With `refusing`, a file that
 * does not parse is also recorded as a refused write, like an invalid object: the apply was refused.
 */
function manifestsOf(files: readonly string[], x: Exec, refusing?: WriteContext): Manifest[] {
  const read = x.env.readRepoFile;
  if (!read)
    throw new KubectlError(
      'E_NO_REPO',
      'error: -f reads files from the repository, and no repository is attached to this console',
    );
  const { manifests, errors } = readManifests(files, read);
  for (const e of errors) {
    if (refusing && isClusterError(e)) x.cluster.refuse(e.data.object!, e, refusing);
    x.out.fail(e);
  }
  return manifests;
}

function metadataOf(object: unknown): Record<string, unknown> {
  return isRecord(object) && isRecord(object.metadata) ? object.metadata : {};
}

/** The type a manifest names, if the cluster serves it (the API server reports it otherwise). */
function typeOf(object: unknown, x: Exec): ResourceType | null {
  if (!isRecord(object) || typeof object.apiVersion !== 'string' || typeof object.kind !== 'string')
    return null;
  return x.cluster.kinds.forManifest(object.apiVersion, object.kind);
}

/** kubectl's namespace rule: `-n` fills a missing namespace and must agree with a written one. */
function inNamespace(m: Manifest, namespace: string | undefined, x: Exec): unknown {
  const type = typeOf(m.object, x);
  if (namespace === undefined || !type?.namespaced) return m.object;
  const written = metadataOf(m.object).namespace;
  if (written === undefined)
    return { ...(m.object as object), metadata: { ...metadataOf(m.object), namespace } };
  if (written !== namespace) {
    throw new KubectlError(
      'E_BAD_ARGUMENT',
      `error: the namespace from the provided object "${scalar(written, '')}" does not match the namespace "${namespace}". You must pass '--namespace=${scalar(written, '')}' to perform this operation.`,
      { file: m.file },
    );
  }
  return m.object;
}

export function apply(cmd: ApplyCommand, x: Exec): void {
  const manager = cmd.serverSide ? 'kubectl' : 'kubectl-client-side-apply';
  // A dry run writes nothing, so its refusals are answered but not recorded (as admission does).
  const refusing = cmd.dryRun === 'none' ? writeContext(x.env, manager) : undefined;
  const manifests = manifestsOf(cmd.files, x, refusing).filter((m) =>
    matchesSelector(
      cmd.selector,
      metadataOf(m.object).labels as Record<string, string> | undefined,
    ),
  );
  if (manifests.length === 0 && !x.out.failed) {
    x.out.fail(new KubectlError('E_FILE', 'error: no objects passed to apply'));
    return;
  }
  const suffix = dryRunSuffix(cmd.dryRun);
  const applied = new Set<string>();
  for (const m of manifests) {
    x.out.attempt(() => {
      const result = x.cluster.apply(
        inNamespace(m, cmd.namespace, x),
        writeContext(x.env, manager, m.file),
        { dryRun: cmd.dryRun !== 'none' },
      );
      for (const w of result.warnings) x.out.note(w);
      x.out.print(
        `${result.display} ${cmd.serverSide ? 'serverside-applied' : result.outcome}${suffix}`,
      );
      applied.add(refKey(result.ref));
    });
  }
  if (cmd.prune && !x.out.failed) prune(cmd, manager, applied, x);
}

function prune(cmd: ApplyCommand, manager: string, applied: ReadonlySet<string>, x: Exec): void {
  const namespaces = new Set(
    [...applied]
      .map((key) => key.split('/'))
      .filter((parts) => parts.length === 3)
      .map((parts) => parts[1]),
  );
  const doomed = x.cluster.list().filter((obj: KObject) => {
    const ns = obj.metadata.namespace;
    return (
      PRUNABLE.has(obj.kind) &&
      !applied.has(refKey(refOf(obj))) &&
      (ns === undefined || namespaces.has(ns)) &&
      // Objects a controller made (Pods of a ReplicaSet) go with their owner, never on their own.
      (obj.metadata.ownerReferences ?? []).length === 0 &&
      manager in x.cluster.managedFields(refOf(obj)) &&
      matchesSelector(cmd.selector, obj.metadata.labels)
    );
  });
  for (const obj of doomed) {
    const ref = refOf(obj);
    if (!x.cluster.get(ref)) continue;
    x.out.attempt(() => {
      if (cmd.dryRun === 'none') x.cluster.delete(ref, writeContext(x.env, manager));
      x.out.print(`${x.cluster.display(ref)} pruned${dryRunSuffix(cmd.dryRun)}`);
    });
  }
}

export function deleteFiles(cmd: DeleteCommand, x: Exec): void {
  forceWarning(cmd, x);
  for (const m of manifestsOf(cmd.files, x)) {
    x.out.attempt(() => {
      const object = m.object as Partial<KObject>;
      const name = scalar(metadataOf(object).name, '');
      const type = typeOf(object, x);
      if (!type) {
        throw new KubectlError(
          'E_UNKNOWN_RESOURCE_TYPE',
          `error: resource mapping not found for name: "${name}" namespace: "${scalar(metadataOf(object).namespace, '')}" from "${m.file}": no matches for kind "${scalar(object.kind, '')}" in version "${scalar(object.apiVersion, '')}"\nensure CRDs are installed first`,
          { file: m.file },
        );
      }
      const ref = refFor(
        type,
        name,
        (metadataOf(inNamespace(m, cmd.namespace, x)).namespace as string | undefined) ??
          cmd.namespace,
      );
      if (x.cluster.get(ref)) deleteOne(ref, type, cmd, x);
      else if (!cmd.ignoreNotFound) x.out.fail(notFound(x.env.cluster, ref));
    });
  }
}
