// The simulated API server of one cluster: a store of objects, the write path that admits them
// (admission.ts), merges field ownership (ownership.ts, apply-write.ts) and sets server fields and
// defaults (server-fields.ts), deletes with their cascades (deletion.ts), and an audit record for
// every change. Controllers (controllers/) react to changes on the virtual clock.
import type { AuditLog, ClusterName, ClusterVerb, FieldChange } from '../audit';
import type { VirtualClock } from '../clock';
import { safeRecord } from '../safe-keys';
import { admit, type AdmissionEnv } from './admission';
import { applyWrite, type ApplyEnv } from './apply-write';
import { changesBetween } from './changes';
import { commitWrite, type CommitEnv, type Write } from './commit';
import { createControllers, type Controllers } from './controllers';
import { deleteObject, type DeletionEnv } from './deletion';
import { sameValue } from './equal';
import { ClusterError } from './errors';
import { EventStore } from './events';
import { imageCatalog, type ImageCatalog } from './images';
import { KindRegistry } from './kinds';
import { LoadModel } from './load';
import type { Stored } from '../stored';
import { clone, refKey, refOf, type KObject, type ObjectRef } from './object';
import { claimChangedFields, copyOwnership, ownershipOfCreated, type Ownership } from './ownership';
import { displayName, notFoundError, preferredApiVersion, scopedRef, statusName } from './refs';
import { podsRequested } from './pod-quota';
import { Applier, nextPass, type Pass } from './applier';
import { KnownApplies } from './known-applies';
import { ServerFields } from './server-fields';
import { StoredObjects, statusLeaves, storedLeaves, type ListFilter } from './store';
import { validateObject } from './validate';
import type { ApplyOptions, ApplyOutcome, ApplyResult, WriteContext } from './write';

export interface ClusterOptions {
  name: ClusterName;
  clock: VirtualClock;
  audit: AuditLog;
  images?: ImageCatalog;
  /** Tests: verify that every controller sync skipped as idle would have written nothing. */
  verifyIdleSyncs?: boolean;
}

export const BOOTSTRAP: WriteContext = {
  actor: 'cluster-bootstrap',
  channel: 'controller',
  manager: 'kube-apiserver',
  revision: null,
};

export class Cluster {
  readonly name: ClusterName;
  readonly kinds = new KindRegistry();
  readonly clock: VirtualClock;
  readonly images: ImageCatalog;
  /** Kubernetes Events (events.ts): what controllers and the kubelet say, not the audit trail. */
  readonly events: EventStore;
  /** The simulated CPU load on workloads, read by the HPA (load.ts). */
  readonly load = new LoadModel();
  private readonly audit: AuditLog;
  /** The Pods the stored workloads ask for (pod-quota.ts). */
  private readonly pods = podsRequested();
  private readonly objects = new StoredObjects([this.pods]);
  private readonly owners = new Map<string, Ownership>();
  private readonly controllers: Controllers;
  private readonly serverFields: ServerFields;
  /** What a delete reads and writes of this cluster (deletion.ts). */
  private readonly deleting: DeletionEnv;
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
    this.controllers = createControllers(this, opts.verifyIdleSyncs);
    this.deleting = {
      objects: this.objects,
      owners: this.owners,
      controllers: this.controllers,
      scoped: (ref) => this.scoped(ref),
      notFound: (ref) => this.notFound(ref),
      record: (ctx, verb, key, changes) => this.record(ctx, verb, key, changes),
      notify: (ref) => this.notify(ref),
    };
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
    return applyWrite(this.applying, given, ctx, opts);
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
    deleteObject(this.deleting, ref, ctx, opts);
  }

  /** How many controller wakes were answered without a sync: the object's own writes woke it. */
  get idleSyncsSkipped(): number {
    return this.controllers.skippedSyncs;
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

  /** What an apply reads and writes of this cluster. */
  private readonly applying: ApplyEnv = {
    kinds: this.kinds,
    objects: this.objects,
    owners: this.owners,
    known: this.known,
    admission: (ctx, dryRun) => this.admission(ctx, dryRun),
    display: (ref) => this.display(ref),
    commit: (write) => this.commit(write),
  };

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
