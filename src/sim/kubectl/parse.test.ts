import { describe, expect, it } from 'vitest';
import { KubectlError } from './errors';
import { parseKubectl } from './parse';

const base = { allNamespaces: false, showLabels: false, showManagedFields: false };

// line -> the fields the parsed command must have (toMatchObject: fields not named are not checked)
const VALID: [string, Record<string, unknown>][] = [
  ['get pods', { verb: 'get', resources: [{ type: 'pods' }], ...base }],
  ['kubectl get pods', { verb: 'get', resources: [{ type: 'pods' }] }],
  ['  kubectl   get   pods  ', { verb: 'get', resources: [{ type: 'pods' }] }],
  ['get deploy web', { verb: 'get', resources: [{ type: 'deploy', name: 'web' }] }],
  [
    'get deploy web api',
    {
      resources: [
        { type: 'deploy', name: 'web' },
        { type: 'deploy', name: 'api' },
      ],
    },
  ],
  [
    'get deploy/web svc/web',
    {
      resources: [
        { type: 'deploy', name: 'web' },
        { type: 'svc', name: 'web' },
      ],
    },
  ],
  ['get deploy,svc', { resources: [{ type: 'deploy' }, { type: 'svc' }] }],
  [
    'get deploy,svc web',
    {
      resources: [
        { type: 'deploy', name: 'web' },
        { type: 'svc', name: 'web' },
      ],
    },
  ],
  ['get deployments.apps', { resources: [{ type: 'deployments.apps' }] }],
  ['get all', { resources: [{ type: 'all' }] }],
  ['get pods -n shop', { namespace: 'shop' }],
  ['get pods -nshop', { namespace: 'shop' }],
  ['get pods -n=shop', { namespace: 'shop' }],
  ['get pods --namespace shop', { namespace: 'shop' }],
  ['get pods --namespace=shop', { namespace: 'shop' }],
  ['-n shop get pods', { verb: 'get', namespace: 'shop', resources: [{ type: 'pods' }] }],
  ['kubectl --namespace=shop get pods', { verb: 'get', namespace: 'shop' }],
  ['get pods -A', { allNamespaces: true }],
  ['get pods --all-namespaces', { allNamespaces: true }],
  ['get deploy web -o yaml', { output: 'yaml' }],
  ['get deploy -owide', { output: 'wide' }],
  ['get deploy --output=json', { output: 'json' }],
  ['get deploy -o name', { output: 'name' }],
  ['get deploy web -o yaml --show-managed-fields', { output: 'yaml', showManagedFields: true }],
  ['get pods --show-labels', { showLabels: true }],
  [
    'get pods -l app=web,tier!=db',
    {
      selector: [
        { key: 'app', op: 'eq', values: ['web'] },
        { key: 'tier', op: 'neq', values: ['db'] },
      ],
    },
  ],
  [
    "get pods -l 'env in (prod, staging)'",
    { selector: [{ key: 'env', op: 'in', values: ['prod', 'staging'] }] },
  ],
  [
    "get pods -l 'canary,!beta'",
    {
      selector: [
        { key: 'canary', op: 'exists' },
        { key: 'beta', op: 'notexists' },
      ],
    },
  ],
  ['get pods -- -weird', { resources: [{ type: 'pods', name: '-weird' }] }],
  [
    'describe deployment web',
    { verb: 'describe', resources: [{ type: 'deployment', name: 'web' }], allNamespaces: false },
  ],
  [
    'describe deployment/web -n shop',
    { verb: 'describe', namespace: 'shop', resources: [{ type: 'deployment', name: 'web' }] },
  ],
  [
    'describe pods -l app=web',
    {
      verb: 'describe',
      resources: [{ type: 'pods' }],
      selector: [{ key: 'app', op: 'eq', values: ['web'] }],
    },
  ],
  [
    'apply -f apps/web/',
    { verb: 'apply', files: ['apps/web/'], dryRun: 'none', serverSide: false, prune: false },
  ],
  ['apply -f a.yaml -f b.yaml', { files: ['a.yaml', 'b.yaml'] }],
  ['apply --filename=a.yaml,b.yaml', { files: ['a.yaml', 'b.yaml'] }],
  ['apply -f apps --dry-run=server', { dryRun: 'server' }],
  ['apply -f apps --dry-run', { dryRun: 'client' }],
  ['apply -f apps --server-side', { serverSide: true }],
  ['apply -f apps --prune --all', { prune: true }],
  [
    'apply -f apps --prune -l app=web',
    { prune: true, selector: [{ key: 'app', op: 'eq', values: ['web'] }] },
  ],
  [
    'scale deployment/web --replicas=5',
    { verb: 'scale', resources: [{ type: 'deployment', name: 'web' }], replicas: 5 },
  ],
  [
    'scale deployment web --replicas 0',
    { verb: 'scale', resources: [{ type: 'deployment', name: 'web' }], replicas: 0 },
  ],
  [
    'scale --replicas=2 deploy web api',
    {
      replicas: 2,
      resources: [
        { type: 'deploy', name: 'web' },
        { type: 'deploy', name: 'api' },
      ],
    },
  ],
  [
    'set image deployment/web web=nginx:1.26',
    {
      verb: 'set image',
      resources: [{ type: 'deployment', name: 'web' }],
      images: { web: 'nginx:1.26' },
    },
  ],
  [
    "set image deployment web '*=nginx:1.26' sidecar=envoy:1",
    { images: { '*': 'nginx:1.26', sidecar: 'envoy:1' } },
  ],
  ['set -n shop image deploy/web web=nginx:2', { verb: 'set image', namespace: 'shop' }],
  [
    `patch deployment web -p '{"spec":{"replicas":2}}'`,
    {
      verb: 'patch',
      resources: [{ type: 'deployment', name: 'web' }],
      patch: { spec: { replicas: 2 } },
      patchType: 'strategic',
    },
  ],
  [
    `patch deploy/web --type merge -p '{"metadata":{"labels":{"a":"b"}}}'`,
    { patchType: 'merge', patch: { metadata: { labels: { a: 'b' } } } },
  ],
  [
    `patch deploy/web --type=json --patch '[{"op":"replace","path":"/spec/replicas","value":3}]'`,
    { patchType: 'json', patch: [{ op: 'replace', path: '/spec/replicas', value: 3 }] },
  ],
  [`patch deploy web -p "{\\"spec\\":{\\"replicas\\":2}}"`, { patch: { spec: { replicas: 2 } } }],
  ['patch deploy web -p spec:\\ {replicas:\\ 4}', { patch: { spec: { replicas: 4 } } }],
  [
    'label deploy web tier=frontend env-',
    { verb: 'label', changes: { tier: 'frontend', env: null }, overwrite: false },
  ],
  [
    'label deploy/web tier=backend --overwrite',
    { verb: 'label', resources: [{ type: 'deploy', name: 'web' }], overwrite: true },
  ],
  ['label deploy web empty=', { changes: { empty: '' } }],
  [
    'annotate deploy web kubernetes.io/change-cause="hotfix by hand"',
    {
      verb: 'annotate',
      resources: [{ type: 'deploy', name: 'web' }],
      changes: { 'kubernetes.io/change-cause': 'hotfix by hand' },
    },
  ],
  ['annotate deploy web note=a=b', { changes: { note: 'a=b' } }],
  [
    'rollout undo deployment/web',
    { verb: 'rollout', action: 'undo', resources: [{ type: 'deployment', name: 'web' }] },
  ],
  ['rollout undo deployment/web --to-revision=2', { action: 'undo', toRevision: 2 }],
  ['rollout status deploy web', { action: 'status', resources: [{ type: 'deploy', name: 'web' }] }],
  ['rollout status deploy/web --timeout=120s -w', { action: 'status' }],
  ['rollout history deployment/web', { action: 'history' }],
  ['rollout restart deployment/web -n shop', { action: 'restart', namespace: 'shop' }],
  [
    'delete pod web-abc',
    {
      verb: 'delete',
      resources: [{ type: 'pod', name: 'web-abc' }],
      files: [],
      all: false,
      ignoreNotFound: false,
      dryRun: 'none',
    },
  ],
  [
    'delete -f apps/web/deployment.yaml',
    { verb: 'delete', resources: [], files: ['apps/web/deployment.yaml'] },
  ],
  ['delete pods --all', { resources: [{ type: 'pods' }], all: true }],
  ['delete pods -l app=web', { selector: [{ key: 'app', op: 'eq', values: ['web'] }] }],
  [
    'delete deploy web --ignore-not-found --dry-run=client',
    { ignoreNotFound: true, dryRun: 'client' },
  ],
  ['version', { verb: 'version', client: false }],
  ['version --client', { verb: 'version', client: true }],
  ['api-resources', { verb: 'api-resources' }],
  ['', { verb: 'help' }],
  ['kubectl', { verb: 'help' }],
  ['--help', { verb: 'help' }],
  ['help', { verb: 'help' }],
  ['help rollout undo', { verb: 'help', topic: 'rollout undo' }],
  ['get --help', { verb: 'help', topic: 'get' }],
  ['rollout undo -h', { verb: 'help', topic: 'rollout undo' }],
  ['rollout', { verb: 'help', topic: 'rollout' }],
  ['set', { verb: 'help', topic: 'set' }],
];

// line -> error code and a piece of kubectl's message
const INVALID: [string, string, string][] = [
  ['foo', 'E_UNKNOWN_COMMAND', 'error: unknown command "foo" for "kubectl"'],
  ['gte pods', 'E_UNKNOWN_COMMAND', 'Did you mean this?\n\tget'],
  ['delte pod x', 'E_UNKNOWN_COMMAND', "Run 'kubectl --help' for usage."],
  ['exec web -- sh', 'E_UNSUPPORTED', '"kubectl exec" is not simulated'],
  ['rollout pause deploy/web', 'E_UNSUPPORTED', '"kubectl rollout pause" is not simulated'],
  [
    'rollout undoo deploy/web',
    'E_UNKNOWN_COMMAND',
    'error: unknown command "undoo" for "kubectl rollout"\n\nDid you mean this?\n\tundo',
  ],
  ['set foo deploy/web', 'E_UNKNOWN_COMMAND', 'unknown command "foo" for "kubectl set"'],
  [
    'get',
    'E_MISSING_ARGUMENT',
    'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.',
  ],
  ['describe', 'E_MISSING_ARGUMENT', 'error: You must specify the type of resource to describe.'],
  [
    'get pods/',
    'E_BAD_ARGUMENT',
    'error: arguments in resource/name form must have a single resource and name',
  ],
  ['get /web', 'E_BAD_ARGUMENT', 'must have a single resource and name'],
  [
    'get deploy deploy/web',
    'E_BAD_ARGUMENT',
    'there is no need to specify a resource type as a separate argument',
  ],
  ['get deploy ""', 'E_BAD_ARGUMENT', 'resource name may not be empty'],
  [
    'get pods -o foo',
    'E_FLAG_VALUE',
    'unable to match a printer suitable for the output format "foo"',
  ],
  [
    'get pods --bogus',
    'E_UNKNOWN_FLAG',
    "error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.",
  ],
  ['get pods -x', 'E_UNKNOWN_FLAG', "unknown shorthand flag: 'x' in -x"],
  ['get pods -n', 'E_FLAG_VALUE', "flag needs an argument: 'n' in -n"],
  ['get pods --namespace', 'E_FLAG_VALUE', 'flag needs an argument: --namespace'],
  [
    'get deploy web -A',
    'E_BAD_ARGUMENT',
    'a resource cannot be retrieved by name across all namespaces',
  ],
  ['get pods -l "a b"', 'E_BAD_ARGUMENT', 'unable to parse requirement'],
  ['get pods -l "env in (a b)"', 'E_BAD_ARGUMENT', 'unable to parse requirement'],
  ['scale deploy/web', 'E_MISSING_ARGUMENT', 'error: required flag(s) "replicas" not set'],
  [
    'scale deploy/web --replicas=-1',
    'E_FLAG_VALUE',
    'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0',
  ],
  [
    'scale deploy/web --replicas=abc',
    'E_FLAG_VALUE',
    'invalid argument "abc" for "--replicas" flag: strconv.ParseInt: parsing "abc": invalid syntax',
  ],
  ['scale deploy/web --replicas', 'E_FLAG_VALUE', 'flag needs an argument: --replicas'],
  [
    'scale --replicas=2',
    'E_MISSING_ARGUMENT',
    'You must provide one or more resources by argument or filename.',
  ],
  [
    'scale deployment --replicas=2',
    'E_MISSING_ARGUMENT',
    'resource(s) were provided, but no name was specified',
  ],
  ['set image deployment/web', 'E_MISSING_ARGUMENT', 'at least one image update is required'],
  [
    'set image web=nginx',
    'E_MISSING_ARGUMENT',
    'one or more resources must be specified as <resource> <name> or <resource>/<name>',
  ],
  [
    'set image deployment/web web=nginx extra',
    'E_BAD_ARGUMENT',
    'all resources must be specified before image changes: extra',
  ],
  ['set image deployment/web web=', 'E_BAD_ARGUMENT', 'invalid image update'],
  [
    'patch deploy web',
    'E_MISSING_ARGUMENT',
    'must specify --patch or --patch-file containing the contents of the patch',
  ],
  [`patch deploy web -p '{"spec":'`, 'E_BAD_ARGUMENT', 'unable to parse "{"spec":"'],
  [
    'patch deploy web -p {} --type foo',
    'E_FLAG_VALUE',
    '--type must be one of [json merge strategic], not "foo"',
  ],
  ['patch -p {}', 'E_MISSING_ARGUMENT', 'You must provide one or more resources'],
  ['label deploy web', 'E_MISSING_ARGUMENT', 'at least one label update is required'],
  ['label tier=a', 'E_MISSING_ARGUMENT', 'one or more resources must be specified'],
  ['label deploy web a=b=c', 'E_BAD_ARGUMENT', 'invalid label spec: a=b=c'],
  ['label deploy web "a=hello world"', 'E_BAD_ARGUMENT', 'invalid label value: "a=hello world"'],
  [
    'label deploy web tier=a --overwrite=maybe',
    'E_FLAG_VALUE',
    'strconv.ParseBool: parsing "maybe": invalid syntax',
  ],
  ['annotate deploy web', 'E_MISSING_ARGUMENT', 'at least one annotation update is required'],
  ['annotate deploy web "bad key=v"', 'E_BAD_ARGUMENT', 'invalid annotation format'],
  [
    'rollout undo',
    'E_MISSING_ARGUMENT',
    "error: Required resource not specified.\nSee 'kubectl rollout undo -h' for help and examples",
  ],
  [
    'rollout undo deploy/web --to-revision=x',
    'E_FLAG_VALUE',
    'invalid argument "x" for "--to-revision" flag',
  ],
  ['apply', 'E_MISSING_ARGUMENT', 'error: must specify one of -f and -k'],
  [
    'apply -f apps --dry-run=maybe',
    'E_FLAG_VALUE',
    'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".',
  ],
  [
    'apply -f apps --prune',
    'E_MISSING_ARGUMENT',
    'all resources selected for prune without explicitly passing --all',
  ],
  ['apply -f -', 'E_UNSUPPORTED', 'standard input'],
  ['apply -f apps extra', 'E_BAD_ARGUMENT', 'Unexpected args: [extra]'],
  ['delete', 'E_MISSING_ARGUMENT', "Example resource specifications include:\n   '-f rsrc.yaml'"],
  ['delete pods', 'E_MISSING_ARGUMENT', 'resource(s) were provided, but no name was specified'],
  [
    'delete pods web --all',
    'E_BAD_ARGUMENT',
    'name cannot be provided when a selector is specified',
  ],
  ['delete -f a.yaml pod web', 'E_BAD_ARGUMENT', 'Unexpected args'],
  ['get pods "unterminated', 'E_SYNTAX', 'double quote'],
  ["get 'x", 'E_SYNTAX', 'single quote'],
];

describe('parseKubectl', () => {
  it.each(VALID)('parses %j', (line, expected) => {
    const parsed = parseKubectl(line);
    if (parsed instanceof KubectlError) throw new Error(`unexpected error: ${parsed.message}`);
    expect(parsed).toMatchObject(expected);
  });

  it.each(INVALID)('refuses %j with %s', (line, code, text) => {
    const parsed = parseKubectl(line);
    expect(parsed).toBeInstanceOf(KubectlError);
    expect((parsed as KubectlError).code).toBe(code);
    expect((parsed as KubectlError).message).toContain(text);
  });

  it('leaves namespace out when -n is not given', () => {
    expect(parseKubectl('get pods')).not.toHaveProperty('namespace');
  });
});
