// Deleting an object as the API server and the garbage collector do: a Pod is Terminating for its
// grace period first (controllers/kubelet.ts), unless it is 0; a Namespace takes what is in it;
// dependents (ownerReferences) go with their owner (REFERENCE.md: background cascading deletion).
import type { ClusterVerb, FieldChange } from '../audit';
import type { Controllers } from './controllers';
import type { ClusterError } from './errors';
import { refKey, refOf, type ObjectRef } from './object';
import type { Ownership } from './ownership';
import type { StoredObjects } from './store';
import type { WriteContext } from './write';

/** What a delete reads and writes of its cluster. */
export interface DeletionEnv {
  objects: StoredObjects;
  owners: Map<string, Ownership>;
  controllers: Controllers;
  scoped(ref: ObjectRef): ObjectRef;
  notFound(ref: ObjectRef): ClusterError;
  record(ctx: WriteContext, verb: ClusterVerb, key: string, changes: FieldChange[]): void;
  notify(ref: ObjectRef): void;
}

const GARBAGE_COLLECTOR: WriteContext = {
  actor: 'garbage-collector',
  channel: 'controller',
  manager: 'kube-controller-manager',
  revision: null,
};

/** Deletes `ref` and what goes with it; throws E_NOT_FOUND when absent. */
export function deleteObject(
  env: DeletionEnv,
  ref: ObjectRef,
  ctx: WriteContext,
  opts: { gracePeriodSeconds?: number },
): void {
  const scoped = env.scoped(ref);
  const key = refKey(scoped);
  const existing = env.objects.get(key);
  if (!existing) throw env.notFound(ref);
  if (
    existing.kind === 'Pod' &&
    env.controllers.beginPodDeletion(existing, ctx, opts.gracePeriodSeconds)
  )
    return;
  env.objects.delete(key);
  env.owners.delete(key);
  env.controllers.forget(scoped, existing.metadata.ownerReferences ?? []);
  env.record(ctx, 'delete', key, []);
  // Cascades work from lists taken up front: an earlier delete may already have taken a later
  // entry with it (a Deployment's Pods), so entries no longer stored are skipped.
  // Simplification: the Namespace goes at once, so its Pods do not wait out a grace period.
  if (existing.kind === 'Namespace') {
    for (const obj of env.objects.list({ namespace: existing.metadata.name })) {
      if (env.objects.has(refKey(refOf(obj))))
        deleteObject(env, refOf(obj), ctx, { gracePeriodSeconds: 0 });
    }
  }
  const uid = existing.metadata.uid;
  const dependents = typeof uid === 'string' ? env.objects.dependentsOf(uid) : [];
  for (const dependent of dependents) {
    if (!env.objects.has(refKey(refOf(dependent)))) continue;
    deleteObject(
      env,
      refOf(dependent),
      GARBAGE_COLLECTOR,
      opts.gracePeriodSeconds === 0 ? opts : {},
    );
  }
  env.notify(scoped);
}
