// Label selectors as `-l` takes them: equality (`app=web`, `app==web`, `tier!=db`), sets
// (`env in (prod,staging)`, `env notin (dev)`) and existence (`canary`, `!canary`), comma separated.
import type { Requirement } from './ast';
import { KubectlError } from './errors';

const KEY = '[A-Za-z0-9](?:[-A-Za-z0-9_./]*[A-Za-z0-9])?';
const VALUE = '(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?)?';
const EXISTS = new RegExp(`^(!?)\\s*(${KEY})$`);
const EQUALITY = new RegExp(`^(${KEY})\\s*(==|=|!=)\\s*(${VALUE})$`);
const SET = new RegExp(`^(${KEY})\\s+(in|notin)\\s*\\(([^()]*)\\)$`);
const SET_VALUE = new RegExp(`^${VALUE}$`);

/** Splits at the commas that separate requirements, not those inside `in (a,b)`. */
function terms(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((t) => t.trim());
}

export function parseSelector(text: string): Requirement[] | KubectlError {
  const out: Requirement[] = [];
  for (const term of terms(text)) {
    const bad = () =>
      new KubectlError(
        'E_BAD_ARGUMENT',
        `error: unable to parse requirement: "${term}" is not one of key, key=value, key!=value, key in (v1,v2), key notin (v1,v2), !key`,
        { token: text },
      );
    let m = EXISTS.exec(term);
    if (m) {
      out.push({ key: m[2]!, op: m[1] ? 'notexists' : 'exists', values: [] });
      continue;
    }
    m = EQUALITY.exec(term);
    if (m) {
      out.push({ key: m[1]!, op: m[2] === '!=' ? 'neq' : 'eq', values: [m[3]!] });
      continue;
    }
    m = SET.exec(term);
    if (!m) return bad();
    const values = m[3]!.split(',').map((v) => v.trim());
    if (values.some((v) => !SET_VALUE.test(v))) return bad();
    out.push({ key: m[1]!, op: m[2] === 'in' ? 'in' : 'notin', values });
  }
  return out;
}

export function matchesSelector(
  selector: readonly Requirement[] | undefined,
  labels: Readonly<Record<string, string>> = {},
): boolean {
  return (selector ?? []).every((r) => {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    const value = labels[r.key];
    switch (r.op) {
      case 'exists':
        return has;
      case 'notexists':
        return !has;
      case 'eq':
      case 'in':
        return has && r.values.includes(value!);
      case 'neq':
      case 'notin':
        return !has || !r.values.includes(value!);
    }
  });
}
