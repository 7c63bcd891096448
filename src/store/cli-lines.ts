// The console's `argocd` and `flux` lines: a line that changes something runs as the scenario action
// it stands for (so the session records it); a line that only looks is answered from the GitOps
// lane and recorded nowhere. Refusals read as the real tool's, never as an internal code.
import type { Sandbox } from '../sim/sandbox';
import type { ActionOutcome } from '../sim/scenario/actions';
import type { Action } from '../sim/scenario/schema';

export type CliTool = 'argocd' | 'flux';

/** `argocd ...` or `flux ...`, or null for any other line. */
export function cliToolOf(line: string): CliTool | null {
  const m = /^\s*(argocd|flux)(\s|$)/.exec(line);
  return m ? (m[1] as CliTool) : null;
}

/** An outcome's text without the stable code a refusal carries for scenarios (`E_...: `). */
export function withoutCode(text: string): string {
  return text.replace(/^E_[A-Z0-9_]+: /, '');
}

export async function runCliLine(
  tool: CliTool,
  line: string,
  sandbox: Sandbox,
  act: (action: Action) => Promise<ActionOutcome | null>,
): Promise<{ ok: boolean; output: string } | null> {
  const view = {
    gitops: sandbox.gitops,
    cluster: sandbox.clusters.gitops,
    trail: { records: sandbox.audit.records(), now: sandbox.now() },
  };
  const result =
    tool === 'argocd'
      ? await (await import('../sim/argocd-cli')).runArgocd(line, view, 'you')
      : await (
          await import('../sim/flux-cli')
        ).runFlux(line, { ...view, repo: sandbox.repo }, 'you');
  if (result.kind === 'text') return { ok: result.ok, output: result.text };
  const outcome = await act(result.action);
  if (!outcome) return null;
  const output = withoutCode(outcome.text);
  if (!outcome.ok || !result.after) return { ok: outcome.ok, output };
  return { ok: true, output: result.after(view, output) };
}
