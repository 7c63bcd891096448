// The push lane's equivalent of an Argo CD PreSync hook: a step of the deploy job that runs the
// app's PreSync Jobs (a database migration) before the rest is applied, as a pipeline script
// would:
//
//   kubectl delete job/db-migrate --ignore-not-found   # a Job's template is immutable
//   kubectl apply -f db-migrate.yaml
//   kubectl wait --for=condition=complete job/db-migrate --timeout=<what is left of the step>
//   kubectl apply -f <the rest of the app>
//
// kubectl knows nothing of the hook annotation: the pipeline's author scripts the order. A Job
// that fails ends the step at once (the script also waits for `condition=failed`), and nothing
// else is applied; a Job still running when the deploy step's time is up fails the step
// ("timed out waiting for the condition"). Other hook types are plain objects to kubectl and are
// applied with the rest.
import type { DesiredApp } from '../apps/apps';
import { applyLine, jobFinished, refOf, type Cluster, type KObject } from '../cluster';
import { hookTypesOf } from '../compare/hooks';
import { CI_CONTEXT } from './deploy';

/** Polls the Jobs this often, as `kubectl wait` watches them. */
export const WAIT_POLL_MS = 1_000;

/** The app's PreSync Jobs, in manifest order. */
export function preDeployJobs(desired: DesiredApp): KObject[] {
  return desired.manifests.filter((m) => m.kind === 'Job' && hookTypesOf(m).includes('PreSync'));
}

/** The app without its PreSync Jobs: what the step applies once they completed. */
export function withoutPreDeployJobs(desired: DesiredApp, jobs: readonly KObject[]): DesiredApp {
  const objects = desired.objects.filter((o) => !jobs.includes(o.manifest));
  return { ...desired, objects, manifests: objects.map((o) => o.manifest) };
}

/** Re-creates the Jobs; returns the lines the script prints. */
export function startJobs(
  cluster: Cluster,
  jobs: readonly KObject[],
  revision: string,
  budgetMs: number,
): string[] {
  const lines: string[] = [];
  const ctx = { ...CI_CONTEXT, revision };
  for (const job of jobs) {
    const ref = refOf({
      ...job,
      metadata: { ...job.metadata, namespace: job.metadata.namespace ?? 'default' },
    });
    lines.push(`$ kubectl delete job/${job.metadata.name} --ignore-not-found`);
    if (cluster.get(ref)) {
      cluster.delete(ref, ctx);
      lines.push(`job.batch "${job.metadata.name}" deleted`);
    }
    const result = cluster.apply(job, ctx);
    lines.push(applyLine(result.display, result.outcome));
  }
  const names = jobs.map((j) => `job/${j.metadata.name}`).join(' ');
  lines.push(
    `$ kubectl wait --for=condition=complete ${names} --timeout=${Math.round(budgetMs / 1000)}s`,
  );
  return lines;
}

/** Where the Jobs stand: all Complete, one Failed (its name), or still running. */
export function jobsState(
  cluster: Cluster,
  jobs: readonly KObject[],
): { state: 'complete' } | { state: 'failed'; name: string } | { state: 'running' } {
  let running = false;
  for (const job of jobs) {
    const live = cluster.get({
      kind: 'Job',
      name: job.metadata.name,
      namespace: job.metadata.namespace ?? 'default',
    });
    const finished = live ? jobFinished(live) : null;
    if (finished === 'Failed') return { state: 'failed', name: job.metadata.name };
    if (finished !== 'Complete') running = true;
  }
  return running ? { state: 'running' } : { state: 'complete' };
}
