// `parseKubectl`: a kubectl line (with or without the leading `kubectl`) to a ParsedCommand, or
// the KubectlError kubectl would print for it. Pure: it knows the commands and their flags, not a
// cluster, so resource types are checked when the command runs (execute.ts).
import type { ParsedCommand } from './ast';
import { build } from './build';
import { commandInfo, COMMANDS } from './commands';
import { KubectlError } from './errors';
import { GLOBAL_FLAGS, parseFlags, type FlagSpec } from './flags';
import { unknownCommand } from './help';
import { tokenize } from './tokenize';

/** Index of the first word that is not a flag or a flag's value; -1 when there is none. */
function firstPositional(words: readonly string[], flags: readonly FlagSpec[]): number {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--') return i + 1 < words.length ? i + 1 : -1;
    if (!w.startsWith('-') || w === '-') return i;
    const spec = w.startsWith('--')
      ? flags.find((f) => f.name === w.slice(2))
      : w.length === 2
        ? flags.find((f) => f.short === w[1])
        : undefined;
    if (spec && spec.kind !== 'bool' && spec.bare === undefined) i++;
  }
  return -1;
}

export function parseKubectl(line: string): ParsedCommand | KubectlError {
  const words = tokenize(line);
  if (words instanceof KubectlError) return words;
  if (words[0] === 'kubectl') words.shift();
  const at = firstPositional(words, GLOBAL_FLAGS);
  if (at < 0) return { verb: 'help' };
  const verb = words[at]!;
  let rest = [...words.slice(0, at), ...words.slice(at + 1)];
  if (verb === 'help') {
    const topic = rest.filter((w) => !w.startsWith('-')).join(' ');
    return topic ? { verb: 'help', topic } : { verb: 'help' };
  }
  let path = verb;
  const subcommands = COMMANDS.filter((c) => c.path.startsWith(`${verb} `));
  if (subcommands.length > 0) {
    // `rollout undo`, `set image`: the command is the first two words that are not flags.
    const sub = firstPositional(rest, [...GLOBAL_FLAGS, ...subcommands.flatMap((c) => c.flags)]);
    if (sub < 0) return { verb: 'help', topic: verb };
    path = `${verb} ${rest[sub]}`;
    if (!commandInfo(path)) return unknownCommand(rest[sub]!, verb);
    rest = [...rest.slice(0, sub), ...rest.slice(sub + 1)];
  }
  const info = commandInfo(path);
  if (!info) return unknownCommand(verb);
  const parsed = parseFlags(rest, info.flags, path);
  if (parsed instanceof KubectlError) return parsed;
  if (parsed.flags.bool('help')) return { verb: 'help', topic: path };
  return build(path, parsed.args, parsed.flags);
}
