// Resource hooks in the plan of an Argo CD sync (argo-cd docs/user-guide/resource_hooks.md,
// sync-waves.md; REFERENCE.md, hooks):
//
//   order: phase (PreSync, Sync, PostSync), wave, kind, name
//
// - PreSync hooks run before any resource is applied; each of their waves must complete first.
// - Sync hooks run in the Sync phase with the resources of their wave, after them.
// - PostSync hooks run once every Sync-phase task succeeded and its resources are Healthy.
// - SyncFail hooks are planned last and run only when the operation fails (sync-run.ts).
// - A selective sync (self-heal's) runs no hooks ("Hooks are not run during selective sync").
// A manifest may name several phases ("PreSync,PostSync"): it is one task in each.
//
// Simplification: `generateName` is not supported (a manifest must have a name, as for
// `kubectl apply`); use BeforeHookCreation, the default, to re-create a named hook each sync.
import type { KObject } from '../cluster';
import { refKey, refOf } from '../cluster';
import { scopeDesired } from '../compare/diff';
import { hooksAmong, hookTypesOf, type HookPhase } from '../compare/hooks';
import { compareSyncOrder, syncWaveOf } from '../compare/sync-order';
import type { SyncPlan, SyncTask, SyncWave } from './sync-plan';

function hookTask(manifest: KObject, phase: HookPhase): SyncTask {
  const scoped = scopeDesired(manifest);
  const ref = refOf(scoped);
  return {
    action: 'apply',
    key: refKey(ref),
    ref,
    wave: syncWaveOf(manifest).wave,
    kind: manifest.kind,
    name: manifest.metadata.name,
    manifest: scoped,
    hook: phase,
  };
}

const order = (a: SyncTask, b: SyncTask) =>
  compareSyncOrder(
    { syncWave: a.wave, kind: a.kind, name: a.name, namespace: a.ref.namespace },
    { syncWave: b.wave, kind: b.kind, name: b.name, namespace: b.ref.namespace },
  );

function wavesOf(tasks: SyncTask[], phase: HookPhase): SyncWave[] {
  const waves: SyncWave[] = [];
  for (const t of [...tasks].sort(order)) {
    const last = waves[waves.length - 1];
    if (last && last.wave === t.wave) last.tasks.push(t);
    else waves.push({ action: 'apply', wave: t.wave, tasks: [t], phase });
  }
  return waves;
}

/** Sync hooks join the apply wave of their number (after its resources), or make their own. */
function mergeSyncHooks(waves: SyncWave[], hooks: SyncTask[]): SyncWave[] {
  const applies = waves
    .filter((w) => w.action === 'apply')
    .map((w) => ({ ...w, tasks: [...w.tasks] }));
  const prunes = waves.filter((w) => w.action === 'prune');
  for (const hook of wavesOf(hooks, 'Sync')) {
    const same = applies.find((w) => w.wave === hook.wave);
    if (same) same.tasks.push(...hook.tasks);
    else {
      const { phase: _sync, ...wave } = hook;
      applies.push(wave);
    }
  }
  applies.sort((a, b) => a.wave - b.wave);
  return [...applies, ...prunes];
}

/**
 * The plan with the hooks of `manifests` (Git's objects for the app) added in their phases.
 * Returns `plan` itself when there are none, or when the sync is refused or selective.
 */
export function withHooks(
  plan: SyncPlan,
  manifests: readonly KObject[],
  selective: boolean,
): SyncPlan {
  if (plan.refused || selective) return plan;
  const hooks = hooksAmong(manifests);
  if (hooks.length === 0) return plan;
  const byPhase = (phase: HookPhase) =>
    hooks.filter((h) => hookTypesOf(h).includes(phase)).map((h) => hookTask(h, phase));
  return {
    ...plan,
    waves: [
      ...wavesOf(byPhase('PreSync'), 'PreSync'),
      ...mergeSyncHooks(plan.waves, byPhase('Sync')),
      ...wavesOf(byPhase('PostSync'), 'PostSync'),
      ...wavesOf(byPhase('SyncFail'), 'SyncFail'),
    ],
  };
}

/**
 * What must be done before wave `next` starts: the previous wave's applies (Healthy, hooks
 * complete); before the first PostSync wave every Sync-phase apply; before the first SyncFail
 * wave (the operation failed), nothing.
 */
export function awaitedBeforeWave(waves: readonly SyncWave[], next: number): SyncTask[] {
  const wave = waves[next];
  const previous = waves[next - 1];
  if (!previous || (previous.action !== 'apply' && wave?.phase !== 'PostSync')) return [];
  if (wave?.phase === 'SyncFail' && previous.phase !== 'SyncFail') return [];
  if (wave?.phase === 'PostSync' && previous.phase !== 'PostSync')
    return waves
      .slice(0, next)
      .filter((w) => w.action === 'apply' && w.phase !== 'PreSync')
      .flatMap((w) => w.tasks);
  return previous.tasks;
}
