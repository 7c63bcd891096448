// Tab completion for the console's git lines: the command, `pr`'s verb, a revision (branches,
// tags, HEAD) where one is expected, a branch after `pr <verb>` or `--branch`, and a file path
// for a commit's edit (`apps/web/dep` -> `apps/web/deployment.yaml:`). Candidates are whole
// lines, as kubectl's completion gives them.
import { tokenize } from '../kubectl/tokenize';

export interface GitNames {
  branches: readonly string[];
  tags: readonly string[];
  files: readonly string[];
}

const COMMANDS = ['log', 'show', 'status', 'branch', 'tag', 'commit', 'revert', 'pr', 'help'];
const PR_VERBS = ['open', 'approve', 'merge'];
const MAX = 50;

function candidates(words: string[], current: string, names: GitNames): string[] {
  const [command, ...args] = words;
  if (command === undefined) return COMMANDS;
  const revisions = ['HEAD', ...names.branches, ...names.tags];
  const previous = args.at(-1);
  switch (command) {
    case 'show':
    case 'revert':
      return args.length === 0 ? revisions : [];
    case 'log':
      return previous === '-n' ? [] : revisions;
    case 'pr':
      if (args.length === 0) return PR_VERBS;
      return args.length === 1 ? [...names.branches] : [];
    case 'commit':
      if (previous === '--branch') return [...names.branches];
      if (previous === '-m' || previous === '--tag') return [];
      if (previous === '--rm') return [...names.files];
      return current.includes(':') ? [] : names.files.map((f) => `${f}:`);
    default:
      return [];
  }
}

export function completeGit(partial: string, names: GitNames): string[] {
  const words = tokenize(partial);
  if (words instanceof Error) return [];
  const current = partial === '' || /\s$/.test(partial) ? '' : (words.pop() ?? '');
  if (!partial.endsWith(current)) return [];
  const head = partial.slice(0, partial.length - current.length);
  if (words[0] !== 'git') return 'git'.startsWith(current) && words.length === 0 ? ['git '] : [];
  words.shift();
  const found = candidates(words, current, names).filter(
    (c) => c.startsWith(current) && c !== current,
  );
  return [...new Set(found)].slice(0, MAX).map((c) => `${head}${c}${c.endsWith(':') ? '' : ' '}`);
}
