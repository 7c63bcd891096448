// Value equality for JSON data, independent of map key order.

export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** One scalar as stableStringify writes it (NaN and Infinity as `null`, -0 as `0`). */
const scalarText = (v: unknown) => JSON.stringify(v) ?? 'undefined';

function hasHole(list: unknown[]): boolean {
  for (let i = 0; i < list.length; i++) if (!(i in list)) return true;
  return false;
}

/**
 * `stableStringify(a) === stableStringify(b)` for two objects, without building the strings: the
 * same sorted keys with the same values, and scalars equal as JSON writes them.
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const aObject = a !== null && typeof a === 'object';
  const bObject = b !== null && typeof b === 'object';
  if (!aObject || !bObject) {
    if (aObject || bObject || (typeof a === 'string' && typeof b === 'string')) return false;
    return scalarText(a) === scalarText(b);
  }
  const aList = Array.isArray(a);
  if (aList !== Array.isArray(b)) return false;
  if (aList) {
    const x = a as unknown[];
    const y = b as unknown[];
    // A hole is written as nothing, not as `undefined`: lists with holes go by the string form.
    if (x.length !== y.length)
      return (hasHole(x) || hasHole(y)) && stableStringify(x) === stableStringify(y);
    for (let i = 0; i < x.length; i++) {
      if (!(i in x) || !(i in y)) return stableStringify(x) === stableStringify(y);
      if (!sameJson(x[i], y[i])) return false;
    }
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  for (const k of keys) {
    if (!Object.prototype.propertyIsEnumerable.call(y, k)) return false;
    if (!sameJson(x[k], y[k])) return false;
  }
  return true;
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return sameJson(a, b);
}
