// Field ownership: which field manager stands behind each leaf field of an object, and how a write
// moves fields between managers.
//
// It works like server-side apply with `--force-conflicts`: each leaf field remembers the manager
// that last set it. An apply by a manager sets every field its manifest names (taking them over
// from other managers) and deletes the fields it set before and no longer names, unless another
// manager owns them. Fields that no manifest names (a hotfix env var, an annotation, a
// `rollout restart` timestamp) survive re-applies. Non-apply writes (patch, scale, set image) take
// ownership of the fields they change, as Kubernetes' Update operations do.
import { isStored, type Stored } from '../stored';
import { sameValue } from './equal';
import { deletePath, eachLeaf, formatPath, getPath, setPath, type FieldPath } from './fieldpath';
import { isIdentityPath } from './identity-paths';
import type { KObject } from './object';
import { isStatusPath, isUnderPath } from './status-path';

/** The fields of one object: manager -> path text -> path. */
export type Ownership = Map<string, Map<string, FieldPath>>;

// Fields the server keeps (and those that name the object): never owned, never removed by an apply.
const SERVER_FIELDS = [
  'metadata.uid',
  'metadata.generation',
  'metadata.creationTimestamp',
  'metadata.ownerReferences',
];

function isOwnable(path: string): boolean {
  return (
    !isIdentityPath(path) && !isStatusPath(path) && !SERVER_FIELDS.some((f) => isUnderPath(path, f))
  );
}

/** A copy a write can edit without touching `owned` (absent for an object not stored yet). */
export function copyOwnership(owned: Ownership | undefined): Ownership {
  const out: Ownership = new Map();
  for (const [m, paths] of owned ?? []) out.set(m, new Map(paths));
  return out;
}

/** A created object: `manager` owns every field it has. */
export function ownershipOfCreated(obj: KObject, manager: string): Ownership {
  const mine = new Map<string, FieldPath>();
  eachLeaf(obj, (text, _value, path) => {
    if (isOwnable(text)) mine.set(text, path());
  });
  return new Map([[manager, mine]]);
}

/**
 * An apply of `manifest` by `manager` onto `target`: sets the fields the manifest names and takes
 * them over, and deletes those the manager no longer names that no one else owns. A client-side
 * apply passes `clientSideDropped` instead (last-applied.ts): the fields its last apply set that
 * the manifest no longer sets, deleted whoever owns them now, as kubectl's three-way merge does.
 * Edits both `target` and `ownership`.
 */
export function applyOwnedFields(
  target: KObject,
  manifest: KObject,
  ownership: Ownership,
  manager: string,
  clientSideDropped?: readonly AppliedField[],
): void {
  const mine = ownership.get(manager) ?? new Map<string, FieldPath>();
  const desired: AppliedField[] = [];
  eachLeaf(manifest, (text, value, path) => {
    if (isOwnable(text)) desired.push({ text, path: path(), value });
  });
  const desiredPaths = new Set(desired.map((l) => l.text));

  const dropped: FieldPath[] = [];
  for (const { text, path } of clientSideDropped ?? []) {
    deletePath(target, path);
    dropped.push(path);
    for (const paths of ownership.values()) paths.delete(text);
  }
  for (const [text, path] of clientSideDropped ? [] : mine) {
    if (desiredPaths.has(text)) continue;
    const ownedElsewhere = [...ownership].some(([m, paths]) => m !== manager && paths.has(text));
    if (!ownedElsewhere) {
      deletePath(target, path);
      dropped.push(path);
    }
  }
  const nextMine = new Map<string, FieldPath>();
  for (const leaf of desired) {
    const { text } = leaf;
    setPath(target, leaf.path, leaf.value);
    nextMine.set(text, leaf.path);
    for (const [m, paths] of ownership) if (m !== manager) paths.delete(text);
  }
  ownership.set(manager, nextMine);
  removeUnownedItems(target, dropped, ownership);
}

/** A field an apply sets: its path as text, the path, and the value. */
export interface AppliedField {
  text: string;
  path: FieldPath;
  value: unknown;
}

// A stored manifest never changes (../stored.ts: Git's are stored), so the fields it sets are kept
// per manifest object.
const appliedCache = new WeakMap<Stored<KObject>, readonly AppliedField[]>();

/** The fields an apply of `manifest` sets (those a manager can own), in document order. */
export function appliedFields(manifest: KObject): readonly AppliedField[] {
  const hit = appliedCache.get(manifest as Stored<KObject>);
  if (hit) return hit;
  const out: AppliedField[] = [];
  eachLeaf(manifest, (text, value, path) => {
    if (isOwnable(text)) out.push({ text, path: path(), value });
  });
  if (isStored(manifest)) appliedCache.set(manifest, out);
  return out;
}

/**
 * Whether an apply that sets `fields` (of a manifest of `apiVersion`) by `manager` onto `existing`
 * would change nothing: the manager already owns exactly those fields (in the same order), no
 * other manager owns any of them, and each already has the manifest's value. applyOwnedFields
 * would then set equal values and move no field, so the write can be answered `unchanged`.
 */
export function applyChangesNothing(
  existing: KObject,
  apiVersion: string,
  fields: readonly AppliedField[],
  ownership: Ownership | undefined,
  manager: string,
): boolean {
  const mine = ownership?.get(manager);
  if (!ownership || !mine || existing.apiVersion !== apiVersion) return false;
  const owned = mine.keys();
  for (const { text, path, value } of fields) {
    if (owned.next().value !== text) return false;
    for (const [m, paths] of ownership) if (m !== manager && paths.has(text)) return false;
    if (!sameValue(getPath(existing, path), value)) return false;
  }
  return owned.next().done === true;
}

/**
 * A non-apply write from `before` (its `leafValues`) to `after`: `manager` takes the fields whose
 * value it changed, and fields `after` no longer has are owned by no one. Edits `ownership`.
 */
export function claimChangedFields(
  beforeLeaves: ReadonlyMap<string, unknown>,
  after: KObject,
  ownership: Ownership,
  manager: string,
): void {
  const afterPaths = new Set<string>();
  const mine = ownership.get(manager) ?? new Map<string, FieldPath>();
  eachLeaf(after, (text, value, path) => {
    afterPaths.add(text);
    if (!isOwnable(text) || (beforeLeaves.has(text) && sameValue(beforeLeaves.get(text), value)))
      return;
    for (const paths of ownership.values()) paths.delete(text);
    mine.set(text, path());
  });
  for (const paths of ownership.values())
    for (const text of [...paths.keys()]) if (!afterPaths.has(text)) paths.delete(text);
  ownership.set(manager, mine);
}

/** Fields `manager` owns in `next` that another manager owned `before`. */
export function takenOver(
  before: Ownership | undefined,
  next: Ownership,
  manager: string,
): FieldPath[] {
  const mine = next.get(manager);
  if (!before || !mine) return [];
  const out: FieldPath[] = [];
  for (const [text, path] of mine) {
    if (before.get(manager)?.has(text)) continue;
    if ([...before].some(([m, paths]) => m !== manager && paths.has(text))) out.push(path);
  }
  return out;
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
