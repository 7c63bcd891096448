// Where the prune tasks of a sync run, as gitops-engine places them (`pkg/sync/sync_context.go`,
// `getSyncTasks`):
//
// - prune waves are swapped symmetrically (the lowest prune wave with the highest, and so on), so
//   objects are deleted in the reverse of the order they were created in;
// - a prune task then runs in the wave its swapped number names, before the applies of that wave
//   ("prune first", then create and update);
// - with `PruneLast=true` (the app's option or the resource's annotation) it runs instead in one
//   wave after every other: the last Sync wave + 1 (docs/user-guide/sync-options.md "Prune Last":
//   "a final, implicit wave of a sync operation, after the other resources have been deployed and
//   become healthy").
// The Flux flavour prunes after its apply (kustomize-controller garbage-collects once the apply
// succeeded): every prune is last there.
import type { SyncTask, SyncWave } from './sync-plan';

export interface PruneTask {
  task: SyncTask;
  /** Pruned in the final wave (PruneLast). */
  last: boolean;
}

/** Groups consecutive tasks of the same wave; a wave with no apply task is a prune wave. */
function intoWaves(tasks: readonly SyncTask[]): SyncWave[] {
  const waves: SyncWave[] = [];
  for (const t of tasks) {
    const last = waves[waves.length - 1];
    if (last && last.wave === t.wave) last.tasks.push(t);
    else waves.push({ action: t.action, wave: t.wave, tasks: [t] });
  }
  for (const w of waves) if (w.tasks.some((t) => t.action === 'apply')) w.action = 'apply';
  return waves;
}

/** The symmetric swap of the prune waves: each task gets its mirror wave. */
function swapped(prunes: readonly SyncTask[]): SyncTask[] {
  const waves = [...new Set(prunes.map((t) => t.wave))].sort((a, b) => a - b);
  const mirror = new Map(waves.map((w, i) => [w, waves[waves.length - 1 - i]!]));
  return prunes.map((t) => ({ ...t, wave: mirror.get(t.wave)! }));
}

/**
 * The waves of a sync: `applies` in sync order; `prunes` in reverse sync order (the order they
 * are deleted in within one wave).
 */
export function arrangeWaves(
  applies: readonly SyncTask[],
  prunes: readonly PruneTask[],
): SyncWave[] {
  const inWaves = swapped(prunes.filter((p) => !p.last).map((p) => p.task));
  const last = prunes.filter((p) => p.last).map((p) => p.task);
  const waves = [...new Set([...applies, ...inWaves].map((t) => t.wave))].sort((a, b) => a - b);
  const ordered = waves.flatMap((w) => [
    ...inWaves.filter((t) => t.wave === w),
    ...applies.filter((t) => t.wave === w),
  ]);
  const out = intoWaves(ordered);
  if (last.length === 0) return out;
  const after = (waves[waves.length - 1] ?? 0) + 1;
  return [
    ...out,
    { action: 'prune', wave: after, tasks: last.map((t) => ({ ...t, wave: after })) },
  ];
}
