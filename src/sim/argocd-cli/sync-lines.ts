// `argocd app sync` and `argocd app wait` as scenario actions (docs/user-guide/commands/
// argocd_app_sync.md, argocd_app_wait.md): a sync with its flags (--prune, --dry-run, --resource,
// --revision) becomes a `sync` action, a wait a `waitFor` action, so a replay or a shared link does
// the same; once it ran, the tool prints the app's final status (operation.ts).
import { parseResourceSelector, ResourceSelectorError } from '../gitops/sync-flags';
import type { CliResult } from './run';
import { finalStatus } from './operation';
import type { ArgoView } from './read';
import type { Flags } from './words';

const refuse = (t: string): CliResult => ({ kind: 'text', ok: false, text: t });

/** As `argocd app sync`, `rollback` and `wait` do: the Application's final status. */
export const showApp =
  (name: string) =>
  (view: ArgoView, outcome: string): string => {
    const app = view.gitops.apps.find((a) => a.spec.name === name);
    const now = view.trail?.now ?? app?.operation?.finishedAt ?? 0;
    return app ? `${outcome}\n${finalStatus(view, app, now)}` : outcome;
  };

export function syncLine(flags: Flags, app: string, actor: string): CliResult {
  const resources = flags.lists.get('--resource') ?? [];
  try {
    resources.forEach(parseResourceSelector);
  } catch (e) {
    if (e instanceof ResourceSelectorError) return refuse(`Error: ${e.message}`);
    throw e;
  }
  const revision = flags.values.get('--revision');
  const prune = flags.bools.get('--prune');
  const dryRun = flags.bools.get('--dry-run');
  return {
    kind: 'action',
    action: {
      sync: {
        lane: 'gitops',
        by: actor,
        app,
        ...(revision ? { revision } : {}),
        ...(prune ? { prune } : {}),
        ...(dryRun ? { dryRun } : {}),
        ...(resources.length > 0 ? { resources } : {}),
      },
    },
    after: showApp(app),
  };
}

export function waitLine(flags: Flags, app: string): CliResult {
  const timeoutText = flags.values.get('--timeout');
  const seconds = timeoutText === undefined ? undefined : Number(timeoutText);
  if (seconds !== undefined && !(Number.isInteger(seconds) && seconds > 0 && seconds <= 3600))
    return refuse(
      `Error: invalid argument "${timeoutText}" for "--timeout" flag: DriftLab waits 1 to 3600 seconds`,
    );
  const pick = (flag: string, key: 'health' | 'sync' | 'operation') =>
    flags.bools.get(flag) ? { [key]: true } : {};
  return {
    kind: 'action',
    action: {
      waitFor: {
        lane: 'gitops',
        app,
        ...pick('--health', 'health'),
        ...pick('--sync', 'sync'),
        ...pick('--operation', 'operation'),
        ...(seconds !== undefined ? { timeout: `${seconds}s` } : {}),
      },
    },
    after: showApp(app),
  };
}
