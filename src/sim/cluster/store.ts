// The objects one cluster stores, by audit key (`Kind/namespace/name`), with what reads need fast:
// the list order (kind, namespace, name) and, for the controllers' "what do I own", the objects
// that name each owner uid.
//
// A stored object is never edited; a write stores a new object under its key. `set` deep-freezes
// what it stores (../stored.ts), and what comes out is typed `Stored`: the caches keyed by stored
// objects (here, in cluster.ts, in the diff) rest on it.
import { getOrCreate } from '../get-or-create';
import { stored, type Stored } from '../stored';
import { leafValues } from './fieldpath';
import type { KObject } from './object';

export interface ListFilter {
  kind?: string;
  namespace?: string;
  /** Only objects that name this uid among their ownerReferences (when the key is there). */
  owner?: string | undefined;
  /** Only objects that carry this annotation (any value). Indexed from the first such list on. */
  annotation?: string;
  /** Only objects that carry this label (any value). Indexed the same way. */
  label?: string;
}

// The index of marked objects holds annotations by name and labels by `label:` and name (an
// annotation's name has no colon, so the two never meet).
const LABEL_MARK = 'label:';

/**
 * A number each stored object counts for (the Pods a workload asks for), summed over the store as
 * objects come, change and go: a total read at every write without a scan.
 */
export class StoredTotal {
  private sum = 0;

  constructor(private readonly of: (obj: KObject) => number) {}

  get value(): number {
    return this.sum;
  }

  /** `before` is replaced by `after` (either may be absent). */
  change(before: KObject | undefined, after: KObject | undefined): void {
    this.sum += (after ? this.of(after) : 0) - (before ? this.of(before) : 0);
  }

  reset(): void {
    this.sum = 0;
  }
}

/** How many writes back `changedSince` can always answer for. */
const JOURNAL_LIMIT = 8_192;

export class StoredObjects {
  private readonly byKey = new Map<string, Stored<KObject>>();
  // List order, kept as objects come and go: keys sorted as `localeCompare` sorts them, equal
  // ones in the order they were created (the order a stable sort of the objects leaves them in).
  // No write renames an object, so only a create or a delete moves a key.
  private readonly all: string[] = [];
  private readonly byKind = new Map<string, string[]>();
  private readonly created = new Map<string, number>();
  private creates = 0;
  private readonly dependents = new Map<unknown, Set<string>>();
  /** Each owner's dependents in list order, as last asked for (dropped when they change). */
  private readonly dependentsInOrder = new Map<unknown, readonly string[]>();
  /** Stored objects whose ownerReferences an owner lookup cannot index: lookups then scan. */
  private unindexed = 0;
  /** Per annotation asked for: the keys of the objects that carry it, in list order. */
  private readonly annotated = new Map<string, string[]>();

  /** Counts writes (a store, a delete, a clear): equal counts mean nothing was written between. */
  private writes = 0;
  /**
   * The keys of the latest writes, oldest first: `journal[i]` is write number `journalStart + i +
   * 1`. Bounded; a clear starts it again (like a watch's resourceVersion: too old, list again).
   */
  private journal: string[] = [];
  private journalStart = 0;
  /** The number of each stored key's latest write (its object or its field ownership). */
  private readonly lastWrite = new Map<string, number>();

  constructor(private readonly totals: readonly StoredTotal[] = []) {}

  get size(): number {
    return this.byKey.size;
  }

  get version(): number {
    return this.writes;
  }

  /**
   * The keys written since `version` (a key written twice comes twice), or null when the journal
   * no longer reaches back that far: then anything may have changed.
   */
  changedSince(version: number): readonly string[] | null {
    if (version < this.journalStart || version > this.writes) return null;
    return this.journal.slice(version - this.journalStart);
  }

  /**
   * The number of the latest write to a stored key (of its object or its field ownership): an
   * answer worked out at version `v` still holds while `writtenAt(key) <= v`. Undefined when
   * nothing is stored under the key.
   */
  writtenAt(key: string): number | undefined {
    return this.lastWrite.get(key);
  }

  private written(key: string): void {
    this.writes++;
    this.lastWrite.set(key, this.writes);
    this.journal.push(key);
    if (this.journal.length > 2 * JOURNAL_LIMIT) {
      this.journal = this.journal.slice(-JOURNAL_LIMIT);
      this.journalStart = this.writes - JOURNAL_LIMIT;
    }
  }

  /**
   * The field ownership of a stored object changed, and not the object: a write for the journal
   * (and the version), so that what was answered from the ownership is asked again.
   */
  noteOwnership(key: string): void {
    if (this.byKey.has(key)) this.written(key);
  }

  get(key: string): Stored<KObject> | undefined {
    return this.byKey.get(key);
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  values(): IterableIterator<Stored<KObject>> {
    return this.byKey.values();
  }

  /** Stores `value` under `key`, frozen: from now on it is shared and never edited. */
  set(key: string, value: KObject): Stored<KObject> {
    this.written(key);
    const obj = stored(value);
    const before = this.byKey.get(key);
    this.byKey.set(key, obj);
    for (const total of this.totals) total.change(before, obj);
    if (!before) {
      this.created.set(key, this.creates++);
      this.insert(this.all, key);
      this.insert(
        getOrCreate(this.byKind, obj.kind, () => []),
        key,
      );
    }
    this.reindex(key, before, obj);
    for (const [name, keys] of this.annotated) {
      const had = carries(before, name);
      if (had !== carries(obj, name)) {
        if (had) this.remove(keys, key);
        else this.insert(keys, key);
      }
    }
    return obj;
  }

  delete(key: string): void {
    const before = this.byKey.get(key);
    if (!before) return;
    this.written(key);
    this.lastWrite.delete(key);
    this.byKey.delete(key);
    for (const total of this.totals) total.change(before, undefined);
    this.remove(this.all, key);
    this.remove(this.byKind.get(before.kind)!, key);
    this.created.delete(key);
    this.reindex(key, before, undefined);
    for (const [name, keys] of this.annotated) if (carries(before, name)) this.remove(keys, key);
  }

  clear(): void {
    this.writes++;
    this.journal = [];
    this.journalStart = this.writes;
    this.lastWrite.clear();
    this.byKey.clear();
    for (const total of this.totals) total.reset();
    this.all.length = 0;
    this.byKind.clear();
    this.created.clear();
    this.dependents.clear();
    this.dependentsInOrder.clear();
    this.unindexed = 0;
    this.annotated.clear();
  }

  /** Objects sorted by kind, namespace, name (a stable order for views and reports). */
  list(filter: ListFilter = {}): Stored<KObject>[] {
    const { kind, namespace, owner, annotation, label } = filter;
    const byOwner = 'owner' in filter;
    if (byOwner && typeof owner === 'string' && this.unindexed === 0)
      return this.owned(owner, kind, namespace);
    const keys =
      annotation !== undefined
        ? this.withAnnotation(annotation)
        : label !== undefined
          ? this.withAnnotation(`${LABEL_MARK}${label}`)
          : kind
            ? (this.byKind.get(kind) ?? [])
            : this.all;
    const out: Stored<KObject>[] = [];
    for (const key of keys) {
      const obj = this.byKey.get(key)!;
      if (kind && obj.kind !== kind) continue;
      if (namespace && obj.metadata.namespace !== namespace) continue;
      if (byOwner && !obj.metadata.ownerReferences?.some((o) => o.uid === owner)) continue;
      out.push(obj);
    }
    return out;
  }

  /**
   * The objects that name `uid` among their ownerReferences, in the order they were stored (the
   * order `values()` gives): what the garbage collector deletes when the owner goes.
   */
  dependentsOf(uid: string): Stored<KObject>[] {
    const keys =
      this.unindexed === 0
        ? [...(this.dependents.get(uid) ?? [])]
        : [...this.byKey.keys()].filter((key) =>
            this.byKey.get(key)!.metadata.ownerReferences?.some((o) => o.uid === uid),
          );
    return keys
      .sort((a, b) => this.created.get(a)! - this.created.get(b)!)
      .map((key) => this.byKey.get(key)!);
  }

  /** The keys of the objects that carry an annotation (or a label), in list order (kept from now on). */
  private withAnnotation(name: string): string[] {
    return getOrCreate(this.annotated, name, () =>
      this.all.filter((key) => carries(this.byKey.get(key), name)),
    );
  }

  /**
   * `list` with an owner, from the index: the few dependents, in list order. The order is kept
   * per owner until a dependent comes or goes (controllers ask at every sync).
   */
  private owned(owner: string, kind?: string, namespace?: string): Stored<KObject>[] {
    const keys = getOrCreate(this.dependentsInOrder, owner, () =>
      [...(this.dependents.get(owner) ?? [])].sort((a, b) => this.compare(a, b)),
    );
    const out: Stored<KObject>[] = [];
    for (const key of keys) {
      const obj = this.byKey.get(key)!;
      if ((!kind || obj.kind === kind) && (!namespace || obj.metadata.namespace === namespace))
        out.push(obj);
    }
    return out;
  }

  /** List order of two stored keys. */
  private compare(a: string, b: string): number {
    return a.localeCompare(b) || this.created.get(a)! - this.created.get(b)!;
  }

  /** Puts a newly created key in its place (after every key it sorts equal to). */
  private insert(keys: string[], key: string): void {
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.compare(keys[mid]!, key) <= 0) lo = mid + 1;
      else hi = mid;
    }
    keys.splice(lo, 0, key);
  }

  private remove(keys: string[], key: string): void {
    keys.splice(keys.indexOf(key), 1);
  }

  private reindex(key: string, before: KObject | undefined, after: KObject | undefined): void {
    const old = ownerUids(before);
    const now = ownerUids(after);
    if (
      old !== null &&
      now !== null &&
      old.length === now.length &&
      old.every((u, i) => u === now[i])
    )
      return;
    if (old === null) this.unindexed--;
    else
      for (const uid of old) {
        const keys = this.dependents.get(uid);
        keys?.delete(key);
        if (keys?.size === 0) this.dependents.delete(uid);
        this.dependentsInOrder.delete(uid);
      }
    if (now === null) this.unindexed++;
    else
      for (const uid of now) {
        getOrCreate(this.dependents, uid, () => new Set()).add(key);
        this.dependentsInOrder.delete(uid);
      }
  }
}

function carries(obj: KObject | undefined, marker: string): boolean {
  const label = marker.startsWith(LABEL_MARK);
  const map: unknown = label ? obj?.metadata.labels : obj?.metadata.annotations;
  return (
    typeof map === 'object' &&
    map !== null &&
    Object.hasOwn(map, label ? marker.slice(LABEL_MARK.length) : marker)
  );
}

/**
 * The uids an object's ownerReferences name, or null when they are not a list of references (an
 * owner lookup over such an object behaves as `ownerReferences.some(...)` does, so it scans).
 */
function ownerUids(obj: KObject | undefined): unknown[] | null {
  const refs: unknown = obj?.metadata.ownerReferences;
  if (refs === undefined || refs === null) return [];
  if (!Array.isArray(refs) || !refs.every((r) => r !== null && r !== undefined)) return null;
  return refs.map((r: { uid?: unknown }) => r.uid);
}

// The leaf values of stored objects and of stored statuses, each computed at most once: a write
// stores a new object (a status write, a new status) and never edits one already stored, so an
// entry never goes stale.
const leafCache = new WeakMap<object, ReadonlyMap<string, unknown>>();
// (Keyed by stored objects and by their statuses, which are frozen with them.)

function remembered(of: object, compute: () => Map<string, unknown>): ReadonlyMap<string, unknown> {
  return getOrCreate(leafCache, of, compute);
}

/** `leafValues` of an object the cluster stores. */
export function storedLeaves(obj: Stored<KObject>): ReadonlyMap<string, unknown> {
  return remembered(obj, () => leafValues(obj));
}

/** `leafValues({ status })` of the status of a stored object. */
export function statusLeaves(status: unknown): ReadonlyMap<string, unknown> {
  if (typeof status !== 'object' || status === null) return leafValues({ status });
  return remembered(status, () => leafValues({ status }));
}
