// What each lane says about its own work, for the `--json` report: the pipeline's runs (a CI
// system's run list), and each Application's conditions, last operation and sync history as
// `argocd app get -o json` shows them (status.conditions, status.operationState, status.history,
// status.resources with each one's sync status, health and requiresPruning), with the resource
// hooks the operation ran and their phases.
import { healthOf, type Cluster } from '../cluster';
import type { ResourceDiff } from '../compare/types';
import type { Application } from '../gitops/applications';
import type { PipelineRun } from '../devops/runs';
import { safeKey, safeRecord } from '../safe-keys';
import type { Sandbox } from '../sandbox';

export interface RunSummary {
  id: number;
  revision: string;
  trigger: PipelineRun['trigger'];
  by: string;
  result: PipelineRun['result'];
  startedAt: number;
  finishedAt?: number;
}

export interface ApplicationSummary {
  conditions: { type: string; message: string }[];
  operation: {
    phase: string;
    kind: string;
    revision: string;
    message: string;
    startedAt: number;
    finishedAt?: number;
    /**
     * The resource hooks it ran, when it ran any (argocd's operationState.syncResult.resources
     * with a hookType and hookPhase).
     */
    hooks?: { key: string; hookType: string; hookPhase: string; message: string }[];
  } | null;
  history: { id: number; revision: string; deployedAt: number }[];
  /** status.resources: what the last comparison found, in sync order. */
  resources: ResourceSummary[];
}

export interface ResourceSummary {
  group: string;
  kind: string;
  namespace?: string;
  name: string;
  status: string;
  /** Absent for a kind Argo CD has no health check for (a ConfigMap). */
  health?: string;
  requiresPruning?: true;
}

export function runSummaries(sandbox: Sandbox): RunSummary[] {
  return sandbox.devops.runs.map((r) => ({
    id: r.id,
    revision: r.revision,
    trigger: r.trigger,
    by: r.by,
    result: r.result,
    startedAt: r.startedAt,
    ...(r.finishedAt !== undefined ? { finishedAt: r.finishedAt } : {}),
  }));
}

export function applicationSummaries(sandbox: Sandbox): Record<string, ApplicationSummary> {
  // App names come from a scenario: a safe record, so `__proto__` is a plain key.
  const out = safeRecord<ApplicationSummary>();
  const cluster = sandbox.clusters.gitops;
  for (const app of sandbox.gitops.apps) out[safeKey(app.spec.name)] = summary(app, cluster);
  return out;
}

function resourceSummary(r: ResourceDiff, cluster: Cluster): ResourceSummary {
  const health = healthOf(cluster.byKey(r.key))?.status;
  return {
    group: r.group,
    kind: r.kind,
    ...(r.namespace !== undefined ? { namespace: r.namespace } : {}),
    name: r.name,
    status: r.status,
    ...(health ? { health } : {}),
    ...(r.requiresPruning ? { requiresPruning: true as const } : {}),
  };
}

function summary(app: Application, cluster: Cluster): ApplicationSummary {
  const op = app.operation;
  const hooks = (op?.results ?? []).flatMap((r) =>
    r.hook && r.hookPhase
      ? [{ key: r.key, hookType: r.hook, hookPhase: r.hookPhase, message: r.message }]
      : [],
  );
  return {
    conditions: app.conditions.map(({ type, message }) => ({ type, message })),
    operation: op
      ? {
          phase: op.phase,
          kind: op.kind,
          revision: op.revision,
          message: op.message,
          startedAt: op.startedAt,
          ...(op.finishedAt !== undefined ? { finishedAt: op.finishedAt } : {}),
          ...(hooks.length > 0 ? { hooks } : {}),
        }
      : null,
    history: app.history.map(({ id, revision, deployedAt }) => ({ id, revision, deployedAt })),
    resources: app.resources.map((r) => resourceSummary(r, cluster)),
  };
}
