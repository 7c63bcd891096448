// The invariants a random history must keep, each a function from a finished history to the list
// of violations found (empty when it holds). Messages name the audit record (#seq) and the action
// it was written during, so a shrunk counterexample reads as a story.
import type { AuditRecord, ClusterName } from '../../src/sim/audit';
import { loadDesired } from '../../src/sim/apps/apps';
import { AuditLog } from '../../src/sim/audit';
import { VirtualClock } from '../../src/sim/clock';
import { Cluster } from '../../src/sim/cluster';
import type { Action } from '../../src/sim/scenario';
import { auditReplayDifferences } from './audit-replay';
import { spanOf, type History } from './random-history';

const CHANGE_VERBS = new Set(['create', 'update', 'delete']);
const isChange = (r: AuditRecord) => CHANGE_VERBS.has(r.verb);
const short = (sha: string | null) => (sha ? sha.slice(0, 7) : 'null');

function during(h: History, r: AuditRecord): string {
  const span = spanOf(h, r.seq);
  if (!span.action) return 'the start';
  return `${span.epilogue ? 'epilogue ' : ''}action ${span.index} ${JSON.stringify(span.action)}`;
}

function describeRecord(h: History, r: AuditRecord): string {
  return `#${r.seq} t=${r.t} ${r.cluster} ${r.actor}/${r.channel} ${r.verb} ${r.object} rev=${short(r.revision)} during ${during(h, r)}`;
}

const lanesOf = (lane: ClusterName | 'both'): ClusterName[] =>
  lane === 'both' ? ['devops', 'gitops'] : [lane];

// ---- 1. audit completeness -----------------------------------------------------------------------

/**
 * Replaying each cluster's records rebuilds it; every repo commit is named by a repo record; the
 * trail is in order.
 */
export async function auditCompleteness(h: History): Promise<string[]> {
  const records = h.sandbox.audit.records();
  const out: string[] = [];
  // The trail is in the order things happened: seq counts from 0, time never goes back.
  records.forEach((r, i) => {
    if (r.seq !== i) out.push(`record at index ${i} has seq ${r.seq}`);
    if (i > 0 && r.t < records[i - 1]!.t) out.push(`#${r.seq} t=${r.t} is before #${i - 1}`);
  });
  for (const lane of ['devops', 'gitops'] as const)
    out.push(
      ...auditReplayDifferences(records, h.sandbox.clusters[lane]).map((d) => `${lane}: ${d}`),
    );
  const recorded = new Set(
    records.filter((r) => r.cluster === 'repo' && r.revision !== null).map((r) => r.revision),
  );
  for (const c of await h.sandbox.repo.allCommits())
    if (!recorded.has(c.sha))
      out.push(`repo: commit ${short(c.sha)} "${c.message}" is not in the trail`);
  return out;
}

/**
 * Whether `r`, a kubectl-channel write to `lane`, came from the person's action it was written
 * during: a kubectl line, a `rollout undo` rollback, or (push lane only: the pull lane has no
 * such credential) a leaked CI token, which writes as ci-bot.
 */
function byPerson(action: Action | null, lane: ClusterName, r: AuditRecord): boolean {
  if (!action || r.channel !== 'kubectl') return false;
  if ('kubectl' in action) return lanesOf(action.kubectl.lane).includes(lane);
  if ('rollback' in action)
    return action.rollback.lane === lane && action.rollback.method === 'rollout-undo';
  if ('fault' in action)
    return (
      lane === 'devops' &&
      action.fault.kind === 'leaked-token' &&
      lanesOf(action.fault.lane).includes('devops') &&
      r.actor === 'ci-bot'
    );
  return false;
}

const CONTROLLER_OWNED = new Set(['Pod', 'ReplicaSet']);
const REVISION_ANNOTATION = "metadata.annotations['deployment.kubernetes.io/revision']";

/**
 * What "its own controllers" may write: anything of the objects they own (Pods, ReplicaSets),
 * only status and the revision annotation of the others (the HPA also spec.replicas), the default
 * Namespace a new cluster starts with, and the record of a lost cluster.
 */
function controllerWriteAllowed(r: AuditRecord): boolean {
  const kind = r.object.split('/')[0]!;
  if (r.object === '*' || CONTROLLER_OWNED.has(kind)) return true;
  if (r.actor === 'cluster-bootstrap')
    return r.verb === 'create' && r.object === 'Namespace/default';
  if (r.verb !== 'update') return false;
  return r.changes.every(
    (c) =>
      c.path.startsWith('status.') ||
      c.path === REVISION_ANNOTATION ||
      (r.actor === 'horizontal-pod-autoscaler' && c.path === 'spec.replicas'),
  );
}

// ---- 2. convergence and selfHeal off ------------------------------------------------------------

/**
 * With selfHeal off the pull lane changes its cluster only for a new revision or a person:
 * - every reconciler write lies inside a sync operation (deploy-started .. -succeeded/-failed) of
 *   the same revision;
 * - a self-heal sync starts only while selfHeal is on; an automated sync only for a revision other
 *   than the one last synced (a cluster wipe forgets it); a retry sync only right after a failed
 *   sync of its revision, at most 5 in a row (no retry policy is set: Argo CD's default for an
 *   automated sync, REFERENCE.md "Automated sync");
 * - every other write is a person's: a kubectl line or a `rollout undo`, during that action, or
 *   the cluster's own controllers' (controllerWriteAllowed).
 */
export function pullLaneChangesOnlyForARevisionOrAPerson(h: History): string[] {
  const out: string[] = [];
  let open: { revision: string | null } | null = null;
  let lastSynced: string | null = null;
  /** The last sync that failed, and the retries of it since. */
  let failed = null as { revision: string | null; retries: number } | null;
  for (const r of h.sandbox.audit.records()) {
    if (r.cluster !== 'gitops') continue;
    if (r.verb === 'delete' && r.object === '*') {
      // The agent is installed again with the cluster: its running sync and its history are gone.
      open = null;
      lastSynced = null;
      const span = spanOf(h, r.seq);
      if (
        !span.action ||
        !('wipe' in span.action) ||
        !lanesOf(span.action.wipe.lane).includes('gitops')
      )
        out.push(`the cluster was wiped outside a wipe: ${describeRecord(h, r)}`);
      continue;
    }
    if (r.verb === 'deploy-started') {
      const trigger = r.operation?.trigger;
      if (trigger === 'heal' && !h.selfHealAt[r.seq])
        out.push(`a self-heal sync started while selfHeal was off: ${describeRecord(h, r)}`);
      if (trigger === 'auto' && r.revision === lastSynced)
        out.push(
          `an automated sync of the revision already synced (${short(lastSynced)}): ${describeRecord(h, r)}`,
        );
      if (trigger === 'retry') {
        if (failed?.revision !== r.revision || failed.retries >= 5)
          out.push(`a retry sync beyond Argo CD's default retries: ${describeRecord(h, r)}`);
        else failed.retries++;
      } else failed = null;
      open = { revision: r.revision };
      continue;
    }
    if (r.verb === 'deploy-succeeded' || r.verb === 'deploy-failed') {
      if (r.verb === 'deploy-succeeded') lastSynced = r.revision;
      if (r.verb === 'deploy-failed' && failed?.revision !== r.revision)
        failed = { revision: r.revision, retries: 0 };
      open = null;
      continue;
    }
    if (!isChange(r)) continue;
    if (r.channel === 'controller') {
      if (!controllerWriteAllowed(r))
        out.push(`a controller wrote what is not its own: ${describeRecord(h, r)}`);
      continue;
    }
    if (r.channel === 'reconciler') {
      if (!open || open.revision !== r.revision)
        out.push(
          `a reconciler write outside a sync of its revision (open: ${open ? short(open.revision) : 'none'}): ${describeRecord(h, r)}`,
        );
      continue;
    }
    if (!byPerson(spanOf(h, r.seq).action, 'gitops', r))
      out.push(`a write by no one allowed to: ${describeRecord(h, r)}`);
  }
  return out;
}

/** Whether Git HEAD declares a non-empty set of objects that a fresh cluster accepts. */
export async function headIsValid(h: History): Promise<boolean> {
  const { sandbox } = h;
  const head = await sandbox.repo.resolve('HEAD');
  for (const app of sandbox.apps) {
    const desired = await loadDesired(sandbox.repo, head, app);
    if (desired.errors.length > 0 || desired.objects.length === 0) return false;
    const clock = new VirtualClock();
    const scratch = new Cluster({ name: 'gitops', clock, audit: new AuditLog(clock) });
    try {
      for (const { manifest, file } of desired.objects)
        scratch.apply(manifest, {
          actor: 'check',
          channel: 'reconciler',
          manager: 'check',
          revision: head,
          file,
        });
    } catch {
      return false;
    }
  }
  return true;
}

// ---- 3. the push lane changes only when someone or something deploys ----------------------------

/**
 * Apart from its controllers, the push lane's cluster changes only during a pipeline deploy (a
 * pipeline write of the deploy's revision between deploy-started and -succeeded/-failed), a
 * rollback, a kubectl action, a leaked-token use, or a wipe; and its controllers write only what
 * is theirs (controllerWriteAllowed).
 */
export function pushLaneChangesOnlyWhenDeployed(h: History): string[] {
  const out: string[] = [];
  let deploying: string | null | undefined;
  for (const r of h.sandbox.audit.records()) {
    if (r.cluster !== 'devops') continue;
    if (r.verb === 'deploy-started') deploying = r.revision;
    else if (r.verb === 'deploy-succeeded' || r.verb === 'deploy-failed') deploying = undefined;
    if (!isChange(r)) continue;
    const span = spanOf(h, r.seq);
    if (r.object === '*') {
      if (
        !span.action ||
        !('wipe' in span.action) ||
        !lanesOf(span.action.wipe.lane).includes('devops')
      )
        out.push(`the cluster was wiped outside a wipe: ${describeRecord(h, r)}`);
      continue;
    }
    if (r.channel === 'controller') {
      if (!controllerWriteAllowed(r))
        out.push(`a controller wrote what is not its own: ${describeRecord(h, r)}`);
      continue;
    }
    if (r.channel === 'pipeline') {
      if (deploying === undefined || deploying !== r.revision)
        out.push(
          `a pipeline write outside a deploy of its revision (deploying: ${deploying === undefined ? 'nothing' : short(deploying)}): ${describeRecord(h, r)}`,
        );
      continue;
    }
    if (!byPerson(span.action, 'devops', r))
      out.push(`a write by no one allowed to: ${describeRecord(h, r)}`);
  }
  return out;
}

// ---- 6. metrics ------------------------------------------------------------------------------------

const inUnit = (v: number | null) => v === null || (v >= 0 && v <= 1);

/** Time out of sync fits in the elapsed time; shares are shares; deployments match the trail. */
export function metricsConsistent(h: History): string[] {
  const { sandbox } = h;
  const out: string[] = [];
  const elapsed = sandbox.now();
  const records = sandbox.audit.records();
  for (const lane of ['devops', 'gitops'] as const) {
    const m = sandbox.metrics(lane);
    const say = (what: string) => out.push(`${lane}: ${what} (${JSON.stringify(m)})`);
    if (!(m.outOfSyncMs >= 0 && m.outOfSyncMs <= elapsed))
      say(`outOfSyncMs ${m.outOfSyncMs} is not within [0, elapsed ${elapsed}]`);
    if (!inUnit(m.auditCoverage)) say(`auditCoverage ${m.auditCoverage} is not in [0, 1] or null`);
    if (!inUnit(m.changeFailRate))
      say(`changeFailRate ${m.changeFailRate} is not in [0, 1] or null`);
    if (!inUnit(m.reworkRate)) say(`reworkRate ${m.reworkRate} is not in [0, 1] or null`);
    for (const key of [
      'leadTimeMs',
      'recoveryTimeMs',
      'timeToDetectMs',
      'timeToCorrectMs',
    ] as const) {
      const v = m[key];
      if (v !== null && !(v >= 0 && v <= elapsed)) say(`${key} ${v} is not within [0, elapsed]`);
    }
    const deployments = records.filter(
      (r) =>
        r.cluster === lane &&
        (r.verb === 'deploy-succeeded' || r.verb === 'deploy-failed') &&
        r.operation?.trigger !== 'heal',
    ).length;
    if (m.deployments !== deployments)
      say(`deployments ${m.deployments}, but the trail has ${deployments} non-heal deploy results`);
    if (m.driftEvents < 0) say(`driftEvents ${m.driftEvents} < 0`);
  }
  return out;
}
