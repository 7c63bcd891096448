// The console's slice of the store: kubectl lines on the chosen cluster, git lines on the
// repository, argocd and flux lines on the GitOps lane, their history, and Tab completion. Each
// line runs as the scenario action `run` (src/sim/console-line.ts dispatches it), so a lesson's
// `run:` prints exactly what the console prints.
import type { StateCreator } from 'zustand/vanilla';
import type { ClusterName } from '../sim/audit';
import { cliToolOf, isGitLine, laneOfLine, lineChanges, withoutCode } from '../sim/console-line';
import { BRANCH, type Sandbox } from '../sim/sandbox';
import type { ScenarioRun } from '../sim/scenario/runner';
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
        const current = currentRun();
        if (!current) return;
        const lane = get().consoleLane;
        // A line that only looks is answered and not recorded, so that a link and the address bar
        // grow only with what changed; unless the next task's goal reads what lines print.
        const record = current.readsOutput || (await lineChanges(current.sandbox, line));
        const outcome = await get().act({ run: { lane, line } }, record);
        if (!outcome) return;
        const printed = outcome.console?.[0];
        set((s) => ({
          entries: [
            ...s.entries,
            {
              id: ++entryId,
              lane: printed?.lane ?? laneOfLine(line, lane),
              line,
              ok: printed?.ok ?? outcome.ok,
              output: printed?.output ?? withoutCode(outcome.text),
            },
          ].slice(-200),
        }));
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
