// `kubectl --help`, `kubectl <command> --help`, and the answer to a command kubectl does not have
// (with cobra's "Did you mean this?" suggestions).
import { COMMANDS, commandInfo, VERBS, type CommandInfo } from './commands';
import { KubectlError } from './errors';
import { GLOBAL_FLAGS, type FlagSpec } from './flags';

/** Real kubectl commands that the simulation does not run: they get a plain "not simulated". */
const NOT_SIMULATED: readonly string[] = [
  ...'alpha attach auth autoscale certificate cluster-info completion config convert cordon cp create debug diff drain edit events exec explain expose kustomize options plugin port-forward proxy replace run taint top uncordon wait'.split(
    ' ',
  ),
  ...'rollout pause,rollout resume,set env,set resources,set selector,set serviceaccount,set subject'.split(
    ',',
  ),
];

const GROUP_TITLES: Record<CommandInfo['group'], string> = {
  Basic: 'Basic Commands:',
  Deploy: 'Deploy Commands:',
  Advanced: 'Advanced Commands:',
  Settings: 'Settings Commands:',
  Other: 'Other Commands:',
};

function rows(
  pairs: [string, string][],
  width = Math.max(...pairs.map(([k]) => k.length)) + 3,
): string[] {
  return pairs.map(([k, v]) => `  ${k.padEnd(width)}${v}`);
}

export function kubectlHelp(): string {
  const lines = [
    'kubectl controls the Kubernetes cluster manager. DriftLab simulates the commands below.',
    '',
  ];
  const top = COMMANDS.filter((c) => !c.path.includes(' '));
  const width = Math.max(...top.map((c) => c.path.length)) + 3;
  for (const [group, title] of Object.entries(GROUP_TITLES)) {
    lines.push(
      title,
      ...rows(
        top.filter((c) => c.group === group).map((c) => [c.path, c.short]),
        width,
      ),
      '',
    );
  }
  lines.push(
    'Usage:',
    '  kubectl [flags] [options]',
    '',
    'Use "kubectl <command> --help" for more information about a given command.',
  );
  return lines.join('\n');
}

function flagRows(flags: readonly FlagSpec[]): string[] {
  return rows(
    flags.map((f) => [f.short ? `-${f.short}, --${f.name}` : `    --${f.name}`, f.help ?? '']),
  );
}

/** The help of one command, or null when DriftLab has no such command. */
export function commandHelp(path: string): string | null {
  const info = commandInfo(path);
  if (!info) return null;
  const lines = [`${info.short}.`, '', 'Usage:', `  ${info.usage}`, ''];
  const subs = COMMANDS.filter((c) => c.path.startsWith(`${path} `));
  if (subs.length > 0)
    lines.push(
      'Available Commands:',
      ...rows(subs.map((c) => [c.path.slice(path.length + 1), c.short])),
      '',
    );
  lines.push(
    'Examples:',
    ...info.examples.map((e) => `  ${e}`),
    '',
    'Options:',
    ...flagRows([...info.flags, ...GLOBAL_FLAGS]),
  );
  return lines.join('\n');
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur.push(
        Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)),
      );
    prev = cur;
  }
  return prev[b.length]!;
}

/** cobra's rule: a name within edit distance 2, or one that starts with what was typed. */
function suggestions(typed: string, names: readonly string[]): string[] {
  const t = typed.toLowerCase();
  return names.filter((n) => editDistance(t, n) <= 2 || (t !== '' && n.startsWith(t)));
}

/**
 * The answer to `kubectl <word>` (or `kubectl <parent> <word>`) when no simulated command has that
 * name: "not simulated" for a real kubectl command, cobra's "unknown command" otherwise.
 */
export function unknownCommand(word: string, parent?: string): KubectlError {
  const path = parent ? `${parent} ${word}` : word;
  const where = parent ? `kubectl ${parent}` : 'kubectl';
  if (NOT_SIMULATED.includes(path)) {
    return new KubectlError(
      'E_UNSUPPORTED',
      `error: "kubectl ${path}" is not simulated in DriftLab. Run '${where} --help' for the commands it simulates.`,
      { command: path, token: word },
    );
  }
  const names = parent
    ? COMMANDS.filter((c) => c.path.startsWith(`${parent} `)).map((c) =>
        c.path.slice(parent.length + 1),
      )
    : VERBS;
  const similar = suggestions(word, names);
  const hint =
    similar.length > 0 ? `\n\nDid you mean this?\n${similar.map((s) => `\t${s}`).join('\n')}` : '';
  return new KubectlError(
    'E_UNKNOWN_COMMAND',
    `error: unknown command "${word}" for "${where}"${hint}\n\nRun '${where} --help' for usage.`,
    { command: path, token: word },
  );
}
