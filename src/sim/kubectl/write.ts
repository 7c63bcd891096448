// The imperative commands: scale, set image, patch, label, annotate, rollout and delete by name.
// Each names its objects; each object is looked up, then changed through src/sim/cluster/ops.ts
// as the field manager kubectl uses for that command. Like kubectl, one object's failure is
// reported and the next object is still tried.
import { ops, type KObject, type ObjectRef } from '../cluster';
import type {
  DeleteCommand,
  MetadataCommand,
  NamedResource,
  PatchCommand,
  RolloutCommand,
  ScaleCommand,
  SetImageCommand,
} from './ast';
import { actorOf, writeContext, type Exec } from './context';
import { KubectlError } from './errors';
import {
  allCategory,
  kindName,
  notFound,
  refFor,
  resolveType,
  type ResourceType,
} from './resources';
import { matchesSelector } from './selector';

/** Resolves every type first (an unknown one fails the whole command), then runs `act` per object. */
function eachObject(
  resources: readonly NamedResource[],
  namespace: string | undefined,
  x: Exec,
  act: (ref: ObjectRef, type: ResourceType, obj: KObject) => void,
  ignoreNotFound = false,
): void {
  const targets = resources.map((r) => {
    const type = resolveType(x.cluster, r.type);
    if (type instanceof KubectlError) throw type;
    return { type, ref: refFor(type, r.name, namespace) };
  });
  for (const { type, ref } of targets) {
    const obj = x.cluster.get(ref);
    if (!obj) {
      if (!ignoreNotFound) x.out.fail(notFound(x.env.cluster, ref));
      continue;
    }
    x.out.attempt(() => act(ref, type, obj));
  }
}

export function scale(cmd: ScaleCommand, x: Exec): void {
  eachObject(cmd.resources, cmd.namespace, x, (ref) =>
    x.out.print(ops.scale(x.cluster, ref, cmd.replicas, actorOf(x.env))),
  );
}

export function setImage(cmd: SetImageCommand, x: Exec): void {
  eachObject(cmd.resources, cmd.namespace, x, (ref) =>
    x.out.print(ops.setImage(x.cluster, ref, cmd.images, actorOf(x.env))),
  );
}

export function patch(cmd: PatchCommand, x: Exec): void {
  eachObject(cmd.resources, cmd.namespace, x, (ref) =>
    x.out.print(ops.patch(x.cluster, ref, cmd.patch, cmd.patchType, actorOf(x.env))),
  );
}

export function metadata(cmd: MetadataCommand, x: Exec): void {
  const field = cmd.verb === 'label' ? 'labels' : 'annotations';
  eachObject(cmd.resources, cmd.namespace, x, (ref) =>
    x.out.print(ops.setMetadata(x.cluster, ref, field, cmd.changes, cmd.overwrite, actorOf(x.env))),
  );
}

export function rollout(cmd: RolloutCommand, x: Exec): void {
  const who = actorOf(x.env);
  eachObject(cmd.resources, cmd.namespace, x, (ref) => {
    switch (cmd.action) {
      case 'undo':
        return x.out.print(ops.rolloutUndo(x.cluster, ref, who, cmd.toRevision));
      case 'restart':
        return x.out.print(ops.rolloutRestart(x.cluster, ref, who));
      case 'history':
        return x.out.print(ops.rolloutHistory(x.cluster, ref));
      case 'status': {
        const status = ops.rolloutStatus(x.cluster, ref);
        return status.failed ? x.out.fail(status.text) : x.out.print(status.text);
      }
    }
  });
}

export function dryRunSuffix(dryRun: 'none' | 'client' | 'server'): string {
  return dryRun === 'server' ? ' (server dry run)' : dryRun === 'client' ? ' (dry run)' : '';
}

/** Deletes one object that exists, or says it would (dry run): `deployment.apps "web" deleted`. */
export function deleteOne(
  ref: ObjectRef,
  type: ResourceType,
  cmd: Pick<DeleteCommand, 'dryRun' | 'gracePeriodSeconds' | 'force'>,
  x: Exec,
): void {
  const grace =
    cmd.gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds: cmd.gracePeriodSeconds };
  if (cmd.dryRun === 'none') x.cluster.delete(ref, writeContext(x.env, 'kubectl'), grace);
  const how = cmd.force && cmd.gracePeriodSeconds === 0 ? 'force deleted' : 'deleted';
  x.out.print(`${kindName(type)} "${ref.name}" ${how}${dryRunSuffix(cmd.dryRun)}`);
}

/** kubectl's warning before a forced deletion (kubectl delete.go). */
export function forceWarning(
  cmd: Pick<DeleteCommand, 'gracePeriodSeconds' | 'force'>,
  x: Exec,
): void {
  if (cmd.force && cmd.gracePeriodSeconds === 0)
    x.out.note(
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.',
    );
}

/** `delete TYPE NAME...`, or `delete TYPE --all` / `-l selector`. */
export function deleteResources(cmd: DeleteCommand, x: Exec): void {
  forceWarning(cmd, x);
  const named = cmd.resources.filter((r): r is NamedResource => r.name !== undefined);
  if (named.length > 0) {
    eachObject(
      named,
      cmd.namespace,
      x,
      (ref, type) => deleteOne(ref, type, cmd, x),
      cmd.ignoreNotFound,
    );
    return;
  }
  const types = cmd.resources.flatMap((r) => {
    if (r.type === 'all') return allCategory(x.cluster);
    const type = resolveType(x.cluster, r.type);
    if (type instanceof KubectlError) throw type;
    return [type];
  });
  const doomed = types.flatMap((type) =>
    x.cluster
      .list({
        kind: type.kind,
        ...(type.namespaced ? { namespace: cmd.namespace ?? 'default' } : {}),
      })
      .filter((o) => matchesSelector(cmd.selector, o.metadata.labels))
      .map((obj) => ({ type, ref: refFor(type, obj.metadata.name, obj.metadata.namespace) })),
  );
  if (doomed.length === 0) x.out.note(`No resources found`);
  // An object deleted earlier in the list may take others with it (a Deployment its ReplicaSets).
  for (const { type, ref } of doomed)
    if (x.cluster.get(ref)) x.out.attempt(() => deleteOne(ref, type, cmd, x));
}
