// What a kubectl line means once parsed: one variant per command, resource types still as the
// words typed (`deploy`, `deployments.apps`), since only a cluster knows which types it serves
// (a CustomResourceDefinition adds some). `namespace` is present only when `-n` was given.
import type { PatchType } from '../cluster';
import type { FieldRequirement } from './events';

export type OutputFormat = 'wide' | 'yaml' | 'json' | 'name' | 'jsonpath';
export type DryRun = 'none' | 'client' | 'server';
export type RolloutAction = 'undo' | 'status' | 'history' | 'restart';

/** A resource as written: `deploy` (every one), `deploy web` or `deploy/web` (one). */
export interface ResourceArg {
  type: string;
  name?: string;
}

export interface NamedResource {
  type: string;
  name: string;
}

/** One term of a label selector: `app=web`, `tier!=db`, `env in (a,b)`, `canary`, `!canary`. */
export interface Requirement {
  key: string;
  op: 'eq' | 'neq' | 'in' | 'notin' | 'exists' | 'notexists';
  values: string[];
}

interface Scoped {
  namespace?: string;
}

export interface GetCommand extends Scoped {
  verb: 'get';
  resources: ResourceArg[];
  allNamespaces: boolean;
  output?: OutputFormat;
  /** The template of `-o jsonpath=TEMPLATE`. */
  jsonpath?: string;
  selector?: Requirement[];
  /** `--field-selector` (events: involvedObject.name=..., reason=..., type=...). */
  fieldSelector?: FieldRequirement[];
  showLabels: boolean;
  showManagedFields: boolean;
}

export interface DescribeCommand extends Scoped {
  verb: 'describe';
  resources: ResourceArg[];
  allNamespaces: boolean;
  selector?: Requirement[];
}

export interface ApplyCommand extends Scoped {
  verb: 'apply';
  files: string[];
  dryRun: DryRun;
  serverSide: boolean;
  /** `--prune`, with the objects it may remove: a selector, or every one (`--all`). */
  prune: boolean;
  selector?: Requirement[];
}

export interface DeleteCommand extends Scoped {
  verb: 'delete';
  resources: ResourceArg[];
  files: string[];
  all: boolean;
  selector?: Requirement[];
  ignoreNotFound: boolean;
  /** Seconds, after kubectl's rules (--grace-period=0 without --force means 1); absent: the Pod's own. */
  gracePeriodSeconds?: number;
  force: boolean;
  dryRun: DryRun;
}

export interface ScaleCommand extends Scoped {
  verb: 'scale';
  resources: NamedResource[];
  replicas: number;
}

export interface SetImageCommand extends Scoped {
  verb: 'set image';
  resources: NamedResource[];
  /** container name (or `*`) -> image */
  images: Record<string, string>;
}

export interface PatchCommand extends Scoped {
  verb: 'patch';
  resources: NamedResource[];
  /** The patch document, already read (kubectl reads `-p` as YAML, of which JSON is a subset). */
  patch: unknown;
  patchType: PatchType;
}

export interface MetadataCommand extends Scoped {
  verb: 'label' | 'annotate';
  resources: NamedResource[];
  /** key -> value; null removes the key (`key-`). */
  changes: Record<string, string | null>;
  overwrite: boolean;
}

export interface RolloutCommand extends Scoped {
  verb: 'rollout';
  action: RolloutAction;
  resources: NamedResource[];
  toRevision?: number;
}

export interface LogsCommand extends Scoped {
  verb: 'logs';
  /** `web-x2k4p`, `pod/web-x2k4p`, `deploy/web` (kubectl then picks one of its Pods). */
  target: string;
  container?: string;
  previous: boolean;
  /** Lines from the end; absent: all (`--tail=-1`). */
  tail?: number;
}

export interface VersionCommand {
  verb: 'version';
  client: boolean;
}

export interface ApiResourcesCommand {
  verb: 'api-resources';
}

export interface HelpCommand {
  verb: 'help';
  /** The command asked about (`get`, `rollout undo`); absent for kubectl's own help. */
  topic?: string;
}

export type ParsedCommand =
  | GetCommand
  | DescribeCommand
  | ApplyCommand
  | DeleteCommand
  | ScaleCommand
  | SetImageCommand
  | PatchCommand
  | MetadataCommand
  | RolloutCommand
  | LogsCommand
  | VersionCommand
  | ApiResourcesCommand
  | HelpCommand;
