// The console's `flux` lines, for a GitOps lane of the Flux flavour: one GitRepository
// (`flux-system`) and a Kustomization per app. `get` answers from the lane in Flux 2.x's table
// format; `reconcile` and `suspend`/`resume` become the scenario actions they stand for (a
// reconcile is a manual sync: Flux applies at once; suspend is the lane's `suspend` option), so the
// session records them.
import type { ArgoView as GitopsView, CliResult } from '../argocd-cli';
import type { Application } from '../gitops/lane';
import { tokenize } from '../kubectl/tokenize';
import { CliSyntaxError, readFlags } from '../argocd-cli/words';
import { fluxEvents } from './events';
import { fluxRevision, fluxTable } from './table';

export const FLUX_HELP = `flux lines the console runs (the GitOps lane's Flux objects):
  flux get kustomizations                   each app's Kustomization: revision, ready, message
  flux get sources git                      the GitRepository flux-system
  flux reconcile kustomization <name> [--with-source]
  flux reconcile source git flux-system
  flux suspend kustomization <name> | flux resume kustomization <name>
  flux events                               what the controllers did, oldest first`;

export const SOURCE = 'flux-system';
const NAMESPACE = 'flux-system';

/** READY and MESSAGE of a Kustomization, from the app's last apply and health (kstatus). */
function readiness(app: Application): [string, string] {
  const op = app.operation;
  if (op?.phase === 'Running') return ['Unknown', 'Reconciliation in progress'];
  if (op && op.phase !== 'Succeeded') return ['False', op.message];
  if (app.health === 'Degraded')
    return ['False', `Health check failed after 0s: ${app.healthMessage ?? 'Degraded'}`];
  if (app.health === 'Progressing') return ['Unknown', 'Reconciliation in progress'];
  if (!app.syncedRevision) return ['False', 'no revision applied yet'];
  return ['True', `Applied revision: ${fluxRevision(app.syncedRevision)}`];
}

export function getKustomizations(view: GitopsView): string {
  const suspended = view.gitops.options.suspend ? 'True' : 'False';
  const rows = view.gitops.apps.map((app) => {
    const [ready, message] = readiness(app);
    const rev = app.syncedRevision ? fluxRevision(app.syncedRevision) : '';
    return [app.spec.name, rev, suspended, ready, message];
  });
  return fluxTable([['NAME', 'REVISION', 'SUSPENDED', 'READY', 'MESSAGE'], ...rows]);
}

export function getSourcesGit(view: GitopsView): string {
  const fetched = view.gitops.apps.find((a) => a.comparedTo)?.comparedTo ?? null;
  const row = fetched
    ? [
        SOURCE,
        fluxRevision(fetched),
        'False',
        'True',
        `stored artifact for revision '${fluxRevision(fetched)}'`,
      ]
    : [SOURCE, '', 'False', 'False', 'no artifact stored yet'];
  return fluxTable([['NAME', 'REVISION', 'SUSPENDED', 'READY', 'MESSAGE'], row]);
}

const text = (ok: boolean, t: string): CliResult => ({ kind: 'text', ok, text: t });
const KUSTOMIZATION = ['kustomization', 'kustomizations', 'ks'];

/** Runs (or, for a change, translates) one flux line. Only bugs throw. */
export function runFlux(line: string, view: GitopsView, actor: string): CliResult {
  const words = tokenize(line);
  if (words instanceof Error) return text(false, words.message);
  if (words[0] === 'flux') words.shift();
  if (view.gitops.options.flavour !== 'flux')
    return text(
      false,
      'flux: this GitOps lane runs Argo CD, not Flux: there are no Kustomizations here. Try argocd app list.',
    );
  try {
    const { positional, bools } = readFlags(
      words,
      ['-n', '--namespace'],
      ['--with-source', '-A', '--all-namespaces'],
    );
    const [command, kind, name, extra] = positional;
    if (command === undefined || command === 'help') return text(true, FLUX_HELP);
    const apps = view.gitops.apps;
    const unknownKs = (n: string) =>
      text(false, `✗ Kustomization.kustomize.toolkit.fluxcd.io "${n}" not found`);
    switch (command) {
      case 'get':
        if (KUSTOMIZATION.includes(kind ?? '')) return text(true, getKustomizations(view));
        if (kind === 'sources' || kind === 'source') {
          if (name === 'git') return text(true, getSourcesGit(view));
          return text(false, `✗ flux get sources ${name ?? ''}: only git sources are simulated`);
        }
        return text(false, `✗ flux get ${kind ?? ''}: try kustomizations or sources git`);
      case 'events':
        if (!view.trail) return text(false, '✗ no events are kept here');
        return text(true, fluxEvents(view.trail.records, view.trail.now));
      case 'reconcile': {
        if (kind === 'source' && name === 'git') {
          if (extra !== SOURCE)
            return text(
              false,
              `✗ GitRepository.source.toolkit.fluxcd.io "${extra ?? ''}" not found`,
            );
          return {
            kind: 'action',
            action: { refresh: { lane: 'gitops' } },
            after: (v) =>
              `► annotating GitRepository ${SOURCE} in ${NAMESPACE} namespace\n✔ GitRepository annotated\n◎ waiting for GitRepository reconciliation\n${fetchedLine(v)}`,
          };
        }
        if (!KUSTOMIZATION.includes(kind ?? '') || !name)
          return text(false, '✗ flux reconcile takes kustomization <name> or source git <name>');
        const app = apps.find((a) => a.spec.name === name);
        if (!app) return unknownKs(name);
        return {
          kind: 'action',
          action: { sync: { lane: 'gitops', by: actor, app: name } },
          after: (v) => {
            const source = bools.get('--with-source')
              ? `► annotating GitRepository ${SOURCE} in ${NAMESPACE} namespace\n✔ GitRepository annotated\n◎ waiting for GitRepository reconciliation\n${fetchedLine(v)}\n`
              : '';
            const [ready, message] = readiness(app);
            const done =
              ready === 'False'
                ? `✗ ${message}`
                : `✔ applied revision ${app.syncedRevision ? fluxRevision(app.syncedRevision) : ''}`;
            return `${source}► annotating Kustomization ${name} in ${NAMESPACE} namespace\n✔ Kustomization annotated\n◎ waiting for Kustomization reconciliation\n${done}`;
          },
        };
      }
      case 'suspend':
      case 'resume': {
        if (!KUSTOMIZATION.includes(kind ?? '') || !name)
          return text(false, `✗ flux ${command} takes kustomization <name>`);
        if (!apps.some((a) => a.spec.name === name)) return unknownKs(name);
        const suspend = command === 'suspend';
        return {
          kind: 'action',
          action: { set: { lane: 'gitops', suspend } },
          after: () =>
            suspend
              ? `► suspending kustomization ${name} in ${NAMESPACE} namespace\n✔ kustomization suspended`
              : `► resuming kustomization ${name} in ${NAMESPACE} namespace\n✔ kustomization resumed`,
        };
      }
      default:
        return text(false, `✗ unknown command "${command}" for "flux"\n\n${FLUX_HELP}`);
    }
  } catch (e) {
    if (e instanceof CliSyntaxError) return text(false, `✗ ${e.message}`);
    throw e;
  }
}

function fetchedLine(view: GitopsView): string {
  const fetched = view.gitops.apps.find((a) => a.comparedTo)?.comparedTo;
  return fetched ? `✔ fetched revision ${fluxRevision(fetched)}` : '✗ no revision fetched yet';
}
