// What the argocd CLI's read commands print, from the GitOps lane's Applications, in Argo CD 3.x's
// formats (cmd/argocd/commands/app.go: printApplicationTable, printAppSummaryTable,
// printAppResources, the history table, and `app diff`'s `===== group/Kind ns/name ======`).
import type { AuditRecord } from '../audit';
import { healthOf, type Cluster } from '../cluster';
import { isoTime } from '../cluster/time';
import type { Application, GitopsLane } from '../gitops/lane';
import { pruneDisabledByAnnotation } from '../gitops/resource-sync-options';
import { goTime, tabwriter } from './table';

/** Where DriftLab's simulated Argo CD says things live (no real server or repository). */
export const ARGO = {
  namespace: 'argocd',
  server: 'https://kubernetes.default.svc',
  url: 'https://argocd.driftlab.local',
  repo: 'https://git.driftlab.local/config.git',
  project: 'default',
  destinationNamespace: 'default',
  target: 'HEAD',
} as const;

export interface ArgoView {
  gitops: GitopsLane;
  cluster: Cluster;
  /** The audit trail and the time now (`flux events` reads them). */
  trail?: { records: readonly AuditRecord[]; now: number };
}

const qualified = (app: Application) => `${ARGO.namespace}/${app.spec.name}`;

/** SYNCPOLICY in `app list`: Manual, Auto or Auto-Prune. */
function listPolicy(view: ArgoView): string {
  const o = view.gitops.options;
  return o.automated ? (o.prune ? 'Auto-Prune' : 'Auto') : 'Manual';
}

function conditions(app: Application): string {
  if (app.conditions.length === 0) return '<none>';
  const counts = new Map<string, number>();
  for (const c of app.conditions) counts.set(c.type, (counts.get(c.type) ?? 0) + 1);
  return [...counts].map(([type, n]) => (n > 1 ? `${type}(${n})` : type)).join(',');
}

export function appList(view: ArgoView): string {
  const header = [
    'NAME',
    'CLUSTER',
    'NAMESPACE',
    'PROJECT',
    'STATUS',
    'HEALTH',
    'SYNCPOLICY',
    'CONDITIONS',
    'REPO',
    'PATH',
    'TARGET',
  ];
  const rows = view.gitops.apps.map((app) => [
    qualified(app),
    ARGO.server,
    ARGO.destinationNamespace,
    ARGO.project,
    app.sync,
    app.health,
    listPolicy(view),
    conditions(app),
    ARGO.repo,
    app.spec.path,
    ARGO.target,
  ]);
  return tabwriter([header, ...rows]);
}

/** `Synced to HEAD (abc1234)`, `OutOfSync from HEAD (abc1234)`, `Unknown`. */
export function syncStatusText(app: Application): string {
  let text: string = app.sync;
  if (app.sync === 'Synced') text += ` to ${ARGO.target}`;
  if (app.sync === 'OutOfSync') text += ` from ${ARGO.target}`;
  if (app.comparedTo && app.comparedTo.length > 7) text += ` (${app.comparedTo.slice(0, 7)})`;
  return text;
}

function summaryPolicy(view: ArgoView): string {
  const o = view.gitops.options;
  if (!o.automated) return 'Manual';
  const extras = [o.prune ? 'Prune' : '', o.selfHeal ? 'Self Heal' : ''].filter(Boolean);
  return extras.length ? `Automated (${extras.join(', ')})` : 'Automated';
}

const field = (label: string, value: string) => `${label.padEnd(20)}${value}`.trimEnd();

function resourceTable(view: ArgoView, app: Application): string {
  const messages = new Map((app.operation?.results ?? []).map((r) => [r.key, r.message]));
  const rows = app.resources.map((r) => {
    const live = view.cluster.byKey(r.key);
    const health = live ? (healthOf(live)?.status ?? '') : 'Missing';
    return [
      r.group,
      r.kind,
      r.namespace ?? '',
      r.name,
      r.status,
      health,
      '',
      messages.get(r.key) ?? pruneMessage(r),
    ];
  });
  return tabwriter([
    ['GROUP', 'KIND', 'NAMESPACE', 'NAME', 'STATUS', 'HEALTH', 'HOOK', 'MESSAGE'],
    ...rows,
  ]);
}

/** `operation`: the operation block printFinalStatus puts before the resources (operation.ts). */
/** gitops-engine `pruneObject`'s words for a resource that requires pruning and was left. */
function pruneMessage(r: Application['resources'][number]): string {
  if (!r.requiresPruning) return '';
  return pruneDisabledByAnnotation(r.live) ? 'ignored (no prune)' : 'ignored (requires pruning)';
}

export function appGet(view: ArgoView, app: Application, operation = ''): string {
  const lines = [
    field('Name:', qualified(app)),
    field('Project:', ARGO.project),
    field('Server:', ARGO.server),
    field('Namespace:', ARGO.destinationNamespace),
    field('URL:', `${ARGO.url}/applications/${app.spec.name}`),
    'Source:',
    field('- Repo:', ARGO.repo),
    field('  Target:', ARGO.target),
    field('  Path:', app.spec.path),
    field('SyncWindow:', 'Sync Allowed'),
    field('Sync Policy:', summaryPolicy(view)),
    field('Sync Status:', syncStatusText(app)),
    field('Health Status:', app.health),
  ];
  if (app.conditions.length > 0)
    lines.push(
      '',
      tabwriter([['CONDITION', 'MESSAGE'], ...app.conditions.map((c) => [c.type, c.message])]),
    );
  if (operation) lines.push('', operation);
  lines.push('', resourceTable(view, app));
  return lines.join('\n');
}

export function appHistory(app: Application): string {
  // Oldest first, as status.history stores them.
  const rows = app.history.map((h) => [
    String(h.id),
    goTime(isoTime(h.deployedAt)),
    `${ARGO.target} (${h.revision.slice(0, 7)})`,
  ]);
  return [
    tabwriter([['SOURCE', ARGO.repo]]),
    tabwriter([['ID', 'DATE', 'REVISION'], ...rows]),
  ].join('\n');
}

/**
 * `argocd app diff`: each OutOfSync resource under `===== group/Kind ns/name ======`, then its
 * diff. The real command exits 1 when something differs, 0 when nothing does; the console says so.
 */
export function appDiff(app: Application): { differs: boolean; text: string } {
  const parts = app.resources
    .filter((r) => r.status === 'OutOfSync')
    .map((r) => {
      const head = `===== ${r.group}/${r.kind} ${r.namespace ?? ''}/${r.name} ======`;
      const body =
        r.textDiff ??
        (r.reason === 'missing'
          ? 'in Git, not live: a sync creates it'
          : r.reason === 'extra'
            ? 'live, not in Git: a sync with prune deletes it'
            : '');
      return body ? `${head}\n${body.trimEnd()}` : head;
    });
  if (parts.length === 0) return { differs: false, text: '(exit 0: no differences)' };
  return { differs: true, text: `${parts.join('\n')}\n(exit 1: the live state differs from Git)` };
}
