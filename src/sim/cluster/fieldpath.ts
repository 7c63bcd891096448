// Field paths: how the cluster names one field of an object, for ownership, diffs and the audit.
//
// A path is a list of segments: a map key, or a list item picked by its merge key, as strategic
// merge and server-side apply do (`containers[name=web]`). Lists without a merge key are atomic:
// the whole list is one field. Text form: `spec.template.spec.containers[name=web].image`, with
// `['a.b']` for keys that contain dots or brackets (`metadata.annotations['prometheus.io/port']`).
// Paths come from objects whose keys admission checked; setPath and deletePath check each segment
// again (a Set lookup), so no path can write to a prototype (src/sim/safe-keys.ts).
import { safeKey } from '../safe-keys';
import { clone, isRecord } from './object';

export type KeySegment = { key: string; value: string | number };
export type Segment = string | KeySegment;
export type FieldPath = readonly Segment[];

/** A leaf field: its path, its value (a scalar, an atomic list or an empty map). */
export interface Leaf {
  path: FieldPath;
  value: unknown;
}

const NAME_KEYED = new Set([
  'containers',
  'initContainers',
  'ephemeralContainers',
  'volumes',
  'env',
  'imagePullSecrets',
]);

/** The merge key of the list at `path`, as Kubernetes' strategic-merge metadata declares it. */
export function mergeKeyFor(path: FieldPath): string | null {
  return mergeKeyOf(path[path.length - 1], path[path.length - 2]);
}

/** The merge key of list `field`, inside `parent`. */
function mergeKeyOf(field: Segment | undefined, parent: Segment | undefined): string | null {
  if (typeof field !== 'string') return null;
  if (NAME_KEYED.has(field)) return 'name';
  if (field === 'volumeMounts') return 'mountPath';
  if (field === 'hostAliases') return 'ip';
  if (field === 'conditions') return 'type';
  if (field === 'ports')
    return typeof parent === 'object' && parent.key === 'name' ? 'containerPort' : 'port';
  return null;
}

function keyedListKey(key: string | null, list: unknown[]): string | null {
  if (key === null) return null;
  const ok = list.every(
    (item) => isRecord(item) && (typeof item[key] === 'string' || typeof item[key] === 'number'),
  );
  return ok ? key : null;
}

/**
 * Calls `visit` for every leaf field of `value`, in document order, with its path as text;
 * `path()` makes the path itself, for the visits that need it. `null` values are skipped (they
 * mean "unset"). `base` is where `value` sits.
 */
export function eachLeaf(
  value: unknown,
  visit: (text: string, value: unknown, path: () => FieldPath) => void,
  base: FieldPath = [],
): void {
  const stack: Segment[] = [...base];
  const path = () => [...stack];
  const walk = (v: unknown, text: string) => {
    if (v === null || v === undefined) return;
    if (Array.isArray(v)) {
      const key = keyedListKey(mergeKeyOf(stack[stack.length - 1], stack[stack.length - 2]), v);
      if (key === null || v.length === 0) return visit(text, v, path);
      for (const item of v as Record<string, string | number>[]) {
        const seg = { key, value: item[key]! };
        stack.push(seg);
        walk(item, appendSegment(text, seg));
        stack.pop();
      }
      return;
    }
    if (isRecord(v)) {
      const keys = Object.keys(v);
      if (keys.length === 0 && stack.length > 0) visit(text, {}, path);
      for (const k of keys) {
        stack.push(k);
        walk(v[k], appendSegment(text, k));
        stack.pop();
      }
      return;
    }
    visit(text, v, path);
  };
  walk(value, formatPath(base));
}

/** Every leaf field of `value`, in document order. `null` values are skipped (they mean "unset"). */
export function leaves(value: unknown, base: FieldPath = []): Leaf[] {
  const out: Leaf[] = [];
  eachLeaf(value, (_text, v, path) => out.push({ path: path(), value: v }), base);
  return out;
}

/**
 * The leaves of `value` as path text -> value: `new Map(leaves(value).map(...formatPath...))`
 * without the paths (a path that repeats keeps its first place and its last value).
 */
export function leafValues(value: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  eachLeaf(value, (text, v) => out.set(text, v));
  return out;
}

const PLAIN = /^[A-Za-z_$][\w$-]*$/;

// Paths made from field names, remembered: objects of a kind share nearly all of theirs, and a
// remembered path is one flat string (a new one is a rope, rebuilt and hashed again at every
// write). Bounded: field names come from users' manifests too.
const named = new Map<string, Map<string, string>>();
const NAMED_LIMIT = 20_000;

/** `text` (a path's text form) followed by one more segment. */
function appendSegment(text: string, seg: Segment): string {
  if (typeof seg === 'object') return `${text}[${seg.key}=${seg.value}]`;
  let children = named.get(text);
  const hit = children?.get(seg);
  if (hit !== undefined) return hit;
  const path = PLAIN.test(seg) ? (text === '' ? seg : `${text}.${seg}`) : `${text}['${seg}']`;
  if (named.size >= NAMED_LIMIT) named.clear();
  if (!children) {
    children = new Map();
    named.set(text, children);
  }
  children.set(seg, path);
  return path;
}

export function formatPath(path: FieldPath): string {
  let s = '';
  for (const seg of path) s = appendSegment(s, seg);
  return s;
}

/** Value at `path`, or undefined. Keyed segments pick the list item whose key field matches. */
export function getPath(obj: unknown, path: FieldPath): unknown {
  let cur: unknown = obj;
  for (const seg of path) {
    if (typeof seg === 'object') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur.find((item) => isRecord(item) && item[seg.key] === seg.value);
    } else {
      if (!isRecord(cur)) return undefined;
      cur = cur[seg];
    }
  }
  return cur;
}

/** Sets `path` to `value`, creating maps and keyed list items on the way. */
export function setPath(obj: Record<string, unknown>, path: FieldPath, value: unknown): void {
  // Every segment first: a refused path changes nothing, not even the maps on its way.
  for (const seg of path) if (typeof seg === 'string') safeKey(seg);
  let cur: Record<string, unknown> = obj;
  for (let i = 0; i < path.length - 1; i++) {
    const at = path[i]!;
    const next = path[i + 1]!;
    if (typeof at === 'object') throw new Error('a keyed segment cannot be a container name');
    const seg = safeKey(at);
    if (typeof next === 'object') {
      if (!Array.isArray(cur[seg])) cur[seg] = [];
      const list = cur[seg] as Record<string, unknown>[];
      let item = list.find((it) => isRecord(it) && it[next.key] === next.value);
      if (!item) {
        item = { [next.key]: next.value };
        list.push(item);
      }
      cur = item;
      i++;
      if (i === path.length - 1) return; // the path names the item itself
    } else {
      if (!isRecord(cur[seg])) cur[seg] = {};
      cur = cur[seg] as Record<string, unknown>;
    }
  }
  const last = path[path.length - 1]!;
  if (typeof last === 'object') throw new Error('a path cannot end in a keyed segment');
  cur[safeKey(last)] = clone(value);
}

/**
 * Deletes the field at `path` (or, for a path ending in a keyed segment, the whole list item), then
 * removes maps and list items left empty on the way up (a list item whose only field is its merge
 * key counts as empty: nothing sets anything in it any more).
 */
export function deletePath(obj: Record<string, unknown>, path: FieldPath): void {
  // An item's merge key names the item: it goes when the item goes, never on its own.
  const parent = path[path.length - 2];
  if (typeof parent === 'object' && parent.key === path[path.length - 1]) return;
  for (const seg of path) if (typeof seg === 'string') safeKey(seg);
  const chain: { holder: unknown; seg: Segment }[] = [];
  let cur: unknown = obj;
  for (const seg of path) {
    chain.push({ holder: cur, seg });
    cur = getPath(cur, [seg]);
    if (cur === undefined) return;
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const { holder, seg } = chain[i]!;
    if (typeof seg === 'object') {
      const list = holder as Record<string, unknown>[];
      const idx = list.findIndex((it) => it[seg.key] === seg.value);
      const item = list[idx];
      const emptied =
        i === chain.length - 1 ||
        (item !== undefined && Object.keys(item).every((k) => k === seg.key));
      if (!emptied) return;
      list.splice(idx, 1);
    } else {
      const map = holder as Record<string, unknown>;
      const leaf = i === chain.length - 1;
      const v = map[seg];
      const empty = isRecord(v) ? Object.keys(v).length === 0 : Array.isArray(v) && v.length === 0;
      if (!leaf && !empty) return;
      delete map[safeKey(seg)];
    }
    if (i === 0) return;
  }
}

const SEGMENT =
  /\.?([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]|\[([\w.-]+)=([^\]]*)\]/y;

/** Parses the text form back. Numeric `[n]` segments are list indexes (scenario patches use them). */
export function parsePath(text: string): (Segment | number)[] | null {
  const out: (Segment | number)[] = [];
  SEGMENT.lastIndex = 0;
  while (SEGMENT.lastIndex < text.length) {
    const at = SEGMENT.lastIndex;
    const m = SEGMENT.exec(text);
    if (!m || m.index !== at) return null;
    if (m[1] !== undefined) {
      if (at > 0 && !m[0].startsWith('.')) return null;
      out.push(m[1]);
    } else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(m[3]);
    else if (m[4] !== undefined) out.push(m[4]);
    else out.push({ key: m[5]!, value: /^\d+$/.test(m[6]!) ? Number(m[6]) : m[6]! });
  }
  return out.length > 0 ? out : null;
}
