// `argocd app wait` (argo-cd docs/user-guide/commands/argocd_app_wait.md; cmd/argocd/commands/
// app.go `waitOnApplicationStatus`): what it waits for. With none of --health, --sync or
// --operation it waits for all three: Synced, Healthy, and no operation in progress.
import type { Application } from './applications';

export interface AppWaitCondition {
  health?: boolean;
  sync?: boolean;
  operation?: boolean;
}

/** The conditions asked for; none named means all of them, as the real command does. */
export function waitConditions(c: AppWaitCondition): Required<AppWaitCondition> {
  const any = c.health === true || c.sync === true || c.operation === true;
  return any
    ? { health: c.health === true, sync: c.sync === true, operation: c.operation === true }
    : { health: true, sync: true, operation: true };
}

/** Whether the app matches what `app wait` waits for. */
export function appMatches(app: Application, c: AppWaitCondition): boolean {
  const want = waitConditions(c);
  if (want.sync && app.sync !== 'Synced') return false;
  if (want.health && app.health !== 'Healthy') return false;
  return !(want.operation && app.operation?.phase === 'Running');
}

/** The real command's words when the time is up. */
export function waitTimedOut(app: string, timeoutMs: number): string {
  return `timed out (${Math.round(timeoutMs / 1000)}s) waiting for app "${app}" match desired state`;
}
