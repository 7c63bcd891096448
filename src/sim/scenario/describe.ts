// Expectation lines as sentences a learner reads: "GitOps: web in namespace default runs
// web:1.0", with every qualifier the line checks (lane, app, namespace). An author's `text:`
// replaces the generated sentence. A failed line says what was found, and, when the learner's
// own action since the last step caused it, names that action (`causedBy`).
import type { AuditRecord, ClusterName } from '../audit';
import { formatClock, formatDuration } from '../clock';
import type { CheckOutcome, ExpectationResult } from './expect';
import type { Expectation } from './schema';
import { LEARNER } from './actions';
import { describeOutput } from './output-expect';

const LANE = { devops: 'DevOps', gitops: 'GitOps', both: 'Both lanes' } as const;

const VERBS: Record<string, string> = {
  'pr-open': 'opened a pull request',
  'pr-approve': 'approved a pull request',
  'pr-merge': 'merged a pull request',
  commit: 'committed',
  revert: 'reverted a commit',
  create: 'created',
  update: 'changed',
  delete: 'deleted',
  refuse: 'was refused',
  'deploy-started': 'started a deploy',
  'deploy-succeeded': 'finished a deploy',
  'deploy-failed': 'failed a deploy',
  rollback: 'rolled back',
};

const PIPELINE: Record<string, string> = {
  succeeded: "the pipeline's last run succeeded",
  failed: "the pipeline's last run failed",
  queued: 'a pipeline run is queued',
  'waiting-approval': 'the pipeline waits for an approval',
};

const value = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
const ns = (e: Expectation) => `in namespace ${e.namespace ?? 'default'}`;

function metricValue(name: string, v: unknown): string {
  if (typeof v !== 'number') return value(v);
  if (name.endsWith('Ms')) return formatDuration(v);
  if (name === 'changeFailRate' || name === 'reworkRate' || name === 'auditCoverage')
    return `${Math.round(v * 100)}%`;
  return String(v);
}

const METRIC_WORDS: Record<string, string> = {
  deploymentFrequency: 'deployments per day',
  leadTimeMs: 'change lead time',
  changeFailRate: 'change fail rate',
  recoveryTimeMs: 'recovery time',
  reworkRate: 'rework rate',
  driftEvents: 'drift events',
  timeToDetectMs: 'time to detect drift',
  timeToCorrectMs: 'time to correct drift',
  outOfSyncMs: 'time out of sync with Git',
  auditCoverage: 'audit coverage',
  rebuildableFromGit: 'rebuildable from Git',
  deployments: 'deployments',
};

function objectClause(e: Expectation): string | null {
  if (e.get === undefined) return null;
  const [kind, name] = e.get.split('/');
  const where = `${e.get} ${ns(e)}`;
  if (e.exists === false) return `there is no ${where}`;
  if (!('equals' in e)) return `${where} exists`;
  if (e.path && /containers\[.*\]\.image$/.test(e.path) && kind === 'deployment')
    return `${name} ${ns(e)} runs ${value(e.equals)}`;
  if (e.path === 'spec.replicas') return `${where} has ${value(e.equals)} replicas`;
  if (e.equals === undefined || e.equals === null) return `${where} has no ${e.path ?? 'value'}`;
  return `${where} has ${e.path ?? 'the value'} = ${value(e.equals)}`;
}

function auditClause(a: NonNullable<Expectation['audit']>): string {
  const who = a.actor ?? 'someone';
  const how = a.channel ? ` through ${a.channel}` : '';
  const did = a.verb ? (VERBS[a.verb] ?? a.verb) : 'made a change';
  const what = a.object ? ` ${a.object}` : '';
  const times =
    a.count !== undefined
      ? a.count === 0
        ? 'never'
        : a.count === 1
          ? 'exactly once'
          : `exactly ${a.count} times`
      : `at least ${a.min ?? 1} time${(a.min ?? 1) === 1 ? '' : 's'}`;
  return a.count === 0
    ? `the trail shows ${who} never ${did}${what}${how}`
    : `the trail shows ${who} ${did}${what}${how}, ${times}`;
}

/** The expectation as a sentence, without what was found. */
export function describeExpectation(e: Expectation): string {
  if (e.text) return e.text;
  const clauses: string[] = [];
  const subject = e.app ? `app ${e.app}` : 'the lane';
  if (e.sync !== undefined) clauses.push(`Argo CD reports ${e.app ? `${e.app} ` : ''}${e.sync}`);
  if (e.health !== undefined) clauses.push(`${subject} is ${e.health}`);
  if (e.inSyncWithGit !== undefined)
    clauses.push(
      `the cluster ${e.inSyncWithGit ? 'matches' : 'does not match'} Git${e.app ? ` for ${e.app}` : ''}`,
    );
  if (e.pipeline !== undefined)
    clauses.push(PIPELINE[e.pipeline] ?? `the pipeline is in its ${e.pipeline} stage`);
  const object = objectClause(e);
  if (object) clauses.push(object);
  if (e.metric) {
    const m = e.metric;
    const words = METRIC_WORDS[m.name] ?? m.name;
    const bounds = [
      'equals' in m && (m.equals === null ? 'not measured' : `${metricValue(m.name, m.equals)}`),
      m.atLeast !== undefined && `at least ${metricValue(m.name, m.atLeast)}`,
      m.atMost !== undefined && `at most ${metricValue(m.name, m.atMost)}`,
    ].filter(Boolean);
    clauses.push(`${words} is ${bounds.join(' and ')}`);
  }
  if (e.audit) clauses.push(auditClause(e.audit));
  if (e.output) clauses.push(describeOutput(e.output));
  const text = clauses.join(', ') || 'nothing to check';
  const lane = e.lane
    ? `${LANE[e.lane]}: `
    : e.audit
      ? 'Audit trail: '
      : e.output
        ? 'Console: '
        : '';
  return `${lane}${text}`;
}

function foundText(checks: readonly CheckOutcome[]): string {
  return checks
    .filter((c) => !c.ok)
    .map((c) => `${c.lane ? `${LANE[c.lane]} ` : ''}found ${c.found}`)
    .join('; ');
}

/** The learner's record that touched what a failed expectation looks at, if any. */
export function learnerCause(
  e: Expectation,
  failedLanes: readonly (ClusterName | null)[],
  since: readonly AuditRecord[],
): AuditRecord | undefined {
  const [kind, name] = (e.get ?? '').toLowerCase().split('/');
  const touches = (r: AuditRecord) => {
    if (r.actor !== LEARNER) return false;
    if (e.audit) return !e.audit.channel || r.channel === e.audit.channel;
    if (r.cluster === 'repo') return true; // a commit changes what both lanes should run
    if (!failedLanes.includes(r.cluster) && !failedLanes.includes(null)) return false;
    const object = r.object.toLowerCase();
    return !name || (object.startsWith(`${kind}/`) && object.endsWith(`/${name}`));
  };
  return [...since].reverse().find(touches);
}

const NOUNS: Record<string, string> = {
  commit: 'commit to',
  revert: 'revert on',
  'pr-merge': 'merge of',
  'pr-open': 'pull request',
  create: 'creation of',
  update: 'change of',
  delete: 'deletion of',
};

/** "your kubectl change of Deployment/default/web on the gitops cluster at 00:01:05" */
export function describeRecordAsAction(r: AuditRecord): string {
  const where = r.cluster === 'repo' ? 'in Git' : `on the ${r.cluster} cluster`;
  const what = NOUNS[r.verb] ?? `${r.verb} of`;
  const how = r.cluster === 'repo' ? '' : `${r.channel} `;
  return `your ${how}${what} ${r.object} ${where} at ${formatClock(r.t)}`;
}

/** Adds the sentence (with what was found) and, for a failure the learner caused, `causedBy`. */
export function explainResult(
  e: Expectation,
  result: ExpectationResult,
  since: readonly AuditRecord[],
): ExpectationResult {
  const sentence = describeExpectation(e);
  if (result.ok) return { ...result, sentence };
  const checks = result.checks ?? [];
  const cause = learnerCause(
    e,
    checks.filter((c) => !c.ok).map((c) => c.lane),
    since,
  );
  return {
    ...result,
    sentence: `${sentence} (${foundText(checks) || 'it did not hold'})`,
    ...(cause ? { causedBy: describeRecordAsAction(cause) } : {}),
  };
}
