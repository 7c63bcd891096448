// One console line, as a learner types it, dispatched as DriftLab's console dispatches it: `git ...`
// on the repository, `argocd ...` and `flux ...` on the GitOps lane, anything else as kubectl on
// the chosen cluster. The console (src/store/console.ts) and the scenario action `run:` both come
// here, so a line in a lesson prints exactly what the learner would see.
//
// A line that changes something runs as the scenario action it stands for (a `commit`, a `sync`,
// a `set`...), through the caller's `act`, so it lands in the audit trail like any action; a line
// that only looks is answered here. Refusals read as the real tool's, never as an internal code.
//
// A file at the top of src/sim, like the sandbox: it wires the console's tools together, and the
// scenario layer (whose actions those tools translate into) calls it.
import type { ClusterName } from './audit';
import { BRANCH, type Sandbox } from './sandbox';
import type { ActionOutcome } from './scenario/actions';
import type { Action } from './scenario/schema';

/** What one console line printed (the `--json` report's `console` entries, and `output:` checks). */
export interface ConsoleOutput {
  /** The cluster a kubectl line ran on; `repo` for git; `gitops` for argocd and flux. */
  lane: ClusterName | 'repo';
  line: string;
  ok: boolean;
  output: string;
  /** A scenario's `run.id`, which an `output:` expectation of the same step names. */
  id?: string;
}

/** Runs a line's action (the console's `act`, or the scenario runner's). */
export type Act = (action: Action) => Promise<ActionOutcome | null>;

export type CliTool = 'argocd' | 'flux';

/** `argocd ...` or `flux ...`, or null for any other line. */
export function cliToolOf(line: string): CliTool | null {
  const m = /^\s*(argocd|flux)(\s|$)/.exec(line);
  return m ? (m[1] as CliTool) : null;
}

/** A console line for the repository (`git log`, `git commit ...`), not for a cluster. */
export function isGitLine(line: string): boolean {
  return /^\s*git(\s|$)/.test(line);
}

/** An outcome's text without the stable code a refusal carries for scenarios (`E_...: `). */
export function withoutCode(text: string): string {
  return text.replace(/^E_[A-Z0-9_]+: /, '');
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

/** A kubectl line that only looks (`get`, `describe`, `rollout status`, `--help`...). */
export function isReadOnlyKubectl(line: string): boolean {
  const words = line.trim().split(/\s+/);
  if (words[0] === 'kubectl') words.shift();
  const [verb = '', sub = ''] = words;
  if (words.includes('-h') || words.includes('--help')) return true;
  return (
    READ_ONLY_VERBS.has(verb) || (verb === 'rollout' && (sub === 'status' || sub === 'history'))
  );
}

/** The line as a shell prompt shows it: kubectl lines get their `kubectl`. */
export function promptLine(line: string): string {
  const text = line.trim();
  return isGitLine(text) || cliToolOf(text) || text.startsWith('kubectl ')
    ? text
    : `kubectl ${text}`;
}

/** Where a line runs: git on the repository, argocd and flux on the GitOps lane. */
export function laneOfLine(line: string, lane: ClusterName): ConsoleOutput['lane'] {
  return isGitLine(line) ? 'repo' : cliToolOf(line) ? 'gitops' : lane;
}

const gitView = (sandbox: Sandbox) => ({
  gitops: sandbox.gitops,
  cluster: sandbox.clusters.gitops,
  trail: { records: sandbox.audit.records(), now: sandbox.now() },
});

/** What an argocd or flux line stands for: an action to run, or the text it prints. */
async function cliResult(tool: CliTool, line: string, sandbox: Sandbox, actor: string) {
  const view = gitView(sandbox);
  return tool === 'argocd'
    ? await (await import('./argocd-cli')).runArgocd(line, view, actor)
    : (await import('./flux-cli')).runFlux(line, view, actor);
}

/**
 * Whether a line changes something (runs as an action): what the console records with a session.
 * A line refused before it runs (a syntax error, a rollback while auto-sync is on) changes nothing.
 */
export async function lineChanges(sandbox: Sandbox, line: string): Promise<boolean> {
  if (line.trim() === '') return false;
  if (isGitLine(line)) {
    const { parseGitLine } = await import('./git-console');
    try {
      return parseGitLine(line, 'you').kind === 'action';
    } catch {
      return false;
    }
  }
  const tool = cliToolOf(line);
  if (tool) return (await cliResult(tool, line, sandbox, 'you')).kind === 'action';
  return !isReadOnlyKubectl(line);
}

type Printed = Pick<ConsoleOutput, 'ok' | 'output'>;

async function gitLine(sandbox: Sandbox, line: string, actor: string, act: Act) {
  // The console's git support is loaded on first use, like kubectl's.
  const { parseGitLine, readGit } = await import('./git-console');
  try {
    const parsed = parseGitLine(line, actor);
    if (parsed.kind === 'read')
      return { ok: true, output: await readGit(sandbox.repo, BRANCH, parsed.read) };
    const outcome = await act(parsed.action);
    return outcome && { ok: outcome.ok, output: withoutCode(outcome.text) };
  } catch (e) {
    // Refusals carry a stable code (E_GIT_SYNTAX, E_UNKNOWN_REVISION...); anything else is a bug.
    if (typeof (e as { code?: unknown }).code !== 'string') throw e;
    return { ok: false, output: (e as Error).message };
  }
}

async function cliLine(tool: CliTool, sandbox: Sandbox, line: string, actor: string, act: Act) {
  const result = await cliResult(tool, line, sandbox, actor);
  if (result.kind === 'text') return { ok: result.ok, output: result.text };
  const outcome = await act(result.action);
  if (!outcome) return null;
  const output = withoutCode(outcome.text);
  if (!outcome.ok || !result.after) return { ok: outcome.ok, output };
  return { ok: true, output: result.after(gitView(sandbox), output) };
}

/**
 * Runs one console line as `actor` (the learner is `you`) with the console on `lane`: what it
 * printed, or null when `act` ran nothing (the app had no run). Only bugs throw.
 */
export async function runConsoleLine(
  sandbox: Sandbox,
  lane: ClusterName,
  line: string,
  actor: string,
  act: Act,
): Promise<ConsoleOutput | null> {
  const where = laneOfLine(line, lane);
  const tool = cliToolOf(line);
  let printed: Printed | null;
  if (where === 'repo') printed = await gitLine(sandbox, line, actor, act);
  else if (tool) printed = await cliLine(tool, sandbox, line, actor, act);
  else {
    const r = await sandbox.kubectl(lane, line, actor);
    printed = { ok: r.ok, output: [r.stdout, r.stderr].filter(Boolean).join('\n') };
  }
  return printed && { lane: where, line: line.trim(), ...printed };
}
