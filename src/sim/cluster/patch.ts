// Patch formats `kubectl patch` accepts: strategic merge (the default for built-in kinds: lists
// with a merge key merge item by item), JSON merge patch (RFC 7386: lists are replaced), and JSON
// patch (RFC 6902: add / remove / replace / test operations on JSON pointers).
// A patch naming `__proto__`, `constructor` or `prototype` anywhere is refused before it is
// applied, as "The request is invalid" (src/sim/safe-keys.ts).
import { isSafeKey, keyPathText, safeKey, unsafeKeyMessage, unsafeKeyPath } from '../safe-keys';
import { ClusterError } from './errors';
import { mergeKeyFor, type Segment } from './fieldpath';
import { isRecord } from './object';

export type PatchType = 'strategic' | 'merge' | 'json';

function mergeInto(target: unknown, patch: unknown, path: Segment[], strategic: boolean): unknown {
  if (!isRecord(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = isRecord(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) {
      delete out[safeKey(k)];
      continue;
    }
    const here = [...path, k];
    const key = strategic && Array.isArray(v) ? mergeKeyFor(here) : null;
    if (key && Array.isArray(out[k])) {
      const list = [...(out[k] as Record<string, unknown>[])];
      for (const item of v as Record<string, unknown>[]) {
        if (!isRecord(item)) continue;
        const idx = list.findIndex((e) => isRecord(e) && e[key] === item[key]);
        if (item.$patch === 'delete') {
          if (idx >= 0) list.splice(idx, 1);
        } else if (idx >= 0) {
          list[idx] = mergeInto(
            list[idx],
            item,
            [...here, { key, value: item[key] as string }],
            strategic,
          ) as Record<string, unknown>;
        } else list.push(structuredClone(item));
      }
      out[safeKey(k)] = list;
    } else {
      out[safeKey(k)] = mergeInto(out[k], v, here, strategic);
    }
  }
  return out;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/'))
    throw new ClusterError('E_BAD_PATCH', `error: invalid JSON pointer "${path}"`);
  return path
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function jsonPatch(doc: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops))
    throw new ClusterError('E_BAD_PATCH', 'error: a JSON patch must be a list of operations');
  const out = structuredClone(doc) as Record<string, unknown>;
  for (const op of ops) {
    if (!isRecord(op) || typeof op.op !== 'string' || typeof op.path !== 'string')
      throw new ClusterError(
        'E_BAD_PATCH',
        'error: each JSON patch operation needs "op" and "path"',
      );
    const parts = pointer(op.path);
    const last = parts.pop();
    if (last === undefined)
      throw new ClusterError('E_BAD_PATCH', 'error: cannot patch the whole object');
    let parent: unknown = out;
    for (const p of parts) {
      parent = Array.isArray(parent)
        ? parent[Number(p)]
        : isRecord(parent)
          ? parent[safeKey(p)]
          : undefined;
      if (parent === undefined)
        throw new ClusterError('E_BAD_PATCH', `error: path "${op.path}" does not exist`);
    }
    const container = parent as Record<string, unknown> | unknown[];
    const exists = Array.isArray(container) ? Number(last) < container.length : last in container;
    switch (op.op) {
      case 'add':
        if (Array.isArray(container))
          container.splice(last === '-' ? container.length : Number(last), 0, op.value);
        else container[safeKey(last)] = op.value;
        break;
      case 'replace':
        if (!exists)
          throw new ClusterError('E_BAD_PATCH', `error: replace: path "${op.path}" does not exist`);
        if (Array.isArray(container)) container[Number(last)] = op.value;
        else container[safeKey(last)] = op.value;
        break;
      case 'remove':
        if (!exists)
          throw new ClusterError('E_BAD_PATCH', `error: remove: path "${op.path}" does not exist`);
        if (Array.isArray(container)) container.splice(Number(last), 1);
        else delete container[safeKey(last)];
        break;
      default:
        throw new ClusterError('E_BAD_PATCH', `error: unsupported JSON patch operation "${op.op}"`);
    }
  }
  return out;
}

/** kubectl's answer to a patch that names a refused key: the server rejects it as invalid. */
function unsafePatch(key: string, where: string): ClusterError {
  return new ClusterError(
    'E_UNSAFE_KEY',
    `The request is invalid: ${where}: ${unsafeKeyMessage(key)}`,
    { field: where },
  );
}

/** The first refused key a patch names, in its operations' paths or anywhere in its values. */
function refuseUnsafeKeys(patch: unknown, type: PatchType): void {
  if (type === 'json' && Array.isArray(patch)) {
    patch.forEach((op: unknown, i) => {
      if (!isRecord(op)) return;
      for (const field of ['path', 'from'] as const) {
        const path = op[field];
        if (typeof path !== 'string' || !path.startsWith('/')) continue;
        const bad = pointer(path).find((p) => !isSafeKey(p));
        if (bad !== undefined) throw unsafePatch(bad, path);
      }
      const inValue = unsafeKeyPath(op.value);
      if (inValue)
        throw unsafePatch(
          String(inValue[inValue.length - 1]),
          keyPathText([i, 'value', ...inValue]),
        );
    });
    return;
  }
  const found = unsafeKeyPath(patch);
  if (found) throw unsafePatch(String(found[found.length - 1]), keyPathText(found));
}

/** The object with `patch` applied; the input is not modified. */
export function applyPatch(obj: unknown, patch: unknown, type: PatchType): Record<string, unknown> {
  refuseUnsafeKeys(patch, type);
  if (type === 'json') return jsonPatch(obj, patch) as Record<string, unknown>;
  if (!isRecord(patch))
    throw new ClusterError('E_BAD_PATCH', 'error: a merge patch must be a JSON object');
  return mergeInto(obj, patch, [], type === 'strategic') as Record<string, unknown>;
}
