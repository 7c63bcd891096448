// The sync plan as the view shows it: the plan a manual Sync of Git HEAD would run (the lane's own
// planner, gitops/operation-plan.ts), cut down to the tasks that change something. A Sync applies
// every resource of the app; those already Synced are applied unchanged and are not listed.
import type { HookPhase } from '../sim/compare/hooks';
import type { SyncPreview } from '../sim/gitops/operation-plan';
import type { FieldDiff } from '../sim/compare/types';

export interface PlannedTask {
  key: string;
  kind: string;
  name: string;
  verb: 'create' | 'update' | 'prune';
  /** The wave the sync runs it in (a Namespace or a CRD moved up takes its user's wave). */
  wave: number;
  /** What differs: missing (not live), extra (not in Git) or modified. */
  drift: 'missing' | 'extra' | 'modified';
  fields: FieldDiff[];
  textDiff?: string;
  /** The planner's warning about this resource (a sync-wave that is not an integer). */
  warning?: string;
}

/** An Argo CD resource hook the sync runs (every sync runs it, changed or not). */
export interface PlannedHook {
  key: string;
  kind: string;
  name: string;
  phase: HookPhase;
  wave: number;
}

export interface AppPlanView {
  app: string;
  tasks: PlannedTask[];
  /** The hooks, in the order the sync runs them (PreSync, Sync, PostSync; SyncFail on failure). */
  hooks: PlannedHook[];
  /** Resources Git no longer declares that the sync leaves alone, and why. */
  leftBehind: { key: string; kind: string; name: string; why: string }[];
  /** Why the sync would not run at all (manifests that do not parse). */
  refused?: string;
}

export function planView(preview: SyncPreview, prune: boolean): AppPlanView {
  const { plan } = preview;
  const changed = new Map(preview.resources.map((r) => [r.key, r]));
  const warnings = new Map(plan.warnings.map((w) => [w.key, w.message]));
  const hooks = plan.waves.flatMap((wave) =>
    wave.tasks.flatMap((t): PlannedHook[] =>
      t.hook ? [{ key: t.key, kind: t.kind, name: t.name, phase: t.hook, wave: t.wave }] : [],
    ),
  );
  const tasks = plan.waves.flatMap((wave) =>
    wave.tasks.flatMap((t): PlannedTask[] => {
      if (t.hook) return [];
      const r = changed.get(t.key);
      if (!r) return [];
      const drift = r.reason ?? 'modified';
      const warning = warnings.get(t.key);
      return [
        {
          key: t.key,
          kind: t.kind,
          name: t.name,
          verb: t.action === 'prune' ? 'prune' : drift === 'missing' ? 'create' : 'update',
          wave: t.wave,
          drift,
          fields: r.fields,
          ...(r.textDiff ? { textDiff: r.textDiff } : {}),
          ...(warning ? { warning } : {}),
        },
      ];
    }),
  );
  return {
    app: preview.app,
    tasks,
    hooks,
    leftBehind: plan.skippedPrune.map((r) => ({
      key: r.key,
      kind: r.kind,
      name: r.name,
      why: prune ? 'prune is disabled on the object' : 'prune is off',
    })),
    ...(plan.refused ? { refused: plan.refused.message } : {}),
  };
}
