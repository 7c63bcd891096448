// The simulated API server of one cluster: a store of objects, the write path that admits them
// (admission.ts), merges field ownership (ownership.ts) and sets server fields and defaults
// (server-fields.ts), and an audit record for every change. Controllers (controllers/) react to
// changes on the virtual clock.
import type { AuditLog, ClusterName, ClusterVerb, FieldChange } from '../audit';
import type { VirtualClock } from '../clock';
import { safeRecord } from '../safe-keys';
import { admit, settledManifest, type AdmissionEnv } from './admission';
import { changesBetween } from './changes';
import { commitWrite, type CommitEnv, type Write } from './commit';
import { createControllers, type Controllers } from './controllers';
import { sameValue } from './equal';
import { ClusterError } from './errors';
import { EventStore } from './events';
import { imageCatalog, type ImageCatalog } from './images';
import { KindRegistry } from './kinds';
import {
  appliesClientSide,
  droppedFields,
  lastAppliedFields,
  withLastApplied,
} from './last-applied';
import { isStored, type Stored } from '../stored';
import { clone, isRecord, refKey, refOf, type KObject, type ObjectRef } from './object';
import {
  appliedFields,
  applyChangesNothing,
  applyOwnedFields,
  claimChangedFields,
  copyOwnership,
  ownershipOfCreated,
  type Ownership,
} from './ownership';
import { displayName, notFoundError, preferredApiVersion, scopedRef, statusName } from './refs';
import { podsRequested } from './pod-quota';
import { Applier, nextPass, type Pass } from './applier';
import { KnownApplies } from './known-applies';
import { ServerFields } from './server-fields';
import { hasFieldsToTake, takeOverFields } from './takeover';
import { StoredObjects, statusLeaves, storedLeaves, type ListFilter } from './store';
import { validateObject } from './validate';
import type { ApplyOptions, ApplyOutcome, ApplyResult, WriteContext } from './write';

export interface ClusterOptions {
  name: ClusterName;
  clock: VirtualClock;
  audit: AuditLog;
  images?: ImageCatalog;
}

export const BOOTSTRAP: WriteContext = {
  actor: 'cluster-bootstrap',
  channel: 'controller',
  manager: 'kube-apiserver',
  revision: null,
};

/** A manifest as a client-side apply sends it, settled (admission.ts), or null. */

export class Cluster {
  readonly name: ClusterName;
  readonly kinds = new KindRegistry();
  readonly clock: VirtualClock;
  readonly images: ImageCatalog;
  /** Kubernetes Events (events.ts): what controllers and the kubelet say, not the audit trail. */
  readonly events: EventStore;
  private readonly audit: AuditLog;
  /** The Pods the stored workloads ask for (pod-quota.ts). */
  private readonly pods = podsRequested();
  private readonly objects = new StoredObjects([this.pods]);
  private readonly owners = new Map<string, Ownership>();
  private readonly controllers: Controllers;
  private readonly serverFields: ServerFields;
  /** Applies that change nothing, answered without admission (see known-applies.ts). */
  private readonly known = new KnownApplies({
    kinds: this.kinds,
    objects: this.objects,
    owners: this.owners,
  });
  /** Each manager's latest pass over a list of manifests (applier.ts). */
  private readonly passes = new Map<string, Pass>();

  constructor(opts: ClusterOptions) {
    this.name = opts.name;
    this.clock = opts.clock;
    this.audit = opts.audit;
    this.images = opts.images ?? imageCatalog();
    this.events = new EventStore(opts.clock);
    this.serverFields = new ServerFields(opts.name, opts.clock);
    this.controllers = createControllers(this);
    this.bootstrap();
  }

  // ---- reads ---------------------------------------------------------------------------------

  get(ref: ObjectRef): Stored<KObject> | undefined {
    return this.objects.get(refKey(this.scoped(ref)));
  }

  /** An object by its audit key (`Kind/namespace/name`). */
  byKey(key: string): Stored<KObject> | undefined {
    return this.objects.get(key);
  }

  /** Objects sorted by kind, namespace, name (a stable order for views and reports). */
  list(filter: ListFilter = {}): Stored<KObject>[] {
    return this.objects.list(filter);
  }

  get size(): number {
    return this.objects.size;
  }

  /** Changes with every write to the stored objects: equal versions, the same objects. */
  get version(): number {
    return this.objects.version;
  }

  /** The keys written since `version`, or null when that is too long ago to say. */
  changedSince(version: number): readonly string[] | null {
    return this.objects.changedSince(version);
  }

  /** The fields each manager owns, as path text: what `kubectl get --show-managed-fields` tells. */
  managedFields(ref: ObjectRef): Record<string, string[]> {
    const owned = this.owners.get(refKey(this.scoped(ref)));
    const out = safeRecord<string[]>();
    for (const [manager, paths] of owned ?? [])
      if (paths.size > 0) out[manager] = [...paths.keys()];
    return out;
  }

  /** kubectl's display name: `deployment.apps/web`. */
  display(ref: ObjectRef): string {
    return displayName(this.kinds, ref);
  }

  // ---- writes --------------------------------------------------------------------------------

  /**
   * Applies a manifest as `kubectl apply --server-side --force-conflicts` would, or, for a
   * client-side manager (kubectl's, Argo CD's), as `kubectl apply` does: with the last-applied
   * annotation, whose fields the new manifest dropped are deleted. Refusals (unknown kind, invalid
   * object) throw a ClusterError and are recorded in the audit trail first.
   */
  apply(given: unknown, ctx: WriteContext, opts: ApplyOptions = {}): ApplyResult {
    const clientSide = !opts.serverSide && appliesClientSide(ctx.manager);
    const stored = isStored(given) && isRecord(given) ? (given as Stored<KObject>) : null;
    // What the cluster knows of a manifest is known per manager as it usually applies.
    const known = stored && !opts.serverSide && this.known.answer(stored, ctx.manager, opts);
    if (known) return known;
    // A client-side apply sends the manifest with its last-applied annotation (last-applied.ts).
    const manifest = clientSide ? withLastApplied(given) : given;
    const settled = settledManifest(manifest);
    const { obj, type } = admit(manifest, ctx.file, this.admission(ctx, opts.dryRun === true));
    const ref = refOf(obj);
    const key = refKey(ref);
    const existing = this.objects.get(key);
    const warnings = this.warnings(obj);
    const display = this.display(ref);
    if (stored && settled)
      this.known.admitted(stored, { kinds: this.kinds.generation, ref, display, warnings });
    const answer = (outcome: ApplyOutcome): ApplyResult => ({
      outcome,
      ref,
      key,
      display,
      warnings: [...warnings],
    });
    // Re-applying what is already there (most applies) needs no copy, merge or comparison.
    const fields = appliedFields(settled ?? obj);
    const taking =
      existing !== undefined &&
      opts.takeOver !== undefined &&
      hasFieldsToTake(this.owners.get(key), opts.takeOver);
    if (
      existing &&
      !taking &&
      applyChangesNothing(existing, obj.apiVersion, fields, this.owners.get(key), ctx.manager)
    )
      return answer('unchanged');
    const next: KObject = existing
      ? clone(existing)
      : {
          apiVersion: obj.apiVersion,
          kind: obj.kind,
          metadata: {
            ...(ref.namespace !== undefined ? { namespace: ref.namespace } : {}),
            name: ref.name,
          },
        };
    next.apiVersion = obj.apiVersion;
    const ownership = copyOwnership(this.owners.get(key));
    if (taking) takeOverFields(ownership, ctx.manager, opts.takeOver!);
    const last = clientSide ? lastAppliedFields(existing) : null;
    const dropped = last ? droppedFields(last, new Set(fields.map((f) => f.text))) : undefined;
    applyOwnedFields(next, obj, ownership, ctx.manager, clientSide ? (dropped ?? []) : undefined);
    const outcome = this.commit({
      key,
      existing,
      next,
      ownership,
      ctx,
      dryRun: opts.dryRun === true,
    });
    if (outcome !== 'unchanged' && type.kind === 'CustomResourceDefinition' && !opts.dryRun)
      this.kinds.addCustomResource(next);
    return answer(outcome);
  }

  /**
   * Applies the stored `manifests`, one at a time, as `manager`: `applier(...).apply(i, ctx, opts)`
   * answers as `apply(manifests[i], ctx, opts)` does. Applies that change nothing are answered
   * from what the cluster knows (applier.ts, known-applies.ts).
   */
  applier(manager: string, manifests: readonly unknown[]): Applier {
    const { pass, previous, keep } = nextPass(this, this.passes.get(manager), manager, manifests);
    this.passes.set(manager, keep);
    return new Applier(this, this.known.answer, pass, previous);
  }

  private warnings(obj: KObject): string[] {
    return [this.kinds.deprecationWarning(obj.apiVersion, obj.kind)].filter(
      (w): w is string => w !== null,
    );
  }

  /**
   * A non-apply write (patch, scale, set image, label, a controller's update). `mutate` edits a
   * copy; the fields it changes become owned by `ctx.manager`. Throws E_NOT_FOUND when absent.
   */
  update(ref: ObjectRef, ctx: WriteContext, mutate: (draft: KObject) => void): ApplyOutcome {
    const key = refKey(this.scoped(ref));
    const existing = this.objects.get(key);
    if (!existing) throw this.notFound(ref);
    const next = clone(existing);
    mutate(next);
    const type = this.kinds.forKind(next.kind)!;
    try {
      validateObject(next, type.namespaced);
    } catch (e) {
      this.refuse(refKey(this.scoped(ref)), e as Error, ctx);
      throw e;
    }
    const ownership = copyOwnership(this.owners.get(key));
    claimChangedFields(storedLeaves(existing), next, ownership, ctx.manager);
    return this.commit({ key, existing, next, ownership, ctx, dryRun: false });
  }

  /**
   * The status subresource, as controllers write it: `.status` replaced and nothing else. Status
   * fields have no owners, so a status equal to the stored one would change nothing: it is not
   * written (controllers re-sync often, mostly to find nothing new).
   */
  updateStatus(ref: ObjectRef, ctx: WriteContext, status: Record<string, unknown>): ApplyOutcome {
    const key = refKey(this.scoped(ref));
    const existing = this.objects.get(key);
    if (!existing) throw this.notFound(ref);
    if (sameValue(existing.status, status)) return 'unchanged';
    // Everything but the status is shared with the stored object (stored objects are never
    // edited), and field ownership stays as it is: status fields have no owners.
    const next: KObject = { ...existing, status };
    this.objects.set(key, next);
    this.record(
      ctx,
      'update',
      key,
      changesBetween(next.kind, statusLeaves(existing.status), statusLeaves(status)),
    );
    this.notify(refOf(next));
    return 'configured';
  }

  /** Creates an object a controller owns (ReplicaSets, Pods). Validated like any other write. */
  create(obj: KObject, ctx: WriteContext): ObjectRef {
    const { obj: admitted } = admit(obj, ctx.file, this.admission(ctx));
    const ref = refOf(admitted);
    const key = refKey(ref);
    if (this.objects.has(key))
      throw new ClusterError('E_INVALID', `${this.display(ref)} already exists`, { object: key });
    const ownership = ownershipOfCreated(admitted, ctx.manager);
    this.commit({ key, existing: undefined, next: admitted, ownership, ctx, dryRun: false });
    return ref;
  }

  /**
   * Deletes an object; its dependents (ownerReferences) go with it, as the garbage collector does.
   * A Pod is Terminating for its grace period first (controllers/kubelet.ts), unless it is 0.
   */
  delete(ref: ObjectRef, ctx: WriteContext, opts: { gracePeriodSeconds?: number } = {}): void {
    const scoped = this.scoped(ref);
    const key = refKey(scoped);
    const existing = this.objects.get(key);
    if (!existing) throw this.notFound(ref);
    if (
      existing.kind === 'Pod' &&
      this.controllers.beginPodDeletion(existing, ctx, opts.gracePeriodSeconds)
    )
      return;
    this.objects.delete(key);
    this.owners.delete(key);
    this.controllers.forget(scoped, existing.metadata.ownerReferences ?? []);
    this.record(ctx, 'delete', key, []);
    // Cascades work from lists taken up front: an earlier delete may already have taken a later
    // entry with it (a Deployment's Pods), so entries no longer stored are skipped.
    // Simplification: the Namespace goes at once, so its Pods do not wait out a grace period.
    if (existing.kind === 'Namespace') {
      for (const obj of this.list({ namespace: existing.metadata.name })) {
        if (this.objects.has(refKey(refOf(obj))))
          this.delete(refOf(obj), ctx, { gracePeriodSeconds: 0 });
      }
    }
    const uid = existing.metadata.uid;
    const dependents = typeof uid === 'string' ? this.objects.dependentsOf(uid) : [];
    for (const dependent of dependents) {
      if (!this.objects.has(refKey(refOf(dependent)))) continue;
      this.delete(
        refOf(dependent),
        {
          actor: 'garbage-collector',
          channel: 'controller',
          manager: 'kube-controller-manager',
          revision: null,
        },
        opts.gracePeriodSeconds === 0 ? opts : {},
      );
    }
    this.notify(scoped);
  }

  /** Wakes the controllers for an object without writing it (a timer fired). */
  touch(ref: ObjectRef): void {
    this.controllers.enqueue(this.scoped(ref));
  }

  /** When the Deployment's current rollout started, or null when it is complete. */
  rolloutStartedAt(deploy: KObject): number | null {
    return this.controllers.rollouts.startedAt(deploy);
  }

  /** Records a refused write: nothing changes, but the attempt is in the trail. */
  refuse(object: string, error: Error, ctx: WriteContext): void {
    this.record(ctx, 'refuse', object, [], error.message);
  }

  /** The cluster is lost and recreated empty (a disaster): one record, then a fresh bootstrap. */
  wipe(actor = 'disaster'): void {
    this.controllers.reset();
    this.events.clear();
    this.objects.clear();
    this.owners.clear();
    this.kinds.reset();
    const ctx = { actor, channel: 'controller' as const, revision: null };
    this.record(ctx, 'delete', '*', [], 'cluster lost and recreated empty');
    this.bootstrap();
  }

  // ---- internals -----------------------------------------------------------------------------

  private bootstrap(): void {
    this.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } }, BOOTSTRAP);
  }

  /** Namespaced refs without a namespace mean `default`; cluster-scoped refs carry none. */
  scoped(ref: ObjectRef): ObjectRef {
    return scopedRef(this.kinds, ref);
  }

  /** kubectl's NotFound error for a ref: `Error from server (NotFound): deployments.apps "web" not found`. */
  notFound(ref: ObjectRef): ClusterError {
    return notFoundError(this.kinds, ref);
  }

  /**
   * What admission of a write by `ctx` reads from this cluster, and where it records refusals. A
   * dry run writes nothing, so its refusals are answered but not recorded.
   */
  private admission(ctx: WriteContext, dryRun = false): AdmissionEnv {
    return {
      kinds: this.kinds,
      namespaceExists: (ns) => this.objects.has(`Namespace/${ns}`),
      exists: (key) => this.objects.has(key),
      refuse: (object, error) => {
        if (!dryRun) this.refuse(object, error, ctx);
      },
    };
  }

  /** Stores a write if it changes anything, with its audit record (commit.ts). */
  private readonly commit = (write: Write) => commitWrite(this.committing, write);

  /** What a commit reads and writes of this cluster. */
  private readonly committing: CommitEnv = {
    objects: this.objects,
    owners: this.owners,
    pods: this.pods,
    stamp: (existing, next) => this.serverFields.stamp(existing, next),
    statusName: (ref) => statusName(this.kinds, ref),
    refuse: (key, error, ctx) => this.refuse(key, error, ctx),
    record: (ctx, verb, key, changes, message) => this.record(ctx, verb, key, changes, message),
    notify: (ref) => this.notify(ref),
  };

  /** One record in the trail for one write (or refusal) to this cluster. */
  private record(
    ctx: Pick<WriteContext, 'actor' | 'channel' | 'revision'>,
    verb: ClusterVerb,
    object: string,
    changes: FieldChange[],
    message?: string,
  ): void {
    this.audit.append({
      cluster: this.name,
      actor: ctx.actor,
      channel: ctx.channel,
      verb,
      object,
      revision: ctx.revision,
      changes,
      ...(message === undefined ? {} : { message }),
    });
  }

  private notify(ref: ObjectRef): void {
    this.controllers.enqueue(ref);
  }

  /** The preferred apiVersion for a kind (used when the cluster itself creates objects). */
  apiVersionFor(kind: string): string {
    return preferredApiVersion(this.kinds, kind);
  }
}
