// The console's slice of the store: kubectl lines on the chosen cluster, git lines on the
// repository (see src/sim/git-console), their history, and Tab completion.
import type { StateCreator } from 'zustand/vanilla';
import type { ClusterName } from '../sim/audit';
import { BRANCH, type Sandbox } from '../sim/sandbox';
import type { ActionOutcome } from '../sim/scenario/actions';
import type { ScenarioRun } from '../sim/scenario/runner';
import type { Action } from '../sim/scenario/schema';
import { cliToolOf, runCliLine } from './cli-lines';
import { errorText } from './error-text';
import type { AppState } from './store';

export interface ConsoleEntry {
  id: number;
  /** The cluster a kubectl line ran on, or the repository for a git line. */
  lane: ClusterName | 'repo';
  line: string;
  ok: boolean;
  output: string;
}

export interface ConsoleSlice {
  consoleLane: ClusterName;
  entries: ConsoleEntry[];
  setConsoleLane: (lane: ClusterName) => void;
  runLine: (line: string) => Promise<void>;
  /** Tab completion: whole lines that continue `line` (object names, revisions, files...). */
  complete: (line: string) => Promise<string[]>;
}

export function consoleSlice(
  currentRun: () => ScenarioRun | null,
): StateCreator<AppState, [], [], ConsoleSlice> {
  let entryId = 0;
  // Lines run one after another, as in a terminal: a read typed after a commit sees the commit.
  let lines: Promise<unknown> = Promise.resolve();
  return (set, get) => ({
    consoleLane: 'devops',
    entries: [],
    setConsoleLane: (lane) => set({ consoleLane: lane }),
    complete: async (line) => {
      const current = currentRun();
      if (!current) return [];
      const { sandbox } = current;
      // `gi` could be either: git's candidates come first, then kubectl's.
      const git =
        isGitLine(line) || 'git'.startsWith(line.trim()) ? await gitCandidates(line, sandbox) : [];
      if (isGitLine(line)) return git;
      const tool =
        cliToolOf(line) ??
        (['argocd', 'flux'].some((t) => t.startsWith(line.trim())) ? 'any' : null);
      if (tool) {
        const { completeCli } = await import('../sim/argocd-cli/complete');
        const cli = completeCli(
          line,
          sandbox.gitops.apps.map((a) => a.spec.name),
        );
        if (tool !== 'any') return cli;
        git.push(...cli);
      }
      const { completeKubectl } = await import('../sim/kubectl');
      return [...git, ...completeKubectl(line, sandbox.clusters[get().consoleLane])];
    },

    runLine: (line) => {
      const run = async () => {
        if (line.trim() === '') return;
        const add = (entry: Omit<ConsoleEntry, 'id'>) =>
          set((s) => ({ entries: [...s.entries, { id: ++entryId, ...entry }].slice(-200) }));
        if (isGitLine(line)) {
          const result = await runGitLine(line, get().act, currentRun);
          if (result) add({ lane: 'repo', line, ...result });
          return;
        }
        const tool = cliToolOf(line);
        const current = currentRun();
        if (tool && current) {
          const result = await runCliLine(tool, line, current.sandbox, get().act);
          if (result) add({ lane: 'gitops', line, ...result });
          return;
        }
        const lane = get().consoleLane;
        const outcome = await get().act(
          { kubectl: { lane, actor: 'you', run: line } },
          !isReadOnlyKubectl(line),
        );
        if (!outcome) return;
        add({ lane, line, ok: outcome.ok, output: outcome.text.split('\n').slice(1).join('\n') });
      };
      const next = lines.then(run);
      lines = next.catch(() => undefined);
      return next;
    },
  });
}

/** Completions of a git line, from the repository's branches, tags and files. */
async function gitCandidates(line: string, sandbox: Sandbox): Promise<string[]> {
  const { completeGit } = await import('../sim/git-console');
  const [branches, tags, files] = await Promise.all([
    sandbox.repo.listBranches(),
    sandbox.repo.listTags(),
    sandbox.repo.listFiles(BRANCH),
  ]);
  return completeGit(line, {
    branches: branches.map((b) => b.name),
    tags: tags.map((t) => t.name),
    files: files.map((f) => f.path),
  });
}

const READ_ONLY_VERBS = new Set([
  'get',
  'describe',
  'api-resources',
  'api-versions',
  'version',
  'help',
  'explain',
  'logs',
  'top',
  'cluster-info',
]);

/**
 * A kubectl line that only looks (`get`, `describe`, `rollout status`, `--help`...): run, but not
 * recorded with the session, so that a link and the address bar grow only with what changed the
 * cluster. Replaying without it lands in the same state: it writes nothing, and the time it ran at
 * is the same instant the next recorded action runs at.
 */
export function isReadOnlyKubectl(line: string): boolean {
  const words = line.trim().split(/\s+/);
  if (words[0] === 'kubectl') words.shift();
  const [verb = '', sub = ''] = words;
  if (words.includes('-h') || words.includes('--help')) return true;
  return (
    READ_ONLY_VERBS.has(verb) || (verb === 'rollout' && (sub === 'status' || sub === 'history'))
  );
}

/** A console line for the repository (`git log`, `git commit ...`), not for a cluster. */
export function isGitLine(line: string): boolean {
  return /^\s*git(\s|$)/.test(line);
}

/**
 * A git line: one that changes the repository runs as the scenario action it stands for (so the
 * session records it); one that only looks is answered from the repository and recorded nowhere.
 */
async function runGitLine(
  line: string,
  act: (action: Action) => Promise<ActionOutcome | null>,
  currentRun: () => ScenarioRun | null,
): Promise<{ ok: boolean; output: string } | null> {
  // The console's git support is loaded on first use, like kubectl's.
  const { parseGitLine, readGit } = await import('../sim/git-console');
  try {
    const parsed = parseGitLine(line, 'you');
    if (parsed.kind === 'action') {
      const outcome = await act(parsed.action);
      return outcome && { ok: outcome.ok, output: outcome.text };
    }
    const current = currentRun();
    if (!current) return null;
    return { ok: true, output: await readGit(current.sandbox.repo, BRANCH, parsed.read) };
  } catch (e) {
    // Refusals carry a stable code (E_GIT_SYNTAX, E_UNKNOWN_REVISION...); anything else is a bug.
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string') throw e;
    return { ok: false, output: errorText(e) };
  }
}
