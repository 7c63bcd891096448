// The positional arguments of kubectl commands: resources (`deploy web api`, `deploy,svc`,
// `deploy/web svc/web`) and the `key=value` / `key-` updates of label, annotate and set image.
import type { NamedResource, ResourceArg } from './ast';
import { isSafeKey, safeRecord, unsafeKeyMessage } from '../safe-keys';
import { KubectlError } from './errors';

const bad = (message: string, token?: string) =>
  new KubectlError('E_BAD_ARGUMENT', `error: ${message}`, token !== undefined ? { token } : {});

/** A key the simulation cannot store (src/sim/safe-keys.ts), refused in kubectl's words. */
const unsafe = (what: string, spec: string, key: string) =>
  new KubectlError('E_UNSAFE_KEY', `error: ${what}: ${spec}: ${unsafeKeyMessage(key)}`, {
    token: spec,
  });

export const NO_RESOURCES = [
  'error: You must provide one or more resources by argument or filename.',
  'Example resource specifications include:',
  "   '-f rsrc.yaml'",
  "   '--filename=rsrc.json'",
  "   '<resource> <name>'",
  "   '<resource>'",
].join('\n');

/** kubectl's resource tuples: every arg `type/name`, or a comma-separated type list then names. */
export function resourceArgs(
  args: readonly string[],
  command: string,
): ResourceArg[] | KubectlError {
  if (args.length === 0) return [];
  if (args.some((a) => a.includes('/'))) {
    const out: ResourceArg[] = [];
    for (const arg of args) {
      if (!arg.includes('/')) {
        return bad(
          `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl ${command} resource/<resource_name>' instead of 'kubectl ${command} resource resource/<resource_name>'`,
          arg,
        );
      }
      const [type, name, ...more] = arg.split('/');
      if (!type || !name || more.length > 0)
        return bad('arguments in resource/name form must have a single resource and name', arg);
      out.push({ type, name });
    }
    return out;
  }
  const types = args[0]!.split(',');
  const names = args.slice(1);
  if (names.some((n) => n === '')) return bad('resource name may not be empty', '');
  if (names.length === 0) return types.map((type) => ({ type }));
  return types.flatMap((type) => names.map((name) => ({ type, name })));
}

/** The resources of a command that acts on named objects (scale, patch, label, rollout ...). */
export function namedResources(resources: readonly ResourceArg[]): NamedResource[] | KubectlError {
  if (resources.length === 0) return new KubectlError('E_MISSING_ARGUMENT', NO_RESOURCES);
  if (resources.some((r) => r.name === undefined))
    return new KubectlError(
      'E_MISSING_ARGUMENT',
      'error: resource(s) were provided, but no name was specified',
    );
  return resources as NamedResource[];
}

/**
 * Splits `set image` / `label` / `annotate` arguments into resources and updates. Resources come
 * first: kubectl refuses a resource after the first update.
 */
export function splitUpdates(
  args: readonly string[],
  isUpdate: (arg: string) => boolean,
  what: string,
): { resources: string[]; updates: string[] } | KubectlError {
  const resources: string[] = [];
  const updates: string[] = [];
  for (const arg of args) {
    if (isUpdate(arg)) updates.push(arg);
    else if (updates.length > 0)
      return bad(`all resources must be specified before ${what} changes: ${arg}`, arg);
    else resources.push(arg);
  }
  return { resources, updates };
}

const QUALIFIED_NAME =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** `key=value` sets, `key-` removes (null). Labels allow one `=` and restricted values; annotations any value. */
export function metadataUpdates(
  updates: readonly string[],
  field: 'label' | 'annotation',
): Record<string, string | null> | KubectlError {
  const out = safeRecord<string | null>();
  for (const spec of updates) {
    const what = field === 'label' ? 'invalid label spec' : 'invalid annotation format';
    const invalid = () => bad(`${what}: ${spec}`, spec);
    if (!spec.includes('=')) {
      const key = spec.slice(0, -1);
      if (!isSafeKey(key)) return unsafe(what, spec, key);
      if (!QUALIFIED_NAME.test(key)) return invalid();
      out[key] = null;
      continue;
    }
    const eq = spec.indexOf('=');
    const key = spec.slice(0, eq);
    const value = spec.slice(eq + 1);
    if (!isSafeKey(key)) return unsafe(what, spec, key);
    if (!QUALIFIED_NAME.test(key) || (field === 'label' && value.includes('='))) return invalid();
    if (field === 'label' && !LABEL_VALUE.test(value)) {
      return bad(
        `invalid label value: "${spec}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
        spec,
      );
    }
    out[key] = value;
  }
  return out;
}

/** `web=registry/web:1.2` pairs of `set image`; `*` names every container. */
export function imageUpdates(updates: readonly string[]): Record<string, string> | KubectlError {
  const out = safeRecord<string>();
  for (const spec of updates) {
    const eq = spec.indexOf('=');
    const container = spec.slice(0, eq);
    const image = spec.slice(eq + 1);
    if (container === '' || image === '')
      return bad(`invalid image update: "${spec}" (want CONTAINER_NAME=IMAGE)`, spec);
    if (!isSafeKey(container)) return unsafe('invalid image update', spec, container);
    out[container] = image;
  }
  return out;
}
