// The console's `git` lines. A line that changes the repository becomes the same action a scenario
// writes (`commit`, `revert`, `pr`), so the session records it and a replay or a shared link
// repeats it; a line that only looks (`log`, `show`, `status`, `branch`, `tag`) is answered from
// the repository and recorded nowhere. DriftLab's repository has no working tree, so a commit
// names its edits on the line: `git commit -m "scale" apps/web/deployment.yaml:spec.replicas=5`,
// with the same dotted paths as a scenario's `patch`.
import { parsePath } from '../cluster/fieldpath';
import { CodedError } from '../coded-error';
import { getOrCreate } from '../get-or-create';
import { tokenize } from '../kubectl/tokenize';
import { isSafeKey, safeRecord, unsafeKeyMessage, type SafeRecord } from '../safe-keys';
import type { Action } from '../scenario/schema';

export type GitRead =
  | { command: 'log'; rev: string; oneline: boolean; limit: number }
  | { command: 'show'; rev: string }
  | { command: 'status' }
  | { command: 'branch' }
  | { command: 'tag' }
  | { command: 'help' };

export type GitLine = { kind: 'action'; action: Action } | { kind: 'read'; read: GitRead };

export type GitConsoleCode = 'E_GIT_SYNTAX' | 'E_GIT_UNSUPPORTED' | 'E_UNSAFE_KEY';

export class GitConsoleError extends CodedError<GitConsoleCode> {}

export const GIT_HELP = `git lines the console runs (the repository has no working tree):
  git log [--oneline] [-n <count>] [<rev>]     commits, newest first
  git show [<rev>]                              a commit and its diff
  git status | git branch | git tag             where main is, branches, tags
  git commit -m <message> [--branch <b>] [--tag <t>] <file>:<path>=<value>... [--rm <file>]...
                                                e.g. apps/web/deployment.yaml:spec.replicas=5
  git revert <rev>                              a new commit that undoes <rev>
  git pr open <branch> [-m <title>] [--base <b>] | git pr approve <branch> | git pr merge <branch>`;

/** Real git commands a learner may try that DriftLab answers plainly instead of simulating. */
const NOT_SIMULATED = new Set([
  'add',
  'checkout',
  'switch',
  'reset',
  'rebase',
  'merge',
  'cherry-pick',
  'push',
  'pull',
  'fetch',
  'clone',
  'stash',
  'restore',
  'rm',
  'mv',
  'init',
  'remote',
  'diff',
]);

const syntax = (message: string) =>
  new GitConsoleError('E_GIT_SYNTAX', `${message}\n\n${GIT_HELP}`);

/** A value as typed: numbers, true/false and null as YAML reads them, anything else as text. */
function scalar(text: string): unknown {
  if (/^-?(0|[1-9]\d*)(\.\d+)?$/.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null') return null;
  return text;
}

/** `file:path=value`: the file ends at the first `:`, the path at the first `=` outside `[...]`. */
function edit(word: string): { file: string; path: string; value: unknown } | null {
  const colon = word.indexOf(':');
  if (colon <= 0) return null;
  const rest = word.slice(colon + 1);
  let depth = 0;
  for (let i = 0; i < rest.length; i++) {
    const ch = rest[i];
    if (ch === '[') depth++;
    else if (ch === ']') depth = Math.max(0, depth - 1);
    else if (ch === '=' && depth === 0) {
      const path = rest.slice(0, i);
      if (path === '') return null;
      return { file: word.slice(0, colon), path, value: scalar(rest.slice(i + 1)) };
    }
  }
  return null;
}

/** Reads `--name value`, `--name=value` and `-x value` options; the rest stays positional. */
function options(
  words: string[],
  valued: Record<string, string>,
  flags: readonly string[] = [],
): { values: Map<string, string[]>; set: Set<string>; positional: string[] } {
  const values = new Map<string, string[]>();
  const set = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const eq = w.startsWith('--') ? w.indexOf('=') : -1;
    const name = eq > 0 ? w.slice(0, eq) : w;
    const key = valued[name];
    if (key !== undefined) {
      const value = eq > 0 ? w.slice(eq + 1) : words[++i];
      if (value === undefined) throw syntax(`option ${name} needs a value`);
      getOrCreate(values, key, () => []).push(value);
    } else if (flags.includes(w)) set.add(w);
    else if (w.startsWith('-') && w !== '-' && !/^-\d+$/.test(w))
      throw syntax(`unknown option ${w}`);
    else positional.push(w);
  }
  return { values, set, positional };
}

function one(values: Map<string, string[]>, key: string): string | undefined {
  const all = values.get(key);
  return all?.[all.length - 1];
}

function parseCommit(words: string[], actor: string): Action {
  const { values, positional } = options(words, {
    '-m': 'message',
    '--message': 'message',
    '--branch': 'branch',
    '--tag': 'tag',
    '--rm': 'remove',
  });
  const message = values.get('message')?.join('\n\n');
  if (!message) throw syntax('git commit needs a message: -m "<message>"');
  const patch = safeRecord<SafeRecord<unknown>>();
  for (const word of positional) {
    const e = edit(word);
    if (!e) throw syntax(`"${word}" is not an edit: write <file>:<path>=<value>`);
    const unsafe = parsePath(e.path)?.find(
      (s): s is string => typeof s === 'string' && !isSafeKey(s),
    );
    if (unsafe !== undefined)
      throw new GitConsoleError('E_UNSAFE_KEY', `"${word}": ${unsafeKeyMessage(unsafe)}`);
    (patch[e.file] ??= safeRecord())[e.path] = e.value;
  }
  const remove = values.get('remove') ?? [];
  if (positional.length === 0 && remove.length === 0)
    throw syntax('git commit needs at least one edit (<file>:<path>=<value>) or --rm <file>');
  const branch = one(values, 'branch');
  const tag = one(values, 'tag');
  return {
    commit: {
      message,
      author: actor,
      ...(branch ? { branch } : {}),
      ...(tag ? { tag } : {}),
      ...(positional.length > 0 ? { patch } : {}),
      ...(remove.length > 0 ? { remove } : {}),
    },
  };
}

function parsePr(words: string[], actor: string): Action {
  const [verb, ...rest] = words;
  const { values, positional } = options(rest, {
    '-m': 'title',
    '--title': 'title',
    '--base': 'base',
  });
  const branch = positional[0];
  if (!branch || positional.length > 1)
    throw syntax(`git pr ${verb ?? ''} takes one branch name`.trim());
  switch (verb) {
    case 'open': {
      const base = one(values, 'base');
      const title = one(values, 'title') ?? branch;
      return { pr: { open: { branch, title, author: actor, ...(base ? { base } : {}) } } };
    }
    case 'approve':
      return { pr: { approve: { branch, by: actor } } };
    case 'merge':
      return { pr: { merge: { branch, by: actor } } };
    default:
      throw syntax('git pr takes open, approve or merge');
  }
}

function parseLog(words: string[]): GitRead {
  const { values, set, positional } = options(
    // `-5` is git's short form of `-n 5`.
    words.flatMap((w) => (/^-\d+$/.test(w) ? ['-n', w.slice(1)] : [w])),
    { '-n': 'limit', '--max-count': 'limit' },
    ['--oneline'],
  );
  const limitText = one(values, 'limit');
  const limit = limitText === undefined ? 20 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1)
    throw syntax(`-n needs a whole number, not ${limitText}`);
  if (positional.length > 1) throw syntax('git log takes at most one revision');
  return { command: 'log', rev: positional[0] ?? 'HEAD', oneline: set.has('--oneline'), limit };
}

/** Parses a line that starts with `git` (or is only its arguments). Throws GitConsoleError. */
export function parseGitLine(line: string, actor: string): GitLine {
  const words = tokenize(line);
  if (words instanceof Error) throw new GitConsoleError('E_GIT_SYNTAX', words.message);
  if (words[0] === 'git') words.shift();
  const [command, ...args] = words;
  const read = (r: GitRead): GitLine => ({ kind: 'read', read: r });
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
      return read({ command: 'help' });
    case 'log':
      return read(parseLog(args));
    case 'show':
      if (args.length > 1) throw syntax('git show takes at most one revision');
      return read({ command: 'show', rev: args[0] ?? 'HEAD' });
    case 'status':
    case 'branch':
      if (args.length > 0) throw syntax(`git ${command} takes no arguments here`);
      return read({ command });
    case 'tag':
      if (args.length > 0)
        throw syntax('git tag only lists here: tag a commit with git commit --tag <name>');
      return read({ command: 'tag' });
    case 'commit':
      return { kind: 'action', action: parseCommit(args, actor) };
    case 'revert': {
      const revs = args.filter((a) => a !== '--no-edit');
      if (revs.length !== 1 || revs[0]!.startsWith('-'))
        throw syntax('git revert takes one revision (a SHA, a tag, HEAD or HEAD~n)');
      return { kind: 'action', action: { revert: { commit: revs[0]!, author: actor } } };
    }
    case 'pr':
      return { kind: 'action', action: parsePr(args, actor) };
    default:
      if (NOT_SIMULATED.has(command))
        throw new GitConsoleError(
          'E_GIT_UNSUPPORTED',
          `git ${command} is not simulated: DriftLab's repository has no working tree or remote.\n\n${GIT_HELP}`,
        );
      throw syntax(`git: '${command}' is not a git command`);
  }
}
