// The console's `flux` lines, for a GitOps lane of the Flux flavour: one GitRepository
// (`flux-system`) and a Kustomization per app. `get` answers from the lane in Flux 2.x's table
// format; `reconcile` and `suspend`/`resume` become the scenario actions they stand for (a
// reconcile is a manual sync: Flux applies at once; suspend is the lane's `suspend` option), so the
// session records them.
import type { ArgoView as GitopsView, CliResult } from '../argocd-cli';
import type { Application } from '../gitops/lane';
import { tokenize } from '../kubectl/tokenize';
import { CliSyntaxError, readFlags } from '../argocd-cli/words';
import { kustomizationStatus } from '../gitops/flux-ready';
import { diffKustomization, type FluxDiffView } from './diff';
import { fluxEvents } from './events';
import { fluxRevision, fluxTable } from './table';

export const FLUX_HELP = `flux lines the console runs (the GitOps lane's Flux objects):
  flux get kustomizations                   each app's Kustomization: revision, ready, message
  flux get sources git                      the GitRepository flux-system
  flux reconcile kustomization <name> [--with-source]
  flux reconcile source git flux-system
  flux suspend kustomization <name> | flux resume kustomization <name>
  flux diff kustomization <name> --path <dir>
                                            what applying the folder <dir> would change
  flux events                               what the controllers did, oldest first`;

export const SOURCE = 'flux-system';
const NAMESPACE = 'flux-system';

/** READY and MESSAGE of a Kustomization: its Ready condition (gitops/flux-ready.ts). */
function readiness(app: Application): [string, string] {
  const { ready } = kustomizationStatus(app);
  return [ready.status, ready.message];
}

export function getKustomizations(view: GitopsView): string {
  const suspended = view.gitops.options.suspend ? 'True' : 'False';
  const rows = view.gitops.apps.map((app) => {
    const [ready, message] = readiness(app);
    const rev = kustomizationStatus(app).lastAppliedRevision;
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
export async function runFlux(line: string, view: FluxDiffView, actor: string): Promise<CliResult> {
  const words = tokenize(line);
  if (words instanceof Error) return text(false, words.message);
  if (words[0] === 'flux') words.shift();
  if (view.gitops.options.flavour !== 'flux')
    return text(
      false,
      'flux: this GitOps lane runs Argo CD, not Flux: there are no Kustomizations here. Try argocd app list.',
    );
  try {
    const flags = readFlags(
      words,
      ['-n', '--namespace', '--path'],
      ['--with-source', '-A', '--all-namespaces', '--progress-bar'],
    );
    const { positional, bools } = flags;
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
      case 'diff': {
        if (!KUSTOMIZATION.includes(kind ?? ''))
          return text(false, '✗ flux diff takes kustomization <name> --path <dir>');
        if (!name) return text(false, '✗ Kustomization name is required');
        const diff = await diffKustomization(view, name, flags.values.get('--path') ?? '');
        // Exit 1 (a change found) is what the command is for: only an error is a refusal.
        return text(diff.exit < 2, diff.text);
      }
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
