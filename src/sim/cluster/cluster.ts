// The simulated API server of one cluster: a store of objects with field ownership, defaulting,
// validation, and an audit record for every change. Controllers (controllers/) react to changes
// on the virtual clock.
//
// Field ownership works like server-side apply with `--force-conflicts`: each leaf field remembers
// the manager that last set it. An apply by a manager sets every field its manifest names (taking
// them over from other managers) and deletes the fields it set before and no longer names, unless
// another manager owns them. Fields that no manifest names (a hotfix env var, an annotation, a
// `rollout restart` timestamp) survive re-applies. Non-apply writes (patch, scale, set image)
// take ownership of the fields they change, as Kubernetes' Update operations do.
import type { AuditLog, Channel, ClusterName } from '../audit';
import type { VirtualClock } from '../clock';
import { changesBetween } from './changes';
import { createControllers, type Controllers } from './controllers';
import { applyDefaults } from './defaults';
import { sameValue } from './equal';
import { ClusterError } from './errors';
import { deletePath, formatPath, getPath, leaves, setPath, type FieldPath } from './fieldpath';
import { imageCatalog, type ImageCatalog } from './images';
import { apiVersionOf, KindRegistry, type ResourceType } from './kinds';
import { clone, isRecord, refKey, refOf, type KObject, type ObjectRef } from './object';
import { isSecretValuePath, normalizeSecret, valueHash } from './secret';
import { isoTime } from './time';
import { validateObject } from './validate';

/** Who writes, through which channel, as which field manager, and from which Git revision. */
export interface WriteContext {
  actor: string;
  channel: Channel;
  manager: string;
  /** The Git revision the change comes from; null for an out-of-band change. */
  revision: string | null;
  /** The manifest's file, for error messages. */
  file?: string;
}

export type ApplyOutcome = 'created' | 'configured' | 'unchanged';

export interface ApplyResult {
  outcome: ApplyOutcome;
  ref: ObjectRef;
  /** kubectl's name for the object: `deployment.apps/web`, `service/web`. */
  display: string;
  warnings: string[];
}

export interface ClusterOptions {
  name: ClusterName;
  clock: VirtualClock;
  audit: AuditLog;
  images?: ImageCatalog;
}

export type ClusterListener = (ref: ObjectRef) => void;

type Ownership = Map<string, Map<string, FieldPath>>; // manager -> path text -> path

// Fields that name the object or are kept by the server: never owned, never removed by an apply.
const IDENTITY = new Set(['apiVersion', 'kind', 'metadata.name', 'metadata.namespace']);
const SERVER_FIELDS = [
  'metadata.uid',
  'metadata.generation',
  'metadata.creationTimestamp',
  'metadata.ownerReferences',
];

function isOwnable(path: string): boolean {
  return (
    !IDENTITY.has(path) &&
    !path.startsWith('status') &&
    !SERVER_FIELDS.some((f) => path.startsWith(f))
  );
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
  private readonly audit: AuditLog;
  private readonly objects = new Map<string, KObject>();
  private readonly owners = new Map<string, Ownership>();
  private readonly listeners = new Set<ClusterListener>();
  private readonly controllers: Controllers;
  private uidCounter = 0;
  private ipCounter = 0;

  constructor(opts: ClusterOptions) {
    this.name = opts.name;
    this.clock = opts.clock;
    this.audit = opts.audit;
    this.images = opts.images ?? imageCatalog();
    this.controllers = createControllers(this);
    this.bootstrap();
  }

  // ---- reads ---------------------------------------------------------------------------------

  get(ref: ObjectRef): KObject | undefined {
    return this.objects.get(refKey(this.scoped(ref)));
  }

  /** An object by its audit key (`Kind/namespace/name`). */
  byKey(key: string): KObject | undefined {
    return this.objects.get(key);
  }

  /** Objects sorted by kind, namespace, name (a stable order for views and reports). */
  list(filter: { kind?: string; namespace?: string } = {}): KObject[] {
    const out: KObject[] = [];
    for (const obj of this.objects.values()) {
      if (filter.kind && obj.kind !== filter.kind) continue;
      if (filter.namespace && obj.metadata.namespace !== filter.namespace) continue;
      out.push(obj);
    }
    return out.sort((a, b) => refKey(refOf(a)).localeCompare(refKey(refOf(b))));
  }

  get size(): number {
    return this.objects.size;
  }

  /** The fields each manager owns, as path text: what `kubectl get --show-managed-fields` tells. */
  managedFields(ref: ObjectRef): Record<string, string[]> {
    const owned = this.owners.get(refKey(this.scoped(ref)));
    const out: Record<string, string[]> = {};
    for (const [manager, paths] of owned ?? [])
      if (paths.size > 0) out[manager] = [...paths.keys()];
    return out;
  }

  subscribe(listener: ClusterListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** kubectl's display name: `deployment.apps/web`. */
  display(ref: ObjectRef): string {
    const type = this.kinds.forKind(ref.kind);
    const resource =
      type && type.group !== ''
        ? `${ref.kind.toLowerCase()}.${type.group}`
        : ref.kind.toLowerCase();
    return `${resource}/${ref.name}`;
  }

  // ---- writes --------------------------------------------------------------------------------

  /**
   * Applies a manifest as `kubectl apply --server-side --force-conflicts` would. Refusals (unknown
   * kind, invalid object) throw a ClusterError and are recorded in the audit trail first.
   */
  apply(manifest: unknown, ctx: WriteContext, opts: { dryRun?: boolean } = {}): ApplyResult {
    const { obj, type } = this.admit(manifest, ctx);
    const ref = refOf(obj);
    const key = refKey(ref);
    const existing = this.objects.get(key);
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
    const ownership = this.ownershipCopy(key);
    const mine = ownership.get(ctx.manager) ?? new Map<string, FieldPath>();
    const desired = leaves(obj).filter((l) => isOwnable(formatPath(l.path)));
    const desiredPaths = new Set(desired.map((l) => formatPath(l.path)));

    const dropped: FieldPath[] = [];
    for (const [text, path] of mine) {
      if (desiredPaths.has(text)) continue;
      const ownedElsewhere = [...ownership].some(
        ([m, paths]) => m !== ctx.manager && paths.has(text),
      );
      if (!ownedElsewhere) {
        deletePath(next, path);
        dropped.push(path);
      }
    }
    const nextMine = new Map<string, FieldPath>();
    for (const leaf of desired) {
      const text = formatPath(leaf.path);
      setPath(next, leaf.path, leaf.value);
      nextMine.set(text, leaf.path);
      for (const [m, paths] of ownership) if (m !== ctx.manager) paths.delete(text);
    }
    ownership.set(ctx.manager, nextMine);
    removeUnownedItems(next, dropped, ownership);

    const warnings = [this.kinds.deprecationWarning(obj.apiVersion, obj.kind)].filter(
      (w): w is string => w !== null,
    );
    const outcome = this.commit(key, existing, next, ownership, ctx, opts.dryRun === true);
    if (outcome !== 'unchanged' && type.kind === 'CustomResourceDefinition' && !opts.dryRun)
      this.kinds.addCustomResource(next);
    return { outcome, ref, display: this.display(ref), warnings };
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
      this.refuse(refKey(ref), e as Error, ctx);
      throw e;
    }
    const ownership = this.ownershipCopy(key);
    const beforeLeaves = new Map(leaves(existing).map((l) => [formatPath(l.path), l.value]));
    const afterLeaves = leaves(next);
    const afterPaths = new Set<string>();
    const mine = ownership.get(ctx.manager) ?? new Map<string, FieldPath>();
    for (const leaf of afterLeaves) {
      const text = formatPath(leaf.path);
      afterPaths.add(text);
      if (
        !isOwnable(text) ||
        (beforeLeaves.has(text) && sameValue(beforeLeaves.get(text), leaf.value))
      )
        continue;
      for (const paths of ownership.values()) paths.delete(text);
      mine.set(text, leaf.path);
    }
    for (const paths of ownership.values())
      for (const text of [...paths.keys()]) if (!afterPaths.has(text)) paths.delete(text);
    ownership.set(ctx.manager, mine);
    return this.commit(key, existing, next, ownership, ctx, false);
  }

  /** Creates an object a controller owns (ReplicaSets, Pods). Validated like any other write. */
  create(obj: KObject, ctx: WriteContext): ObjectRef {
    const { obj: admitted } = this.admit(obj, ctx);
    const ref = refOf(admitted);
    const key = refKey(ref);
    if (this.objects.has(key))
      throw new ClusterError('E_INVALID', `${this.display(ref)} already exists`, { object: key });
    const ownership: Ownership = new Map([
      [
        ctx.manager,
        new Map(
          leaves(admitted)
            .filter((l) => isOwnable(formatPath(l.path)))
            .map((l) => [formatPath(l.path), l.path]),
        ),
      ],
    ]);
    this.commit(key, undefined, admitted, ownership, ctx, false);
    return ref;
  }

  /** Deletes an object; its dependents (ownerReferences) go with it, as the garbage collector does. */
  delete(ref: ObjectRef, ctx: WriteContext): void {
    const scoped = this.scoped(ref);
    const key = refKey(scoped);
    const existing = this.objects.get(key);
    if (!existing) throw this.notFound(ref);
    this.objects.delete(key);
    this.owners.delete(key);
    this.controllers.forget(scoped, existing.metadata.ownerReferences ?? []);
    this.audit.append({
      cluster: this.name,
      actor: ctx.actor,
      channel: ctx.channel,
      verb: 'delete',
      object: key,
      revision: ctx.revision,
      changes: [],
    });
    if (existing.kind === 'Namespace') {
      for (const obj of this.list({ namespace: existing.metadata.name }))
        this.delete(refOf(obj), ctx);
    }
    const uid = existing.metadata.uid;
    for (const dependent of [...this.objects.values()]) {
      if (dependent.metadata.ownerReferences?.some((o) => o.uid === uid)) {
        this.delete(refOf(dependent), {
          actor: 'garbage-collector',
          channel: 'controller',
          manager: 'kube-controller-manager',
          revision: null,
        });
      }
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
    this.audit.append({
      cluster: this.name,
      actor: ctx.actor,
      channel: ctx.channel,
      verb: 'refuse',
      object,
      revision: ctx.revision,
      changes: [],
      message: error.message,
    });
  }

  /** The cluster is lost and recreated empty (a disaster): one record, then a fresh bootstrap. */
  wipe(actor = 'disaster'): void {
    this.controllers.reset();
    this.objects.clear();
    this.owners.clear();
    this.kinds.reset();
    this.audit.append({
      cluster: this.name,
      actor,
      channel: 'controller',
      verb: 'delete',
      object: '*',
      revision: null,
      changes: [],
      message: 'cluster lost and recreated empty',
    });
    this.bootstrap();
    for (const l of this.listeners) l({ kind: '*', name: '*' });
  }

  // ---- internals -----------------------------------------------------------------------------

  private bootstrap(): void {
    this.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } }, BOOTSTRAP);
  }

  /** Namespaced refs without a namespace mean `default`; cluster-scoped refs carry none. */
  scoped(ref: ObjectRef): ObjectRef {
    const type = this.kinds.forKind(ref.kind);
    if (type && !type.namespaced) return { kind: ref.kind, name: ref.name };
    return { kind: ref.kind, name: ref.name, namespace: ref.namespace ?? 'default' };
  }

  /** kubectl's NotFound error for a ref: `Error from server (NotFound): deployments.apps "web" not found`. */
  notFound(ref: ObjectRef): ClusterError {
    const type = this.kinds.forKind(ref.kind);
    const resource = type
      ? type.group
        ? `${type.plural}.${type.group}`
        : type.plural
      : ref.kind.toLowerCase();
    return new ClusterError(
      'E_NOT_FOUND',
      `Error from server (NotFound): ${resource} "${ref.name}" not found`,
      { object: refKey(ref) },
    );
  }

  /** Identity, kind lookup, normalisation and validation shared by every create/apply. */
  private admit(manifest: unknown, ctx: WriteContext): { obj: KObject; type: ResourceType } {
    const where = ctx.file ? ` in "${ctx.file}"` : '';
    const fail = (e: ClusterError): never => {
      this.refuse(e.data.object ?? ctx.file ?? '(manifest)', e, ctx);
      throw e;
    };
    if (!isRecord(manifest))
      return fail(
        new ClusterError('E_INVALID', `error: object is not a map${where}`, {
          ...(ctx.file ? { file: ctx.file } : {}),
        }),
      );
    const { apiVersion, kind } = manifest;
    if (typeof apiVersion !== 'string' || apiVersion === '')
      return fail(
        new ClusterError('E_INVALID', `error: error validating data: apiVersion not set${where}`, {
          field: 'apiVersion',
          ...(ctx.file ? { file: ctx.file } : {}),
        }),
      );
    if (typeof kind !== 'string' || kind === '')
      return fail(
        new ClusterError('E_INVALID', `error: error validating data: kind not set${where}`, {
          field: 'kind',
          ...(ctx.file ? { file: ctx.file } : {}),
        }),
      );
    const type = this.kinds.forManifest(apiVersion, kind);
    const meta = isRecord(manifest.metadata) ? manifest.metadata : {};
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    if (!type) {
      return fail(
        new ClusterError(
          'E_NO_KIND_MATCH',
          `error: resource mapping not found for name: "${text(meta.name)}" namespace: "${text(meta.namespace)}" from "${ctx.file ?? '-'}": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first`,
          { object: `${kind}/${text(meta.name)}`, ...(ctx.file ? { file: ctx.file } : {}) },
        ),
      );
    }
    const obj = normalizeSecret(clone(manifest)) as KObject;
    delete obj.status;
    if (!isRecord(obj.metadata)) obj.metadata = {} as KObject['metadata'];
    if (type.namespaced) obj.metadata.namespace ??= 'default';
    else delete obj.metadata.namespace;
    try {
      validateObject(obj, type.namespaced, ctx.file);
    } catch (e) {
      if (e instanceof ClusterError)
        fail(new ClusterError(e.code, e.message, { ...e.data, object: refKey(refOf(obj)) }));
      throw e;
    }
    const ns = obj.metadata.namespace;
    if (ns !== undefined && !this.objects.has(`Namespace/${ns}`)) {
      fail(
        new ClusterError(
          'E_NOT_FOUND',
          `Error from server (NotFound): namespaces "${ns}" not found`,
          { object: refKey(refOf(obj)), ...(ctx.file ? { file: ctx.file } : {}) },
        ),
      );
    }
    return { obj, type };
  }

  /** Fields `manager` owns in `next` that another manager owned before. */
  private takenOver(key: string, next: Ownership, manager: string): FieldPath[] {
    const before = this.owners.get(key);
    const mine = next.get(manager);
    if (!before || !mine) return [];
    const out: FieldPath[] = [];
    for (const [text, path] of mine) {
      if (before.get(manager)?.has(text)) continue;
      if ([...before].some(([m, paths]) => m !== manager && paths.has(text))) out.push(path);
    }
    return out;
  }

  private ownershipCopy(key: string): Ownership {
    const out: Ownership = new Map();
    for (const [m, paths] of this.owners.get(key) ?? []) out.set(m, new Map(paths));
    return out;
  }

  /** Stores `next` (after defaulting) if it differs from `existing`, with its audit record. */
  private commit(
    key: string,
    existing: KObject | undefined,
    next: KObject,
    ownership: Ownership,
    ctx: WriteContext,
    dryRun: boolean,
  ): ApplyOutcome {
    if (!existing) {
      next.metadata.uid = this.nextUid();
      next.metadata.creationTimestamp = isoTime(this.clock.now());
      next.metadata.generation = 1;
    } else if (!sameValue(withoutMeta(existing), withoutMeta(next))) {
      next.metadata.generation = (existing.metadata.generation ?? 1) + 1;
    }
    applyDefaults(next, { nextClusterIP: () => this.nextClusterIP() });
    if (existing && sameValue(existing, next)) {
      if (dryRun) return 'unchanged';
      const taken = this.takenOver(key, ownership, ctx.manager);
      this.owners.set(key, ownership);
      // Taking fields over with the same values is still a write (managedFields change): the
      // trail must show who now stands behind them, or a later replay would credit the old owner.
      if (taken.length > 0) {
        this.objects.set(key, next);
        this.audit.append({
          cluster: this.name,
          actor: ctx.actor,
          channel: ctx.channel,
          verb: 'update',
          object: key,
          revision: ctx.revision,
          changes: taken.map((path) => {
            const text = formatPath(path);
            const value = getPath(next, path);
            const shown = isSecretValuePath(next.kind, text) ? valueHash(value) : value;
            return { path: text, before: shown, after: shown };
          }),
          message: `${ctx.manager} took over ${taken.length === 1 ? 'a field' : `${taken.length} fields`} with unchanged values`,
        });
      }
      return 'unchanged';
    }
    if (dryRun) return existing ? 'configured' : 'created';
    this.objects.set(key, next);
    this.owners.set(key, ownership);
    this.audit.append({
      cluster: this.name,
      actor: ctx.actor,
      channel: ctx.channel,
      verb: existing ? 'update' : 'create',
      object: key,
      revision: ctx.revision,
      changes: changesBetween(next.kind, existing, next),
    });
    this.notify(refOf(next));
    return existing ? 'configured' : 'created';
  }

  private notify(ref: ObjectRef): void {
    this.controllers.enqueue(ref);
    for (const l of this.listeners) l(ref);
  }

  private nextUid(): string {
    const n = (++this.uidCounter).toString(16).padStart(12, '0');
    const c = this.name === 'devops' ? 'd' : 'a';
    return `${c}0000000-0000-4000-8000-${n}`;
  }

  private nextClusterIP(): string {
    const n = ++this.ipCounter;
    return `10.96.${Math.floor(n / 250)}.${(n % 250) + 1}`;
  }

  /** The preferred apiVersion for a kind (used when the cluster itself creates objects). */
  apiVersionFor(kind: string): string {
    const type = this.kinds.forKind(kind);
    return type ? apiVersionOf(type) : 'v1';
  }
}

/**
 * A list item (a container, an env var) that no manager owns any field of any more is removed
 * whole, defaults included, as server-side apply removes it.
 */
function removeUnownedItems(obj: KObject, dropped: FieldPath[], ownership: Ownership): void {
  const owned: string[] = [];
  for (const paths of ownership.values()) owned.push(...paths.keys());
  for (const path of dropped) {
    for (let i = path.length - 1; i >= 0; i--) {
      if (typeof path[i] !== 'object') continue;
      const item = path.slice(0, i + 1);
      const prefix = formatPath(item);
      if (
        !owned.some((p) => p === prefix || p.startsWith(`${prefix}.`) || p.startsWith(`${prefix}[`))
      )
        deletePath(obj, item);
    }
  }
}

function withoutMeta(obj: KObject): unknown {
  const { metadata: _m, status: _s, ...rest } = obj;
  return rest;
}
