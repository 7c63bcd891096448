// `kubectl get -o jsonpath=TEMPLATE`, the subset learners use
// (kubernetes.io/docs/reference/kubectl/jsonpath): text with `{...}` expressions; `.field`,
// `['field.with.dots']`, `[0]`, `[-1]`, `[*]`, `..field` (recursive), filters
// `[?(@.type=="Ready")]` (==, !=, or a bare `@.field` for presence), `{range …}…{end}`, and
// literals `{"\n"}`. Several results of one expression are joined by spaces; a map or a list prints
// as JSON, as kubectl does.
//
// Simplification: no unions (`[a,b]`), slices with steps, or comparisons other than == and !=.
import { isRecord } from '../cluster';
import { KubectlError } from './errors';

type Step =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'all' }
  | { kind: 'recursive'; name: string }
  | { kind: 'filter'; path: string[]; op: '==' | '!=' | 'exists'; value?: string };

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'expr'; steps: Step[] }
  | { kind: 'range'; steps: Step[]; body: Node[] };

const invalid = (why: string) =>
  new KubectlError('E_FLAG_VALUE', `error: error parsing jsonpath ${why}`);

function parseSteps(expr: string): Step[] {
  const steps: Step[] = [];
  let rest = expr.trim();
  if (rest.startsWith('$')) rest = rest.slice(1);
  while (rest.length > 0) {
    let m: RegExpExecArray | null;
    if ((m = /^\.\.([A-Za-z0-9_-]+)/.exec(rest))) steps.push({ kind: 'recursive', name: m[1]! });
    else if ((m = /^\.([A-Za-z0-9_-]+)/.exec(rest))) steps.push({ kind: 'field', name: m[1]! });
    else if ((m = /^\[\*\]/.exec(rest)) || (m = /^\.\*/.exec(rest))) steps.push({ kind: 'all' });
    else if ((m = /^\[(-?\d+)\]/.exec(rest))) steps.push({ kind: 'index', index: Number(m[1]) });
    else if ((m = /^\[['"]([^'"]+)['"]\]/.exec(rest))) steps.push({ kind: 'field', name: m[1]! });
    else if (
      (m =
        /^\[\?\(@((?:\.[A-Za-z0-9_-]+)+)\s*(?:(==|!=)\s*(?:"([^"]*)"|'([^']*)'|(-?[\w.]+)))?\)\]/.exec(
          rest,
        ))
    ) {
      const path = m[1]!.slice(1).split('.');
      steps.push(
        m[2] === undefined
          ? { kind: 'filter', path, op: 'exists' }
          : { kind: 'filter', path, op: m[2] as '==' | '!=', value: m[3] ?? m[4] ?? m[5] ?? '' },
      );
    } else if (rest === '.' || rest === '@') break;
    else throw invalid(`{${expr}}: unrecognized identifier ${rest}`);
    rest = rest.slice(m[0].length);
  }
  return steps;
}

function parseTemplate(template: string): Node[] {
  const root: Node[] = [];
  const stack: { steps: Step[]; body: Node[] }[] = [];
  const into = () => stack.at(-1)?.body ?? root;
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      into().push({ kind: 'text', text: template.slice(i) });
      break;
    }
    if (open > i) into().push({ kind: 'text', text: template.slice(i, open) });
    const close = template.indexOf('}', open);
    if (close < 0) throw invalid(`${template}: unclosed action`);
    const inner = template.slice(open + 1, close).trim();
    i = close + 1;
    const literal = /^"((?:[^"\\]|\\.)*)"$/.exec(inner);
    if (literal) {
      const text = literal[1]!.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\"/g, '"');
      into().push({ kind: 'text', text });
    } else if (inner.startsWith('range ')) {
      stack.push({ steps: parseSteps(inner.slice('range '.length)), body: [] });
    } else if (inner === 'end') {
      const range = stack.pop();
      if (!range) throw invalid(`${template}: not in range, nothing to end`);
      into().push({ kind: 'range', ...range });
    } else into().push({ kind: 'expr', steps: parseSteps(inner) });
  }
  if (stack.length > 0) throw invalid(`${template}: unclosed range`);
  return root;
}

function children(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return isRecord(value) ? Object.values(value) : [];
}

function at(value: unknown, path: readonly string[]): unknown {
  let v = value;
  for (const p of path) v = isRecord(v) && Object.hasOwn(v, p) ? v[p] : undefined;
  return v;
}

/** A value as jsonpath prints it: text as itself, a map or a list as JSON. */
const show = (v: unknown) =>
  typeof v === 'string' ? v : v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v);

function evaluate(values: unknown[], steps: readonly Step[]): unknown[] {
  let current = values;
  for (const step of steps) {
    const next: unknown[] = [];
    for (const v of current) {
      switch (step.kind) {
        case 'field':
          if (isRecord(v) && Object.hasOwn(v, step.name)) next.push(v[step.name]);
          break;
        case 'index':
          if (Array.isArray(v)) {
            const item: unknown = v[step.index < 0 ? v.length + step.index : step.index];
            if (item !== undefined) next.push(item);
          }
          break;
        case 'all':
          next.push(...children(v));
          break;
        case 'recursive': {
          const walk = (x: unknown) => {
            if (isRecord(x) && Object.hasOwn(x, step.name)) next.push(x[step.name]);
            children(x).forEach(walk);
          };
          walk(v);
          break;
        }
        case 'filter':
          for (const item of children(v)) {
            const found = at(item, step.path);
            const text = found === undefined ? undefined : show(found);
            if (
              (step.op === 'exists' && found !== undefined) ||
              (step.op === '==' && text === step.value) ||
              (step.op === '!=' && text !== undefined && text !== step.value)
            )
              next.push(item);
          }
          break;
      }
    }
    current = next;
  }
  return current;
}

function render(nodes: readonly Node[], value: unknown): string {
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'text') out += node.text;
    else if (node.kind === 'expr') out += evaluate([value], node.steps).map(show).join(' ');
    else for (const item of evaluate([value], node.steps)) out += render(node.body, item);
  }
  return out;
}

/** The template applied to `value` (an object, or kubectl's `List` of them). Throws on a bad template. */
export function printJsonPath(template: string, value: unknown): string {
  return render(parseTemplate(template), value);
}

/** Checks a template when the line is parsed, as kubectl does before it calls the server. */
export function checkJsonPath(template: string): KubectlError | null {
  try {
    parseTemplate(template);
    return null;
  } catch (e) {
    if (e instanceof KubectlError) return e;
    throw e;
  }
}
