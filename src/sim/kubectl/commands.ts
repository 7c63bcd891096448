// The kubectl commands DriftLab simulates: what each one is for, how it is written, and the flags
// it takes. The parser reads the flags from here and `--help` prints from here, so the two agree.
import type { FlagSpec } from './flags';

export interface CommandInfo {
  /** `get`, `rollout undo` */
  path: string;
  group: 'Basic' | 'Deploy' | 'Advanced' | 'Settings' | 'Other';
  short: string;
  usage: string;
  examples: string[];
  flags: FlagSpec[];
}

const SELECTOR: FlagSpec = {
  name: 'selector',
  short: 'l',
  kind: 'string',
  help: 'Label selector: app=web, tier!=db, env in (a,b), !canary',
};
const FILENAME: FlagSpec = {
  name: 'filename',
  short: 'f',
  kind: 'strings',
  help: 'A file or folder of the repository',
};
const DRY_RUN: FlagSpec = {
  name: 'dry-run',
  kind: 'string',
  bare: 'client',
  help: 'none, client or server: only show what would happen',
};

const ROLLOUT_TARGET = 'deployment/NAME';

export const COMMANDS: readonly CommandInfo[] = [
  {
    path: 'get',
    group: 'Basic',
    short: 'Display one or many resources',
    usage:
      'kubectl get [(-o|--output=)json|yaml|name|wide] (TYPE[.GROUP] [NAME | -l label] | TYPE[.GROUP]/NAME ...) [flags]',
    examples: [
      'kubectl get pods',
      'kubectl get deploy,svc -n shop',
      'kubectl get deployment web -o yaml --show-managed-fields',
      "kubectl get pods -o jsonpath='{.items[*].metadata.name}'",
      'kubectl get all -A',
      'kubectl get events --field-selector involvedObject.name=web-7d9f8c6b5d-x2k4p',
    ],
    flags: [
      {
        name: 'all-namespaces',
        short: 'A',
        kind: 'bool',
        help: 'List the objects of every namespace',
      },
      {
        name: 'output',
        short: 'o',
        kind: 'string',
        help: "Output format: json, yaml, name, wide or jsonpath='{.spec.replicas}'",
      },
      SELECTOR,
      {
        name: 'field-selector',
        kind: 'string',
        help: 'Filter events by field, e.g. involvedObject.name=web-x2k4p,type=Warning',
      },
      { name: 'show-labels', kind: 'bool', help: 'Show every label as the last column' },
      {
        name: 'show-managed-fields',
        kind: 'bool',
        help: 'With -o yaml|json: show which manager owns which field',
      },
    ],
  },
  {
    path: 'describe',
    group: 'Basic',
    short: 'Show details of a specific resource or group of resources',
    usage: 'kubectl describe (TYPE[.GROUP] [NAME | -l label] | TYPE[.GROUP]/NAME) [flags]',
    examples: ['kubectl describe deployment web', 'kubectl describe pods -l app=web'],
    flags: [
      {
        name: 'all-namespaces',
        short: 'A',
        kind: 'bool',
        help: 'Describe the objects of every namespace',
      },
      SELECTOR,
    ],
  },
  {
    path: 'logs',
    group: 'Basic',
    short: 'Print the logs for a container in a pod',
    usage: 'kubectl logs [-p] (POD | TYPE/NAME) [-c CONTAINER] [flags]',
    examples: [
      'kubectl logs web-7d9f8c6b5d-x2k4p',
      'kubectl logs web-7d9f8c6b5d-x2k4p --previous',
      'kubectl logs deploy/web --tail=2',
      'kubectl logs db-0 -c db',
    ],
    flags: [
      { name: 'container', short: 'c', kind: 'string', help: 'Print the logs of this container' },
      {
        name: 'previous',
        short: 'p',
        kind: 'bool',
        help: 'Print the logs of the previous instance of the container (after a crash)',
      },
      {
        name: 'tail',
        kind: 'int',
        help: 'Lines of recent log to show (default -1: all)',
      },
    ],
  },
  {
    path: 'delete',
    group: 'Basic',
    short: 'Delete resources by file names, resources and names, or by label selector',
    usage: 'kubectl delete ([-f FILENAME] | TYPE [(NAME | -l label | --all)]) [flags]',
    examples: [
      'kubectl delete pod web-7d9f8c6b5d-x2k4p',
      'kubectl delete -f apps/web/',
      'kubectl delete pods -l app=web',
      'kubectl delete pod web-7d9f8c6b5d-x2k4p --grace-period=5',
      'kubectl delete pod web-7d9f8c6b5d-x2k4p --force --grace-period=0',
    ],
    flags: [
      FILENAME,
      {
        name: 'all',
        kind: 'bool',
        help: 'Delete every object of the given types in the namespace',
      },
      SELECTOR,
      { name: 'ignore-not-found', kind: 'bool', help: 'Treat "not found" as a successful delete' },
      {
        name: 'grace-period',
        kind: 'int',
        help: 'Seconds a Pod is given to terminate (default -1: its terminationGracePeriodSeconds)',
      },
      {
        name: 'force',
        kind: 'bool',
        help: 'Remove at once, without waiting for the Pod to terminate (grace period 0)',
      },
      DRY_RUN,
    ],
  },
  {
    path: 'rollout',
    group: 'Deploy',
    short: 'Manage the rollout of a resource',
    usage: 'kubectl rollout SUBCOMMAND',
    examples: [
      'kubectl rollout status deployment/web',
      'kubectl rollout undo deployment/web --to-revision=2',
    ],
    flags: [],
  },
  {
    path: 'rollout history',
    group: 'Deploy',
    short: 'View rollout history',
    usage: `kubectl rollout history ${ROLLOUT_TARGET} [flags]`,
    examples: ['kubectl rollout history deployment/web'],
    flags: [],
  },
  {
    path: 'rollout restart',
    group: 'Deploy',
    short: 'Restart a resource',
    usage: `kubectl rollout restart ${ROLLOUT_TARGET} [flags]`,
    examples: ['kubectl rollout restart deployment/web'],
    flags: [],
  },
  {
    path: 'rollout status',
    group: 'Deploy',
    short: 'Show the status of the rollout',
    usage: `kubectl rollout status ${ROLLOUT_TARGET} [flags]`,
    examples: ['kubectl rollout status deployment/web'],
    // Pipelines write these; the simulation prints the status of this instant and never waits.
    flags: [
      { name: 'watch', short: 'w', kind: 'bool', help: 'Accepted; the status is printed once' },
      { name: 'timeout', kind: 'string', help: 'Accepted; the status is printed once' },
    ],
  },
  {
    path: 'rollout undo',
    group: 'Deploy',
    short: 'Undo a previous rollout',
    usage: `kubectl rollout undo ${ROLLOUT_TARGET} [--to-revision=N] [flags]`,
    examples: [
      'kubectl rollout undo deployment/web',
      'kubectl rollout undo deployment/web --to-revision=2',
    ],
    flags: [
      {
        name: 'to-revision',
        kind: 'int',
        help: 'The revision to roll back to (default 0: the previous one)',
      },
    ],
  },
  {
    path: 'scale',
    group: 'Deploy',
    short: 'Set a new size for a deployment, replica set or stateful set',
    usage: 'kubectl scale --replicas=COUNT (TYPE NAME | TYPE/NAME) [flags]',
    examples: ['kubectl scale deployment/web --replicas=5'],
    flags: [
      { name: 'replicas', kind: 'int', help: 'The new desired number of replicas (required)' },
    ],
  },
  {
    path: 'apply',
    group: 'Advanced',
    short: 'Apply a configuration to a resource by file name',
    usage: 'kubectl apply -f FILENAME [flags]',
    examples: [
      'kubectl apply -f apps/web/deployment.yaml',
      'kubectl apply -f apps/web/ --dry-run=server',
      'kubectl apply -f apps/ --prune --all',
    ],
    flags: [
      FILENAME,
      DRY_RUN,
      {
        name: 'server-side',
        kind: 'bool',
        help: 'Apply as the field manager "kubectl" (server-side apply)',
      },
      {
        name: 'prune',
        kind: 'bool',
        help: 'Delete the objects kubectl applied before that the files no longer name (needs -l or --all)',
      },
      {
        name: 'all',
        kind: 'bool',
        help: 'With --prune: every object kubectl applied may be pruned',
      },
      SELECTOR,
    ],
  },
  {
    path: 'patch',
    group: 'Advanced',
    short: 'Update fields of a resource',
    usage: 'kubectl patch (TYPE NAME | TYPE/NAME) -p PATCH [--type strategic|merge|json] [flags]',
    examples: [
      `kubectl patch deployment web -p '{"spec":{"replicas":2}}'`,
      `kubectl patch deployment web --type json -p '[{"op":"replace","path":"/spec/replicas","value":3}]'`,
    ],
    flags: [
      { name: 'patch', short: 'p', kind: 'string', help: 'The patch, in JSON or YAML' },
      { name: 'type', kind: 'string', help: 'strategic (default), merge or json' },
    ],
  },
  {
    path: 'set',
    group: 'Advanced',
    short: 'Set specific features on objects',
    usage: 'kubectl set SUBCOMMAND',
    examples: ['kubectl set image deployment/web web=registry.example/web:1.4.2'],
    flags: [],
  },
  {
    path: 'set image',
    group: 'Advanced',
    short: 'Update the image of a pod template',
    usage:
      'kubectl set image (TYPE NAME | TYPE/NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [flags]',
    examples: [
      'kubectl set image deployment/web web=registry.example/web:1.4.2',
      "kubectl set image deployment/web '*=registry.example/web:1.4.2'",
    ],
    flags: [],
  },
  {
    path: 'label',
    group: 'Settings',
    short: 'Update the labels on a resource',
    usage:
      'kubectl label [--overwrite] (TYPE NAME | TYPE/NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [flags]',
    examples: [
      'kubectl label deployment web tier=frontend',
      'kubectl label deployment web tier=backend --overwrite',
      'kubectl label deployment web tier-',
    ],
    flags: [
      { name: 'overwrite', kind: 'bool', help: 'Allow changing the value of an existing label' },
    ],
  },
  {
    path: 'annotate',
    group: 'Settings',
    short: 'Update the annotations on a resource',
    usage:
      'kubectl annotate [--overwrite] (TYPE NAME | TYPE/NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [flags]',
    examples: [
      "kubectl annotate deployment web kubernetes.io/change-cause='hotfix by hand'",
      'kubectl annotate deployment web owner-',
    ],
    flags: [
      {
        name: 'overwrite',
        kind: 'bool',
        help: 'Allow changing the value of an existing annotation',
      },
    ],
  },
  {
    path: 'api-resources',
    group: 'Other',
    short: 'Print the supported API resources on the server',
    usage: 'kubectl api-resources [flags]',
    examples: ['kubectl api-resources'],
    flags: [],
  },
  {
    path: 'version',
    group: 'Other',
    short: 'Print the client and server version information',
    usage: 'kubectl version [flags]',
    examples: ['kubectl version', 'kubectl version --client'],
    flags: [{ name: 'client', kind: 'bool', help: 'Only the client version' }],
  },
];

export function commandInfo(path: string): CommandInfo | undefined {
  return COMMANDS.find((c) => c.path === path);
}

/** The first word of every simulated command (and `help`). */
export const VERBS: readonly string[] = [
  ...new Set([...COMMANDS.map((c) => c.path.split(' ')[0]!), 'help']),
];
