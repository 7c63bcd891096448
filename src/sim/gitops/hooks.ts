// Running Argo CD's resource hooks in a sync (argo-cd docs/user-guide/resource_hooks.md;
// REFERENCE.md, hooks; gitops-engine pkg/sync): a hook is created in its phase and the phase
// waits for its completion. A Job or Pod hook completes as its health says (gitops-engine reads a
// hook's phase from health: Healthy = Succeeded, Degraded = Failed, otherwise Running); a hook of
// a kind without a health check has succeeded once created. Delete policies
// (`argocd.argoproj.io/hook-delete-policy`):
// - BeforeHookCreation (the default): the hook left by the previous sync is deleted before the
//   new one is created, so a named hook runs again each sync;
// - HookSucceeded / HookFailed: the hook is deleted once it succeeded / failed.
// Without BeforeHookCreation a named hook is applied over the one left live: an unchanged,
// finished Job has already completed, and a changed Job template is refused (immutable).
//
// Simplification: hooks do not carry the tracking annotation. Argo CD marks them too, and leaves
// them out of the diff, the sync status and pruning (compare/hooks.ts): the effect is the same.
import {
  applyLine,
  healthOf,
  refKey,
  type Cluster,
  type KObject,
  type WriteContext,
} from '../cluster';
import { deletePoliciesOf } from '../compare/hooks';
import type { SyncTask } from './sync-plan';
import type { TaskResult } from './sync-run';

/** A hook's state in the operation (Argo CD's `hookPhase`). */
export type HookState = 'Running' | 'Succeeded' | 'Failed';

export interface HookStatus {
  state: HookState;
  message: string;
}

/** A resource as Argo CD's operation messages name it: group/Kind/name (batch/Job/db-migrate). */
export function taskName(task: SyncTask): string {
  const group = task.manifest?.apiVersion.includes('/')
    ? task.manifest.apiVersion.split('/')[0]
    : '';
  return `${group}/${task.kind}/${task.name}`;
}

export class HookRun {
  /** Hooks that finished, by task key and phase: a deleted hook stays finished. */
  private readonly finished = new Map<string, HookStatus>();

  constructor(
    private readonly cluster: Cluster,
    private readonly ctx: WriteContext,
  ) {}

  /**
   * Creates the hook of `task`; returns the line its result shows. Throws the cluster's error
   * when the API server refuses it.
   */
  start(task: SyncTask): string {
    const manifest = task.manifest!;
    const live = this.cluster.get(task.ref);
    if (live && deletePoliciesOf(manifest).includes('BeforeHookCreation'))
      this.cluster.delete(task.ref, this.ctx);
    const result = this.cluster.apply(manifest, this.ctx);
    return applyLine(result.display, result.outcome);
  }

  /**
   * The hook's state now, also written to its task's result; applies its delete policy once it
   * has finished.
   */
  poll(task: SyncTask, results: TaskResult[]): HookStatus {
    const status = this.check(task);
    const result = results.find((r) => r.key === task.key && r.hook === task.hook);
    if (result) {
      result.hookPhase = status.state;
      if (status.state !== 'Running' && status.message) result.message = status.message;
      result.ok = status.state !== 'Failed';
    }
    return status;
  }

  private check(task: SyncTask): HookStatus {
    const id = `${task.hook!}\0${refKey(task.ref)}`;
    const done = this.finished.get(id);
    if (done) return done;
    const live = this.cluster.get(task.ref);
    if (!live)
      return { state: 'Failed', message: `${taskName(task)} was deleted before it completed` };
    const status = hookStatus(live);
    if (status.state === 'Running') return status;
    this.finished.set(id, status);
    const policies = deletePoliciesOf(task.manifest!);
    const policy = status.state === 'Succeeded' ? 'HookSucceeded' : 'HookFailed';
    if (policies.includes(policy)) this.cluster.delete(task.ref, this.ctx);
    return status;
  }
}

function hookStatus(live: KObject): HookStatus {
  const health = healthOf(live);
  if (!health || health.status === 'Healthy')
    return { state: 'Succeeded', message: health?.message ?? '' };
  if (health.status === 'Degraded') return { state: 'Failed', message: health.message ?? '' };
  return { state: 'Running', message: health.message ?? '' };
}

/** The operation's message when a hook failed (Argo CD's text, then which hook and why). */
export function hookFailure(task: SyncTask, status: HookStatus): string {
  return (
    `one or more synchronization tasks completed unsuccessfully: ${taskName(task)} ` +
    `(${task.hook} hook) failed${status.message ? `: ${status.message}` : ''}`
  );
}

/** "waiting for completion of hook batch/Job/db-migrate" (and N more hooks), as Argo CD says. */
export function waitingForHooks(names: string[]): string {
  const more = names.length - 1;
  return `waiting for completion of hook ${names[0]}${more > 0 ? ` and ${more} more hook${more > 1 ? 's' : ''}` : ''}`;
}
