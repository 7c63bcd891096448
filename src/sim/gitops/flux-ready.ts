// A Flux Kustomization's `Ready` condition and its revisions, as kustomize-controller writes them
// (internal/controller/kustomization_controller.go; REFERENCE.md, Flux flavour), read from the
// Application the lane keeps for each Kustomization:
//   reconcile running (apply or health check)   Unknown  Progressing   "Reconciliation in progress"
//   apply refused (the dry run, an apply)        False    ReconciliationFailed   the apply's error
//   health check failed or timed out             False    HealthCheckFailed      "health check failed after 30s: ..."
//   manifests that do not build                  False    BuildFailed            the parse error
//   app path missing at the revision            False    ArtifactFailed  "kustomization path not found: ..."
//   Git never fetched (no artifact)              False    ArtifactFailed  "Source artifact not found, retrying in 30s"
//   last reconcile succeeded                     True     ReconciliationSucceeded "Applied revision: main@sha1:<sha>"
// `lastAppliedRevision` moves only when a reconcile succeeds (health check included);
// `lastAttemptedRevision` when one starts.
// Simplification: no `dependsOn`, so no DependencyNotReady; no prune failures (PruneFailed).
import type { Application } from './applications';

/** `main@sha1:<sha>`: how Flux 2.x writes a GitRepository revision (DriftLab's lane follows main). */
export const fluxRevision = (sha: string) => `main@sha1:${sha}`;

/** The reasons a finished reconcile leaves on Ready. */
export type FluxOutcome = 'ReconciliationSucceeded' | 'ReconciliationFailed' | 'HealthCheckFailed';

export type ReadyReason = FluxOutcome | 'Progressing' | 'BuildFailed' | 'ArtifactFailed';

export interface ReadyCondition {
  type: 'Ready';
  status: 'True' | 'False' | 'Unknown';
  reason: ReadyReason;
  message: string;
}

export interface KustomizationStatus {
  ready: ReadyCondition;
  /** `main@sha1:<sha>` of the last reconcile that succeeded; '' before one has. */
  lastAppliedRevision: string;
  /** `main@sha1:<sha>` of the last reconcile started; '' before one has. */
  lastAttemptedRevision: string;
}

/** The Ready message of a successful reconcile. */
export const appliedMessage = (sha: string) => `Applied revision: ${fluxRevision(sha)}`;

/** kustomize-controller's DependencyRequeueInterval default, in its messages. */
const ARTIFACT_RETRY = '30s';

const ready = (
  status: ReadyCondition['status'],
  reason: ReadyReason,
  message: string,
): ReadyCondition => ({ type: 'Ready', status, reason, message });

/** What stopped the last comparison, in Flux's words, or null. */
function sourceOrBuildProblem(app: Application): ReadyCondition | null {
  const problem = app.conditions.find((c) => c.type === 'ComparisonError');
  if (!problem) return null;
  // A failed fetch leaves the last artifact in place: Flux goes on with it, if it has one.
  if (problem.message.startsWith('rpc error'))
    return app.comparedTo
      ? null
      : ready(
          'False',
          'ArtifactFailed',
          `Source artifact not found, retrying in ${ARTIFACT_RETRY}`,
        );
  const missing = /^[^:]*:\d+:\d+: app path does not exist: (.*)$/.exec(problem.message);
  if (missing)
    return ready(
      'False',
      'ArtifactFailed',
      `kustomization path not found: stat ${missing[1]}: no such file or directory`,
    );
  return ready('False', 'BuildFailed', problem.message);
}

export function kustomizationStatus(app: Application): KustomizationStatus {
  const op = app.operation;
  return {
    ready: readyOf(app),
    lastAppliedRevision: app.syncedRevision ? fluxRevision(app.syncedRevision) : '',
    lastAttemptedRevision: op ? fluxRevision(op.revision) : '',
  };
}

function readyOf(app: Application): ReadyCondition {
  const problem = sourceOrBuildProblem(app);
  if (problem) return problem;
  const op = app.operation;
  if (!op || op.phase === 'Running')
    return ready('Unknown', 'Progressing', 'Reconciliation in progress');
  if (op.phase === 'Succeeded')
    return ready('True', 'ReconciliationSucceeded', appliedMessage(op.revision));
  return ready('False', op.reason ?? 'ReconciliationFailed', op.message);
}
