// Storing a write: the Pod quota, immutable fields, server fields and defaults, then the object,
// its field ownership and the audit record, unless the write changes nothing (a write with the
// same values that takes fields over is still recorded, so the trail credits the new owner).
import type { ClusterVerb, FieldChange } from '../audit';
import type { Stored } from '../stored';
import { changesBetween, takeoverChanges } from './changes';
import { sameValue } from './equal';
import { formatPath } from './fieldpath';
import { keepAllocated } from './immutable';
import { appliesClientSide } from './last-applied';
import { refOf, type KObject, type ObjectRef } from './object';
import { takenOver, type Ownership } from './ownership';
import { podQuotaRefusal } from './pod-quota';
import { storedLeaves, type StoredObjects, type StoredTotal } from './store';
import { validateUpdate } from './validate';
import type { ApplyOutcome, WriteContext } from './write';

/** What a commit reads and writes of its cluster. */
export interface CommitEnv {
  objects: StoredObjects;
  owners: Map<string, Ownership>;
  /** The Pods the stored workloads ask for (pod-quota.ts). */
  pods: StoredTotal;
  /** Sets the server's fields (uid, resourceVersion, defaults) on `next`. */
  stamp(existing: KObject | undefined, next: KObject): void;
  statusName(ref: ObjectRef): string;
  refuse(key: string, error: Error, ctx: WriteContext): void;
  record(
    ctx: WriteContext,
    verb: ClusterVerb,
    key: string,
    changes: FieldChange[],
    message?: string,
  ): void;
  notify(ref: ObjectRef): void;
}

/** One write: `next` replaces `existing` under `key`, with the field ownership it leaves. */
export interface Write {
  key: string;
  existing: Stored<KObject> | undefined;
  next: KObject;
  ownership: Ownership;
  ctx: WriteContext;
  dryRun: boolean;
}

/** Stores `next` (after defaulting) if it differs from `existing`, with its audit record. */
export function commitWrite(c: CommitEnv, write: Write): ApplyOutcome {
  const { key, existing, next, ownership, ctx, dryRun } = write;
  const quota = podQuotaRefusal(c.pods, existing, next, c.statusName(refOf(next)));
  if (quota) {
    if (!dryRun) c.refuse(key, quota, ctx);
    throw quota;
  }
  // A dry-run create allocates nothing (no uid, no cluster IP): a dry run changes no state.
  if (dryRun && !existing) return 'created';
  if (existing) checkUpdate(c, write, existing);
  c.stamp(existing, next);
  if (existing && sameValue(existing, next)) {
    if (dryRun) return 'unchanged';
    const taken = takenOver(c.owners.get(key), ownership, ctx.manager);
    c.owners.set(key, ownership);
    // Field ownership is part of what a re-apply answers from: the journal hears of it.
    if (taken.length === 0) c.objects.noteOwnership(key);
    // Taking fields over with the same values is still a write (managedFields change): the
    // trail must show who now stands behind them, or a later replay would credit the old owner.
    if (taken.length > 0) {
      c.objects.set(key, next);
      const fields = taken.length === 1 ? 'a field' : `${taken.length} fields`;
      const message = `${ctx.manager} took over ${fields} with unchanged values`;
      c.record(ctx, 'update', key, takeoverChanges(next, taken), message);
    }
    return 'unchanged';
  }
  if (dryRun) return existing ? 'configured' : 'created';
  // Fields a client-side apply took over with unchanged values are in the record too: its
  // last-applied changes with nearly every new manifest, so such a write is no longer a no-op
  // (other writes claim only the fields whose values they change, which the record lists).
  const taken =
    existing && appliesClientSide(ctx.manager)
      ? takenOver(c.owners.get(key), ownership, ctx.manager)
      : [];
  const now = c.objects.set(key, next);
  c.owners.set(key, ownership);
  const before = existing ? storedLeaves(existing) : new Map<string, unknown>();
  const changes = changesBetween(next.kind, before, storedLeaves(now));
  if (taken.length > 0) {
    const listed = new Set(changes.map((c) => c.path));
    changes.push(
      ...takeoverChanges(
        next,
        taken.filter((p) => !listed.has(formatPath(p))),
      ),
    );
  }
  c.record(ctx, existing ? 'update' : 'create', key, changes);
  c.notify(refOf(next));
  return existing ? 'configured' : 'created';
}

/**
 * Refuses an update that changes an immutable field (immutable.ts), recorded unless a dry run.
 * The allocated cluster IP of a Service is kept first, as the API server keeps it.
 */
function checkUpdate(c: CommitEnv, write: Write, existing: Stored<KObject>): void {
  const { key, next, ctx, dryRun } = write;
  keepAllocated(existing, next);
  const file = ctx.file;
  try {
    validateUpdate(existing, next, file ? { file, verb: () => 'patching' } : undefined);
  } catch (e) {
    if (!dryRun) c.refuse(key, e as Error, ctx);
    throw e;
  }
}
