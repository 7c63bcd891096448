// The task list of one sync, as gitops-engine orders it (`pkg/sync/sync_tasks.go`):
//
//   order: phase, wave, kind, name
//
// - phase: PreSync hooks, then the Sync phase (resources and Sync hooks), then PostSync hooks;
//   SyncFail hooks run only when the operation fails (hook-plan.ts adds the hooks' tasks).
// - wave: annotation `argocd.argoproj.io/sync-wave`, an integer, default 0, negatives allowed.
// - kind: Argo's kindOrder (Helm's install order); kinds it does not list come after those it does.
// - name; then namespace, only so that the order never depends on input order.
// - a Namespace moves up to the first task that lives in it (taking that task's wave), and a
//   CustomResourceDefinition up to the first object of the kind it defines (`adjustDeps`).
// - prune tasks: Argo swaps the prune waves symmetrically and runs each prune first in its wave;
//   PruneLast=true puts them in one wave after all others (prune-waves.ts). Without `pruneLast`
//   (the Flux flavour) they run in reverse wave order after every apply wave.
// The engine runs one wave, waits until its resources are Healthy and WAVE_DELAY_MS more, then
// runs the next (sync-run.ts).
import type { KObject, ObjectRef } from '../cluster';
import type { HookPhase } from '../compare/hooks';
import { groupOf } from '../compare/ignore';
import { compareSyncOrder, syncWaveOf } from '../compare/sync-order';
import type { ReconcileResult, ResourceDiff } from '../compare/types';
import { arrangeWaves } from './prune-waves';

// The order is the diff's too: it lives with the diff (compare/sync-order.ts).
export { compareSyncOrder, syncWaveOf } from '../compare/sync-order';

/** Argo waits 2 s between waves (`ARGOCD_SYNC_WAVE_DELAY`), letting controllers observe the last one. */
export const WAVE_DELAY_MS = 2000;

export interface SyncTask {
  action: 'apply' | 'prune';
  key: string;
  ref: ObjectRef;
  wave: number;
  kind: string;
  name: string;
  /** What an apply task applies (the desired manifest, namespace resolved). */
  manifest?: KObject;
  /** A resource hook's task: the phase it runs in (hook-plan.ts). */
  hook?: HookPhase;
}

export interface SyncWave {
  action: 'apply' | 'prune';
  wave: number;
  tasks: SyncTask[];
  /** The hook phase the wave belongs to; none: the Sync phase. */
  phase?: HookPhase;
}

export interface SyncPlanWarning {
  code: 'InvalidSyncWave';
  key: string;
  message: string;
}

export interface SyncPlan {
  waves: SyncWave[];
  /** Resources that need pruning but were left alone because prune is off. */
  skippedPrune: ResourceDiff[];
  warnings: SyncPlanWarning[];
  /** Set when the sync must not run (`E_WOULD_PRUNE_ALL`); `waves` is then empty. */
  refused?: { code: string; message: string };
}

export interface PlanOptions {
  prune: boolean;
  /** Allow a sync that prunes the app down to zero resources (automated.allowEmpty). */
  allowEmpty?: boolean;
  /** Self-heal: only the resources that are not Synced. */
  selective?: boolean;
  /** How many resources Git declares for the app. */
  desiredCount: number;
  /** The revision being synced, for the refusal message. */
  revision?: string;
  /**
   * A live object that must not be pruned (Flux `kustomize.toolkit.fluxcd.io/prune: disabled`,
   * Argo `argocd.argoproj.io/sync-options: Prune=false`).
   */
  keepLive?: (live: KObject) => boolean;
  /** Argo: which prunes run in the final wave (PruneLast); the others run in the waves. */
  pruneLast?: (r: ResourceDiff) => boolean;
  /** Only these resources (`argocd app sync --resource`): a selective sync. */
  only?: (r: ResourceDiff) => boolean;
}

function taskOf(r: ResourceDiff, action: SyncTask['action']): SyncTask {
  const task: SyncTask = {
    action,
    key: r.key,
    ref: r.ref,
    wave: r.syncWave,
    kind: r.kind,
    name: r.name,
  };
  if (action === 'apply' && r.desired) task.manifest = r.desired;
  return task;
}

/**
 * gitops-engine `syncTasks.adjustDeps`: a dependency (a Namespace, a CRD) found after the first
 * task that needs it moves in front of that task and takes its wave.
 */
function adjustDeps(
  tasks: SyncTask[],
  isDep: (t: SyncTask) => string | null,
  needs: (t: SyncTask) => string | null,
): void {
  const firstUse = new Map<string, number>();
  for (let i = 0; i < tasks.length; i++) {
    const t = tasks[i]!;
    const dep = isDep(t);
    if (dep !== null) {
      const at = firstUse.get(dep);
      if (at === undefined) continue;
      tasks.splice(i, 1);
      tasks.splice(at, 0, { ...t, wave: tasks[at]!.wave });
      for (const [k, v] of firstUse) if (v >= at) firstUse.set(k, v + 1);
      continue;
    }
    const need = needs(t);
    if (need !== null && !firstUse.has(need)) firstUse.set(need, i);
  }
}

function crdDefines(manifest: KObject | undefined): string | null {
  const spec = manifest?.spec as { group?: string; names?: { kind?: string } } | undefined;
  return spec?.group && spec.names?.kind ? `${spec.group}/${spec.names.kind}` : null;
}

function intoWaves(tasks: SyncTask[], action: SyncTask['action']): SyncWave[] {
  const waves: SyncWave[] = [];
  for (const t of tasks) {
    const last = waves[waves.length - 1];
    if (last && last.wave === t.wave) last.tasks.push(t);
    else waves.push({ action, wave: t.wave, tasks: [t] });
  }
  return waves;
}

/** The ordered tasks of a sync. Pure: the engine runs the waves. */
export function planSync(result: ReconcileResult, opts: PlanOptions): SyncPlan {
  const { only } = opts;
  const picked = only ? result.resources.filter(only) : result.resources;
  const chosen = opts.selective ? picked.filter((r) => r.status !== 'Synced') : picked;
  const keep = opts.keepLive;
  const kept = keep ? chosen.filter((r) => r.requiresPruning && r.live && keep(r.live)) : [];
  const extras = chosen.filter((r) => r.requiresPruning && !kept.includes(r));
  if (opts.prune && !opts.allowEmpty && opts.desiredCount === 0 && extras.length > 0) {
    // argo-cd controller/appcontroller.go autoSync: the guard is auto-sync's; a manual sync
    // passes allowEmpty: true.
    const to = opts.revision ? ` to ${opts.revision}` : '';
    return {
      waves: [],
      skippedPrune: [],
      warnings: [],
      refused: {
        code: 'E_WOULD_PRUNE_ALL',
        message: `Skipping sync attempt${to}: auto-sync will wipe out all resources`,
      },
    };
  }
  const warnings: SyncPlanWarning[] = chosen.flatMap((r) => {
    const { invalid } = syncWaveOf(r.desired ?? r.live);
    return invalid === undefined
      ? []
      : [
          {
            code: 'InvalidSyncWave' as const,
            key: r.key,
            message: `${r.key}: sync-wave "${invalid}" is not an integer; Argo CD uses wave 0`,
          },
        ];
  });
  const applies = chosen
    .filter((r) => r.desired)
    .sort(compareSyncOrder)
    .map((r) => taskOf(r, 'apply'));
  // Without a Namespace or a CRD among the tasks there is nothing to move (the common case).
  if (applies.some((t) => t.kind === 'Namespace'))
    adjustDeps(
      applies,
      (t) => (t.kind === 'Namespace' && groupOf(t.manifest!.apiVersion) === '' ? t.name : null),
      (t) => t.ref.namespace ?? null,
    );
  if (applies.some((t) => t.kind === 'CustomResourceDefinition'))
    adjustDeps(
      applies,
      (t) => (t.kind === 'CustomResourceDefinition' ? crdDefines(t.manifest) : null),
      (t) => `${groupOf(t.manifest!.apiVersion)}/${t.kind}`,
    );
  const sorted = opts.prune
    ? [...extras].sort((a, b) => b.syncWave - a.syncWave || compareSyncOrder(a, b))
    : [];
  const { pruneLast } = opts;
  const waves = pruneLast
    ? arrangeWaves(
        applies,
        sorted.map((r) => ({ task: taskOf(r, 'prune'), last: pruneLast(r) })),
      )
    : [
        ...intoWaves(applies, 'apply'),
        ...intoWaves(
          sorted.map((r) => taskOf(r, 'prune')),
          'prune',
        ),
      ];
  return {
    waves,
    skippedPrune: opts.prune ? kept : [...kept, ...extras],
    warnings,
  };
}
