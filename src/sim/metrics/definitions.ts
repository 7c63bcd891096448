// Every metric DriftLab shows, defined once: the terms it counts (the predicates below), its formula
// and where the definition comes from. dora.ts, drift.ts, coverage.ts and rebuild.ts compute them
// from the audit trail alone, so no separate counter can disagree with the trail.
// Common rules: an event counts when its time lies in [window.start, window.end] (both ends
// included); the evidence about it (a later rollback, a recovery) may come from any record given.
// A median, a share or a rate with no events is null, never 0; counts and sums can be 0.
import type { AuditRecord, ClusterName } from '../audit';

export interface MetricWindow {
  start: number;
  end: number;
}

/** One lane's metrics; each field is defined, with its formula and source, in METRICS below. */
export interface LaneMetrics {
  deploymentFrequency: number | null;
  leadTimeMs: number | null;
  changeFailRate: number | null;
  recoveryTimeMs: number | null;
  reworkRate: number | null;
  driftEvents: number;
  timeToDetectMs: number | null;
  timeToCorrectMs: number | null;
  outOfSyncMs: number;
  auditCoverage: number | null;
  rebuildableFromGit: boolean;
  deployments: number;
}

export interface MetricDefinition {
  label: string;
  unit: 'per day' | 'ms' | 'share' | 'count' | 'yes/no';
  formula: string;
  source: string;
}

const DORA =
  'dora.dev guide "DORA\'s software delivery performance metrics" (dora.dev/guides/dora-metrics/)';
const ARGO_DETECT =
  'argo-cd docs/faq.md, docs/operator-manual/reconcile.md (detection), security.md (sync status events)';
const OPENGITOPS = 'OpenGitOps PRINCIPLES.md (declarative, versioned and immutable)';

// Formulas name the terms defined below; "in the window" is the common rule above.
export const METRICS: Readonly<Record<keyof LaneMetrics, MetricDefinition>> = {
  deploymentFrequency: {
    label: 'Deployment frequency',
    unit: 'per day',
    source: DORA,
    formula: 'deployments / window length in days; null with none or an empty window',
  },
  leadTimeMs: {
    label: 'Change lead time',
    unit: 'ms',
    source: DORA,
    formula: 'median of first deploy-succeeded of (app, revision).t - isLeadTimeStart.t',
  },
  changeFailRate: {
    label: 'Change fail rate',
    unit: 'share',
    source: DORA,
    formula: 'failed deployments (deploy-failed, or isIntervention before the next) / deployments',
  },
  recoveryTimeMs: {
    label: 'Failed deployment recovery time',
    unit: 'ms',
    source: DORA,
    formula: 'median of first isRecovery after the failure evidence.t - failed deployment.t',
  },
  reworkRate: {
    label: 'Deployment rework rate',
    unit: 'share',
    source: DORA,
    formula: 'deployments that isRework / deployments',
  },
  driftEvents: {
    label: 'Drift events',
    unit: 'count',
    source: ARGO_DETECT,
    formula: 'observe inSync:false records whose cause record isDriftCause',
  },
  timeToDetectMs: {
    label: 'Time to detect drift',
    unit: 'ms',
    source: ARGO_DETECT,
    formula: 'median of first isDetection after the cause (before the correction).t - cause.t',
  },
  timeToCorrectMs: {
    label: 'Time to correct drift',
    unit: 'ms',
    source: ARGO_DETECT,
    formula: 'median of next observe inSync:true.t - cause.t',
  },
  outOfSyncMs: {
    label: 'Time out of sync with Git',
    unit: 'ms',
    source: ARGO_DETECT,
    formula: 'sum of observe inSync:false -> next inSync:true (or window.end), clipped to window',
  },
  auditCoverage: {
    label: 'Audit coverage',
    unit: 'share',
    source: OPENGITOPS,
    formula: 'isAuditable changes to Git-declared objects with a revision / all such changes',
  },
  rebuildableFromGit: {
    label: 'Rebuildable from Git',
    unit: 'yes/no',
    source: OPENGITOPS,
    formula: 'no isRebuildChecked field last set isOutOfBand, and the last observe is inSync',
  },
  deployments: {
    label: 'Deployments',
    unit: 'count',
    source: DORA,
    formula: 'deployments (isDeployment) in the window: the count behind the frequency',
  },
};

export const DAY_MS = 86_400_000;

export function inWindow(t: number, window: MetricWindow): boolean {
  return t >= window.start && t <= window.end;
}

/** The middle value; with an even count, the mean of the two middle values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

const isLaneWriter = (r: AuditRecord) => r.channel === 'pipeline' || r.channel === 'reconciler';
const CHANGE_VERBS = new Set<string>(['create', 'update', 'delete']);
const DEPLOY_VERBS = new Set<string>(['deploy-succeeded', 'deploy-failed']);
const REWORK_TRIGGERS = new Set<string | undefined>(['rerun', 'retry', 'rollback']);
const LEAD_TIME_START_VERBS = new Set<string>(['commit', 'revert', 'pr-merge']);

/**
 * A deployment: a change applied to the lane's cluster from a Git revision by the pipeline or the
 * reconciler, i.e. its deploy-succeeded or deploy-failed record. A self-heal (trigger heal)
 * re-applies a revision already deployed, so it is not one; re-runs, retries, rollback syncs and
 * deployments of a revert commit are. A manual `rollout undo` is not a deployment (isIntervention).
 */
export function isDeployment(r: AuditRecord, lane: ClusterName): boolean {
  const fromGit = isLaneWriter(r) && r.revision !== null && r.operation?.trigger !== 'heal';
  return r.cluster === lane && DEPLOY_VERBS.has(r.verb) && fromGit;
}

/**
 * A hotfix: an out-of-band write by a person (channel kubectl, revision null; a leaked CI token
 * used with kubectl counts too) that changed the lane's cluster. Refused writes changed nothing.
 * A scale (only spec.replicas, as `kubectl scale` writes) is not one: it changes capacity, as an
 * HPA does, not what a deployment shipped, so it says nothing about a change having failed
 * (counting it made "A hotfix made by hand" read a 50 % change fail rate with nothing failed).
 * WARNING: beyond that, the trail cannot tell a hotfix from any other manual change.
 */
export function isHotfix(r: AuditRecord, lane: ClusterName): boolean {
  const manual = r.cluster === lane && r.channel === 'kubectl' && r.revision === null;
  return manual && isClusterChange(r) && !isScaleOnly(r);
}

// metadata.generation follows any spec change; it is the API server's, not the person's.
const SCALE_PATHS = new Set(['spec.replicas', 'metadata.generation']);

/** An update that changed only the replica count (plus the generation the API server bumps). */
export function isScaleOnly(r: AuditRecord): boolean {
  return (
    r.verb === 'update' &&
    r.changes.some((c) => c.path === 'spec.replicas') &&
    r.changes.every((c) => SCALE_PATHS.has(c.path))
  );
}

/**
 * An intervention makes the lane's latest deployment before it a failed one (DORA: it "requires
 * immediate intervention"), when no other deployment came in between: a rollback record on the
 * lane (any method: rollout-undo, rerun, git-revert, history) or a hotfix.
 * Simplification: with several apps on a lane, the latest deployment of any app is blamed.
 */
export function isIntervention(r: AuditRecord, lane: ClusterName): boolean {
  return (r.cluster === lane && r.verb === 'rollback') || isHotfix(r, lane);
}

export function isObserve(r: AuditRecord, lane: ClusterName): boolean {
  return r.cluster === lane && r.channel === 'observer' && r.verb === 'observe';
}

/** Recovered: the lane's next deploy-succeeded (any trigger, heals too), or back in sync with Git. */
export function isRecovery(r: AuditRecord, lane: ClusterName): boolean {
  const deployed = r.cluster === lane && r.verb === 'deploy-succeeded' && isLaneWriter(r);
  return deployed || (isObserve(r, lane) && r.operation?.inSync === true);
}

/** Where a change's lead time starts: the repo record that made the revision (the first one). */
export function isLeadTimeStart(r: AuditRecord): boolean {
  return r.cluster === 'repo' && LEAD_TIME_START_VERBS.has(r.verb);
}

/**
 * Rework: a deployment that is unplanned, made because of an incident: a re-run, a retry after a
 * failed sync, a rollback sync, or a deployment of a revert commit (repo verb 'revert').
 */
export function isRework(deployment: AuditRecord, isRevert: (sha: string) => boolean): boolean {
  const { revision, operation } = deployment;
  return REWORK_TRIGGERS.has(operation?.trigger) || (revision !== null && isRevert(revision));
}

/**
 * Drift's cause: a change to the lane's cluster not made from a revision by the pipeline or the
 * reconciler: a kubectl write, an HPA scaling a Git-declared field, a cluster lost ('*'). An
 * out-of-sync observe with cause 'commit' (Git moved ahead) is a pending deployment, not drift.
 */
export function isDriftCause(cause: AuditRecord, lane: ClusterName): boolean {
  return cause.cluster === lane && cause.revision === null && !isLaneWriter(cause);
}

/** The lane itself saw it differs from Git (Argo CD: `Updated sync status: Synced -> OutOfSync`). */
export function isDetection(r: AuditRecord, lane: ClusterName): boolean {
  return r.cluster === lane && r.verb === 'status' && (r.message ?? '').includes('-> OutOfSync');
}

export function isClusterChange(r: AuditRecord): boolean {
  return r.cluster !== 'repo' && CHANGE_VERBS.has(r.verb);
}

/**
 * Git declares an object when some pipeline or reconciler write with a revision touched it, on
 * either cluster (both lanes deploy the same repository), anywhere in the trail.
 */
export function isGitDeclaredWrite(r: AuditRecord): boolean {
  return isClusterChange(r) && isLaneWriter(r) && r.revision !== null && r.object !== '*';
}

/** A change the audit must trace to Git: made by people, CI or the reconciler, not controllers. */
export function isAuditable(r: AuditRecord, lane: ClusterName): boolean {
  const byMachinery = r.channel === 'controller' || r.channel === 'observer';
  return r.cluster === lane && isClusterChange(r) && !byMachinery;
}

/** Out-of-band for a rebuild: no revision and no controller (a rebuilt cluster's redo theirs). */
export function isOutOfBand(r: AuditRecord): boolean {
  return r.revision === null && r.channel !== 'controller';
}

const CONTROLLER_OWNED_KINDS = new Set(['Pod', 'ReplicaSet']);
// Set by the API server or controllers; `restartedAt` only forces a restart of the same pods.
const RUNTIME_FIELDS = [
  'status',
  'metadata.uid',
  'metadata.generation',
  'metadata.creationTimestamp',
  'metadata.ownerReferences',
  "metadata.annotations['deployment.kubernetes.io/revision']",
  "spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']",
];

/** Whether a live field must come from Git for the cluster to be rebuilt from Git alone. */
export function isRebuildChecked(objectKey: string, path: string): boolean {
  if (CONTROLLER_OWNED_KINDS.has(objectKey.split('/')[0] ?? '')) return false;
  const under = (f: string) => path === f || path.startsWith(`${f}.`) || path.startsWith(`${f}[`);
  return !RUNTIME_FIELDS.some(under);
}
