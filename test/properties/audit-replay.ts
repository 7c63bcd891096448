// Rebuilding a cluster from its audit trail alone: the proof that the trail is complete.
//
// The trail records field-level changes as leaf paths (`spec.template.spec.containers[name=web].image`)
// with `before`/`after` values. Replaying them from an empty cluster: `create` sets the `after`
// leaves of a new object, `update` sets or removes leaves, `delete` removes the object, and a
// delete of `*` (the cluster was lost) removes everything. Each replayed object is then rebuilt as
// a real object (parsePath + setPath) and compared leaf by leaf with the live one.
//
// Compared: every leaf except metadata.resourceVersion and metadata.managedFields (the server's
// bookkeeping) and the last-applied-configuration annotation (which repeats the applied fields as
// one JSON text): the trail leaves these out on purpose (cluster/changes.ts). Secret values are only hashes in the trail,
// so the live ones are hashed the same way before comparing. Keyed lists compare by key, not by
// position: the trail names list items by their merge key and never records an order.
import type { AuditRecord, ClusterName } from '../../src/sim/audit';
import {
  formatPath,
  leaves,
  parsePath,
  stableStringify,
  type Cluster,
} from '../../src/sim/cluster';
import { setPath, type Segment } from '../../src/sim/cluster/fieldpath';
import { LAST_APPLIED_PATH } from '../../src/sim/cluster/last-applied';
import { refKey, refOf } from '../../src/sim/cluster/object';
import { isSecretValuePath, valueHash } from '../../src/sim/cluster/secret';

const IGNORED = new Set(['metadata.resourceVersion', 'metadata.managedFields', LAST_APPLIED_PATH]);

type Leaves = Map<string, unknown>;

/** Each object of `cluster` as the trail describes it: key -> (leaf path -> value). */
function replayTrail(
  records: readonly AuditRecord[],
  cluster: ClusterName,
): { objects: Map<string, Leaves>; problems: string[] } {
  const objects = new Map<string, Leaves>();
  const problems: string[] = [];
  for (const r of records) {
    if (r.cluster !== cluster) continue;
    if (r.verb === 'delete') {
      if (r.object === '*') objects.clear();
      else if (!objects.delete(r.object))
        problems.push(`#${r.seq} deletes ${r.object}, which the trail never created`);
      continue;
    }
    if (r.verb !== 'create' && r.verb !== 'update') continue;
    let obj = objects.get(r.object);
    if (r.verb === 'create') {
      if (obj) problems.push(`#${r.seq} creates ${r.object}, which the trail already has`);
      obj = new Map();
      objects.set(r.object, obj);
    } else if (!obj) {
      problems.push(`#${r.seq} updates ${r.object}, which the trail never created`);
      obj = new Map();
      objects.set(r.object, obj);
    }
    for (const change of r.changes) {
      if ('after' in change) obj.set(change.path, change.after);
      else obj.delete(change.path);
    }
  }
  return { objects, problems };
}

/** The replayed leaves turned back into an object, so that the paths must rebuild a real one. */
function materialize(key: string, replayed: Leaves): Record<string, unknown> {
  const obj: Record<string, unknown> = {};
  for (const [text, value] of replayed) {
    const path = parsePath(text);
    if (!path) throw new Error(`${key}: the trail path "${text}" does not parse`);
    if (path.some((s) => typeof s === 'number'))
      throw new Error(`${key}: the trail path "${text}" uses a list index, not a merge key`);
    setPath(obj, path as Segment[], value);
  }
  return obj;
}

/** Leaf path -> value of an object, Secret values hashed as the trail hashes them. */
function leafMap(kind: string, obj: unknown, hashSecrets: boolean): Leaves {
  const out: Leaves = new Map();
  for (const leaf of leaves(obj)) {
    const path = formatPath(leaf.path);
    if (IGNORED.has(path)) continue;
    out.set(
      path,
      hashSecrets && isSecretValuePath(kind, path) ? valueHash(leaf.value) : leaf.value,
    );
  }
  return out;
}

function diffLeaves(key: string, rebuilt: Leaves, live: Leaves): string[] {
  const out: string[] = [];
  for (const [path, value] of live) {
    if (!rebuilt.has(path))
      out.push(`${key} ${path}: live ${stableStringify(value)}, trail has nothing`);
    else if (stableStringify(rebuilt.get(path)) !== stableStringify(value))
      out.push(
        `${key} ${path}: live ${stableStringify(value)}, trail ${stableStringify(rebuilt.get(path))}`,
      );
  }
  for (const [path, value] of rebuilt)
    if (!live.has(path))
      out.push(`${key} ${path}: trail ${stableStringify(value)}, live has nothing`);
  return out;
}

/** Every difference between the cluster rebuilt from the trail and the live cluster. */
export function auditReplayDifferences(
  records: readonly AuditRecord[],
  cluster: Cluster,
): string[] {
  const { objects, problems } = replayTrail(records, cluster.name);
  const out = [...problems];
  const live = new Map(cluster.list().map((o) => [refKey(refOf(o)), o]));
  for (const [key, obj] of live) {
    const replayed = objects.get(key);
    if (!replayed) {
      out.push(`${key} is live but the trail has no such object`);
      continue;
    }
    let rebuilt: Record<string, unknown>;
    try {
      rebuilt = materialize(key, replayed);
    } catch (e) {
      out.push((e as Error).message);
      continue;
    }
    out.push(...diffLeaves(key, leafMap(obj.kind, rebuilt, false), leafMap(obj.kind, obj, true)));
  }
  for (const key of objects.keys())
    if (!live.has(key)) out.push(`${key} is in the trail but not live`);
  return out;
}
