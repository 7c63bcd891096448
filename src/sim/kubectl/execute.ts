// `runKubectl`: runs one kubectl line against a cluster and answers as kubectl would, with its
// stdout, stderr and exit status. WARNING: it never throws. A bad line, an unknown type or a
// refused write is kubectl's error text on stderr; anything unexpected is `error: internal: ...`.
import { isClusterError } from '../cluster';
import type { ParsedCommand } from './ast';
import { apply, deleteFiles } from './apply';
import { Output, type Exec, type KubectlEnv, type KubectlResult } from './context';
import { isKubectlError } from './errors';
import { commandHelp, kubectlHelp, unknownCommand } from './help';
import { logs } from './logs';
import { parseKubectl } from './parse';
import { describe, get } from './read';
import { servedTypes } from './resources';
import { renderTable } from './table';
import { deleteResources, metadata, patch, rollout, scale, setImage } from './write';

/** The Kubernetes release the simulated API serves (see cluster/kinds.ts). */
const VERSION = 'v1.25.16';

function apiResources(x: Exec): void {
  const types = servedTypes(x.cluster).sort(
    (a, b) => a.group.localeCompare(b.group) || a.plural.localeCompare(b.plural),
  );
  const rows = types.map((t) => [
    t.plural,
    t.shortNames.join(','),
    t.group ? `${t.group}/${t.versions[0]}` : t.versions[0]!,
    String(t.namespaced),
    t.kind,
  ]);
  x.out.print(renderTable([['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND'], ...rows]));
}

function execute(cmd: ParsedCommand, x: Exec): void {
  switch (cmd.verb) {
    case 'get':
      return get(cmd, x);
    case 'describe':
      return describe(cmd, x);
    case 'apply':
      return apply(cmd, x);
    case 'delete':
      return cmd.files.length > 0 ? deleteFiles(cmd, x) : deleteResources(cmd, x);
    case 'scale':
      return scale(cmd, x);
    case 'set image':
      return setImage(cmd, x);
    case 'patch':
      return patch(cmd, x);
    case 'label':
    case 'annotate':
      return metadata(cmd, x);
    case 'rollout':
      return rollout(cmd, x);
    case 'logs':
      return logs(cmd, x);
    case 'version':
      x.out.print(
        [
          `Client Version: ${VERSION}`,
          'Kustomize Version: v4.5.7',
          ...(cmd.client ? [] : [`Server Version: ${VERSION}`]),
        ].join('\n'),
      );
      return;
    case 'api-resources':
      return apiResources(x);
    case 'help': {
      if (cmd.topic === undefined) return x.out.print(kubectlHelp());
      const help = commandHelp(cmd.topic);
      return help === null ? x.out.fail(unknownCommand(cmd.topic)) : x.out.print(help);
    }
  }
}

function messageOf(e: unknown): string {
  try {
    return e instanceof Error ? e.message : String(e);
  } catch {
    return 'unprintable error';
  }
}

export function runKubectl(line: string, env: KubectlEnv): KubectlResult {
  const out = new Output();
  // Controllers react on the clock, after this call: every write seen now is this command's (the
  // cluster's version counts writes to its objects and their field ownership).
  const before = env.cluster.version;
  try {
    const cmd = parseKubectl(typeof line === 'string' ? line : String(line));
    if (isKubectlError(cmd)) out.fail(cmd);
    else execute(cmd, { cluster: env.cluster, env, out });
  } catch (e) {
    out.fail(
      isClusterError(e) || isKubectlError(e) ? e.message : `error: internal: ${messageOf(e)}`,
    );
  }
  return {
    ok: !out.failed,
    stdout: out.stdout.join('\n'),
    stderr: out.stderr.join('\n'),
    changed: env.cluster.version !== before,
  };
}
