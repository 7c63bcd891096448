// From a command's arguments and flags to its ParsedCommand: the checks kubectl makes on a line
// before it calls the API server (a missing name, a bad flag value, a patch that does not parse),
// with kubectl's messages.
import { parse as parseYaml } from 'yaml';
import type { PatchType } from '../cluster';
import {
  imageUpdates,
  metadataUpdates,
  namedResources,
  NO_RESOURCES,
  resourceArgs,
  splitUpdates,
} from './args';
import type { DryRun, OutputFormat, ParsedCommand, Requirement, RolloutAction } from './ast';
import { KubectlError, usageError } from './errors';
import { parseFieldSelector } from './events';
import type { FlagSet } from './flags';
import { unknownCommand } from './help';
import { checkJsonPath } from './jsonpath';
import { parseSelector } from './selector';

const OUTPUTS: readonly OutputFormat[] = ['json', 'jsonpath', 'name', 'wide', 'yaml'];
const PATCH_TYPES: readonly PatchType[] = ['json', 'merge', 'strategic'];

const fail = (message: string, code: KubectlError['code'] = 'E_BAD_ARGUMENT', token?: string) =>
  new KubectlError(code, `error: ${message}`, token !== undefined ? { token } : {});

function scope(flags: FlagSet): { namespace?: string } {
  const ns = flags.str('namespace');
  return ns ? { namespace: ns } : {};
}

function selectorOf(flags: FlagSet): { selector?: Requirement[] | KubectlError } {
  const text = flags.str('selector');
  return text === undefined ? {} : { selector: parseSelector(text) };
}

function dryRunOf(flags: FlagSet): DryRun | KubectlError {
  const value = flags.str('dry-run') ?? 'none';
  if (value === 'none' || value === 'client' || value === 'server') return value;
  return fail(
    `Invalid dry-run value (${value}). Must be "none", "server", or "client".`,
    'E_FLAG_VALUE',
    value,
  );
}

function missingType(command: string): KubectlError {
  const hint = `You must specify the type of resource to ${command}. Use "kubectl api-resources" for a complete list of supported resources.`;
  return command === 'get'
    ? new KubectlError(
        'E_MISSING_ARGUMENT',
        `${hint}\n\nerror: Required resource not specified.\nSee 'kubectl get -h' for help and examples`,
        { command },
      )
    : new KubectlError('E_MISSING_ARGUMENT', `error: ${hint}`, { command });
}

export function build(path: string, args: string[], flags: FlagSet): ParsedCommand | KubectlError {
  const ns = scope(flags);
  const { selector } = selectorOf(flags);
  if (selector instanceof KubectlError) return selector;
  const sel = selector ? { selector } : {};
  switch (path) {
    case 'get':
    case 'describe': {
      if (args.length === 0) return missingType(path);
      const resources = resourceArgs(args, path);
      if (resources instanceof KubectlError) return resources;
      const allNamespaces = flags.bool('all-namespaces');
      if (allNamespaces && resources.some((r) => r.name !== undefined))
        return fail('a resource cannot be retrieved by name across all namespaces');
      if (path === 'describe') return { verb: 'describe', ...ns, resources, allNamespaces, ...sel };
      let output = flags.str('output');
      let jsonpath: string | undefined;
      if (output?.startsWith('jsonpath')) {
        jsonpath = output.startsWith('jsonpath=') ? output.slice('jsonpath='.length) : '';
        if (jsonpath === '')
          return fail('template format specified but no template given', 'E_FLAG_VALUE', output);
        const bad = checkJsonPath(jsonpath);
        if (bad) return bad;
        output = 'jsonpath';
      }
      if (output !== undefined && !OUTPUTS.includes(output as OutputFormat)) {
        return fail(
          `unable to match a printer suitable for the output format "${output}", allowed formats are: ${OUTPUTS.join(',')}`,
          'E_FLAG_VALUE',
          output,
        );
      }
      const fieldText = flags.str('field-selector');
      const fieldSelector = fieldText === undefined ? undefined : parseFieldSelector(fieldText);
      if (fieldSelector instanceof KubectlError) return fieldSelector;
      return {
        verb: 'get',
        ...ns,
        resources,
        allNamespaces,
        ...(fieldSelector ? { fieldSelector } : {}),
        ...(output !== undefined ? { output: output as OutputFormat } : {}),
        ...(jsonpath !== undefined ? { jsonpath } : {}),
        ...sel,
        showLabels: flags.bool('show-labels'),
        showManagedFields: flags.bool('show-managed-fields'),
      };
    }
    case 'apply': {
      const files = flags.list('filename');
      if (files.length === 0) return fail('must specify one of -f and -k', 'E_MISSING_ARGUMENT');
      if (files.includes('-'))
        return fail(
          'reading manifests from standard input (-f -) is not simulated in DriftLab: pass a path in the repository',
          'E_UNSUPPORTED',
          '-',
        );
      if (args.length > 0)
        return fail(`Unexpected args: [${args.join(' ')}]`, 'E_BAD_ARGUMENT', args[0]);
      const dryRun = dryRunOf(flags);
      if (dryRun instanceof KubectlError) return dryRun;
      const prune = flags.bool('prune');
      if (prune && !selector && !flags.bool('all')) {
        return fail(
          'all resources selected for prune without explicitly passing --all. To prune all resources, pass the --all flag. If you did not mean to prune all resources, specify a label selector',
          'E_MISSING_ARGUMENT',
        );
      }
      return {
        verb: 'apply',
        ...ns,
        files,
        dryRun,
        serverSide: flags.bool('server-side'),
        prune,
        ...sel,
      };
    }
    case 'delete':
      return buildDelete(args, flags, ns, sel);
    case 'scale': {
      const replicas = flags.int('replicas');
      if (replicas === undefined)
        return fail('required flag(s) "replicas" not set', 'E_MISSING_ARGUMENT');
      if (replicas < 0)
        return fail(
          'The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0',
          'E_FLAG_VALUE',
          String(replicas),
        );
      const resources = resourceArgs(args, path);
      if (resources instanceof KubectlError) return resources;
      const named = namedResources(resources);
      return named instanceof KubectlError
        ? named
        : { verb: 'scale', ...ns, resources: named, replicas };
    }
    case 'set image': {
      const split = splitUpdates(args, (a) => a.includes('='), 'image');
      if (split instanceof KubectlError) return split;
      if (split.resources.length === 0)
        return fail(
          'one or more resources must be specified as <resource> <name> or <resource>/<name>',
          'E_MISSING_ARGUMENT',
        );
      if (split.updates.length === 0)
        return fail('at least one image update is required', 'E_MISSING_ARGUMENT');
      const images = imageUpdates(split.updates);
      if (images instanceof KubectlError) return images;
      const resources = resourceArgs(split.resources, path);
      if (resources instanceof KubectlError) return resources;
      const named = namedResources(resources);
      return named instanceof KubectlError
        ? named
        : { verb: 'set image', ...ns, resources: named, images };
    }
    case 'patch':
      return buildPatch(args, flags, ns);
    case 'label':
    case 'annotate': {
      const field = path === 'label' ? 'label' : 'annotation';
      const split = splitUpdates(args, (a) => a.includes('=') || a.endsWith('-'), field);
      if (split instanceof KubectlError) return split;
      if (split.resources.length === 0)
        return fail(
          'one or more resources must be specified as <resource> <name> or <resource>/<name>',
          'E_MISSING_ARGUMENT',
        );
      if (split.updates.length === 0)
        return fail(`at least one ${field} update is required`, 'E_MISSING_ARGUMENT');
      const changes = metadataUpdates(split.updates, field);
      if (changes instanceof KubectlError) return changes;
      const resources = resourceArgs(split.resources, path);
      if (resources instanceof KubectlError) return resources;
      const named = namedResources(resources);
      return named instanceof KubectlError
        ? named
        : { verb: path, ...ns, resources: named, changes, overwrite: flags.bool('overwrite') };
    }
    case 'rollout history':
    case 'rollout restart':
    case 'rollout status':
    case 'rollout undo': {
      if (args.length === 0)
        return usageError('E_MISSING_ARGUMENT', path, 'Required resource not specified.');
      const resources = resourceArgs(args, path);
      if (resources instanceof KubectlError) return resources;
      const named = namedResources(resources);
      if (named instanceof KubectlError) return named;
      const toRevision = flags.int('to-revision');
      return {
        verb: 'rollout',
        action: path.slice('rollout '.length) as RolloutAction,
        ...ns,
        resources: named,
        ...(toRevision !== undefined ? { toRevision } : {}),
      };
    }
    case 'logs': {
      if (args.length === 0 || args.length > 2)
        return usageError(
          'E_MISSING_ARGUMENT',
          path,
          "expected 'logs [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command",
        );
      const container = flags.str('container') ?? args[1];
      const tail = flags.int('tail');
      return {
        verb: 'logs',
        ...ns,
        target: args[0]!,
        ...(container !== undefined ? { container } : {}),
        previous: flags.bool('previous'),
        ...(tail !== undefined && tail >= 0 ? { tail } : {}),
      };
    }
    case 'version':
      return { verb: 'version', client: flags.bool('client') };
    case 'api-resources':
      return { verb: 'api-resources' };
    default:
      return unknownCommand(path);
  }
}

function buildDelete(
  args: string[],
  flags: FlagSet,
  ns: { namespace?: string },
  sel: { selector?: Requirement[] },
): ParsedCommand | KubectlError {
  const files = flags.list('filename');
  const dryRun = dryRunOf(flags);
  if (dryRun instanceof KubectlError) return dryRun;
  if (files.length > 0 && args.length > 0)
    return fail(`Unexpected args: [${args.join(' ')}]`, 'E_BAD_ARGUMENT', args[0]);
  if (files.length === 0 && args.length === 0)
    return new KubectlError('E_MISSING_ARGUMENT', NO_RESOURCES);
  const resources = resourceArgs(args, 'delete');
  if (resources instanceof KubectlError) return resources;
  const all = flags.bool('all');
  // kubectl delete's Complete(): --grace-period=0 without --force becomes 1, to prevent accidental
  // data loss; --force without a grace period means 0.
  const force = flags.bool('force');
  let gracePeriod = flags.int('grace-period') ?? -1;
  if (gracePeriod === 0 && !force) gracePeriod = 1;
  if (force && gracePeriod < 0) gracePeriod = 0;
  const grace = gracePeriod >= 0 ? { gracePeriodSeconds: gracePeriod } : {};
  const bulk = all || sel.selector !== undefined;
  if (bulk && resources.some((r) => r.name !== undefined))
    return fail('name cannot be provided when a selector is specified');
  if (!bulk && resources.some((r) => r.name === undefined))
    return fail('resource(s) were provided, but no name was specified', 'E_MISSING_ARGUMENT');
  return {
    verb: 'delete',
    ...ns,
    resources,
    files,
    all,
    ...sel,
    ignoreNotFound: flags.bool('ignore-not-found'),
    ...grace,
    force,
    dryRun,
  };
}

function buildPatch(
  args: string[],
  flags: FlagSet,
  ns: { namespace?: string },
): ParsedCommand | KubectlError {
  const text = flags.str('patch');
  if (!text)
    return fail(
      'must specify --patch or --patch-file containing the contents of the patch',
      'E_MISSING_ARGUMENT',
    );
  const patchType = (flags.str('type') ?? 'strategic') as PatchType;
  if (!PATCH_TYPES.includes(patchType))
    return fail(
      `--type must be one of [${PATCH_TYPES.join(' ')}], not "${patchType}"`,
      'E_FLAG_VALUE',
      patchType,
    );
  let patch: unknown;
  try {
    patch = parseYaml(text, { prettyErrors: false, logLevel: 'error' });
  } catch (e) {
    return fail(
      `unable to parse "${text}": ${e instanceof Error ? e.message : String(e)}`,
      'E_BAD_ARGUMENT',
      text,
    );
  }
  const resources = resourceArgs(args, 'patch');
  if (resources instanceof KubectlError) return resources;
  const named = namedResources(resources);
  return named instanceof KubectlError
    ? named
    : { verb: 'patch', ...ns, resources: named, patch, patchType };
}
