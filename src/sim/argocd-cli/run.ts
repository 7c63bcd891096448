// The console's `argocd` lines. A line that changes something becomes the scenario action it stands
// for (`sync`, `rollback` by history, `set`), so the session records it and a replay or a shared
// link repeats it; a line that only looks (`app list|get|history|diff`, `sync --dry-run`) is
// answered from the GitOps lane and recorded nowhere. Refusals use Argo CD's own words (the API
// server's gRPC status), checked here before anything is recorded.
import type { Action } from '../scenario/schema';
import { tokenize } from '../kubectl/tokenize';
import { ARGO, appDiff, appGet, appHistory, appList, type ArgoView } from './read';
import { showApp, syncLine, waitLine } from './sync-lines';
import { CliSyntaxError, readFlags } from './words';

export type CliResult =
  | {
      kind: 'action';
      action: Action;
      /** What the tool prints once the action ran (the outcome's text when absent). */
      after?: (view: ArgoView, outcome: string) => string;
    }
  | { kind: 'text'; ok: boolean; text: string };

export const ARGOCD_HELP = `argocd lines the console runs (the GitOps lane's Applications):
  argocd app list                          every Application, its sync and health
  argocd app get <app>                     its source, status and resources
  argocd app diff <app>                    what differs between Git and the cluster
  argocd app history <app>                 the deployments a rollback can go to
  argocd app sync <app> [--revision <rev>] [--prune] [--dry-run] [--resource GROUP:KIND:NAME]...
  argocd app wait <app> [--health] [--sync] [--operation] [--timeout <seconds>]
  argocd app rollback <app> [<id>]         (auto-sync must be off)
  argocd app set <app> --sync-policy automated|none [--self-heal] [--auto-prune]
  argocd app terminate-op <app>`;

const text = (ok: boolean, t: string): CliResult => ({ kind: 'text', ok, text: t });
const notFound = (name: string) =>
  text(false, `rpc error: code = NotFound desc = applications.argoproj.io "${name}" not found`);

export const APP_COMMANDS = [
  'list',
  'get',
  'diff',
  'history',
  'sync',
  'rollback',
  'set',
  'wait',
  'terminate-op',
];

/** Runs (or, for a change, translates) one argocd line. Only bugs throw. */
export function runArgocd(line: string, view: ArgoView, actor: string): Promise<CliResult> {
  // A promise, as the flux lines' (which read Git) are: the console awaits either.
  return Promise.resolve(argocdLine(line, view, actor));
}

function argocdLine(line: string, view: ArgoView, actor: string): CliResult {
  const words = tokenize(line);
  if (words instanceof Error) return text(false, words.message);
  if (words[0] === 'argocd') words.shift();
  if (view.gitops.options.flavour !== 'argo')
    return text(
      false,
      'argocd: this GitOps lane runs Flux, not Argo CD: there are no Applications here. Try flux get kustomizations.',
    );
  const [group, command, ...args] = words;
  if (group === undefined || group === 'help' || group === '--help' || command === 'help')
    return text(true, ARGOCD_HELP);
  if (group !== 'app' && group !== 'apps')
    return text(false, `Error: unknown command "${group}" for "argocd"\n\n${ARGOCD_HELP}`);
  try {
    return appCommand(command, args, view, actor);
  } catch (e) {
    if (e instanceof CliSyntaxError) return text(false, `Error: ${e.message}`);
    throw e;
  }
}

function appCommand(
  command: string | undefined,
  args: string[],
  view: ArgoView,
  actor: string,
): CliResult {
  const { gitops } = view;
  const appNamed = (name: string | undefined) => {
    const bare = name?.replace(`${ARGO.namespace}/`, '');
    return gitops.apps.find((a) => a.spec.name === bare);
  };
  if (command === 'list') {
    readFlags(args, [], []);
    return text(true, appList(view));
  }
  const flags = readFlags(
    args,
    ['--revision', '--sync-policy', '--timeout'],
    ['--dry-run', '--prune', '--self-heal', '--auto-prune', '--health', '--sync', '--operation'],
    ['--resource'],
  );
  const [name, ...rest] = flags.positional;
  if (command === undefined || !APP_COMMANDS.includes(command))
    return text(
      false,
      `Error: unknown command "${command ?? ''}" for "argocd app"\n\n${ARGOCD_HELP}`,
    );
  if (name === undefined) return text(false, `Error: argocd app ${command} needs an APPNAME`);
  const app = appNamed(name);
  if (!app) return notFound(name.replace(`${ARGO.namespace}/`, ''));
  const appName = app.spec.name;
  switch (command) {
    case 'get':
      return text(true, appGet(view, app));
    case 'history':
      return text(true, appHistory(app));
    case 'diff': {
      const d = appDiff(app);
      return text(true, d.text);
    }
    case 'sync':
      return syncLine(flags, appName, actor);
    case 'wait':
      return waitLine(flags, appName);
    case 'rollback': {
      const idText = rest[0];
      const id = idText === undefined ? undefined : Number(idText);
      if (id !== undefined && (!Number.isInteger(id) || id < 0))
        return text(false, `Error: invalid history id "${idText}"`);
      if (gitops.options.automated)
        return text(
          false,
          'rpc error: code = FailedPrecondition desc = rollback cannot be initiated when auto-sync is enabled',
        );
      if (id !== undefined && !app.history.some((h) => h.id === id))
        return text(
          false,
          `rpc error: code = InvalidArgument desc = application ${appName} does not have deployment with id ${id}`,
        );
      if (id === undefined && app.history.length < 2)
        return text(
          false,
          `rpc error: code = InvalidArgument desc = application ${appName} has no deployment to roll back to`,
        );
      return {
        kind: 'action',
        action: {
          rollback: {
            lane: 'gitops',
            method: 'history',
            by: actor,
            app: appName,
            ...(id !== undefined ? { to: id } : {}),
          },
        },
        after: showApp(appName),
      };
    }
    case 'set': {
      const policy = flags.values.get('--sync-policy');
      const set: Record<string, unknown> = {};
      if (policy !== undefined) {
        if (['automated', 'automatic', 'auto'].includes(policy)) set.automated = true;
        else if (['none', 'manual'].includes(policy)) set.automated = false;
        else return text(false, `Error: invalid sync policy "${policy}"`);
      }
      const selfHeal = flags.bools.get('--self-heal');
      const prune = flags.bools.get('--auto-prune');
      if (selfHeal !== undefined) set.selfHeal = selfHeal;
      if (prune !== undefined) set.prune = prune;
      if (Object.keys(set).length === 0)
        return text(
          false,
          'Error: argocd app set needs --sync-policy, --self-heal or --auto-prune',
        );
      return { kind: 'action', action: { set: { lane: 'gitops', ...set } } };
    }
    default: {
      // terminate-op
      if (app.operation?.phase !== 'Running')
        return text(
          false,
          'rpc error: code = InvalidArgument desc = Unable to terminate operation. No operation is in progress',
        );
      return {
        kind: 'action',
        action: { terminateOp: { lane: 'gitops', app: appName, by: actor } },
        after: () => `Application '${appName}' operation terminating`,
      };
    }
  }
}
