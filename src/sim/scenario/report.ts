// The report of a run, in the shape `sim run --json` prints (a public contract: add, never rename):
// { scenario, seed, steps, lanes: { devops, gitops }, audit, repo }. Live objects are Kubernetes
// JSON with Secret values masked; times are ms of virtual time since the start.
import { CLUSTERS } from '../sandbox';
import type { AuditRecord, ClusterName } from '../audit';
import type { ConsoleOutput } from '../console-line';
import { EPOCH_MS } from '../clock';
import { maskObject, type KObject } from '../cluster';
import type { LaneMetrics } from '../metrics';
import type { LaneStatus } from '../status';
import type { QuestionResult } from './question';
import {
  applicationSummaries,
  runSummaries,
  type ApplicationSummary,
  type RunSummary,
} from './report-lanes';
import type { ScenarioRun } from './runner';
import type { TaskResult } from './task';
import type { TaskProof } from './task-proof';

export interface LaneReport extends LaneStatus {
  cluster: KObject[];
  metrics: Omit<LaneMetrics, 'deployments'>;
  /** DevOps: every pipeline run, cancelled ones included. */
  runs?: RunSummary[];
  /** GitOps: each Application's conditions, last operation and sync history. */
  applications?: Record<string, ApplicationSummary>;
}

export interface RunReport {
  scenario: string;
  seed: number;
  steps: {
    title: string;
    expectations: { ok: boolean; text: string }[];
    /** Only on a task step. */
    task?: TaskResult;
    /** Only on a question step. */
    question?: QuestionResult;
    /** Only on a step with console lines (`run`, `kubectl`, a task's): what each printed. */
    console?: ConsoleOutput[];
  }[];
  /** Only when the run played tasks: the headless proof of each (task-proof.ts). */
  taskProofs?: TaskProof[];
  lanes: Record<ClusterName, LaneReport>;
  audit: Pick<
    AuditRecord,
    't' | 'cluster' | 'actor' | 'channel' | 'verb' | 'object' | 'revision' | 'changes'
  >[];
  repo: {
    head: string;
    commits: { sha: string; message: string; author: string; t: number; parents: string[] }[];
  };
}

// The server's bookkeeping, not part of what a learner compares.
function reportObject(obj: KObject): KObject {
  const { resourceVersion: _rv, ...metadata } = maskObject(obj).metadata;
  return { ...maskObject(obj), metadata };
}

export async function buildReport(run: ScenarioRun, proofs?: TaskProof[]): Promise<RunReport> {
  const { sandbox } = run;
  await sandbox.settle();
  const lanes = {} as Record<ClusterName, LaneReport>;
  for (const lane of CLUSTERS) {
    const { deployments: _count, ...metrics } = sandbox.metrics(lane);
    lanes[lane] = {
      cluster: sandbox.clusters[lane].list().map(reportObject),
      ...sandbox.status(lane),
      metrics,
      ...(lane === 'devops'
        ? { runs: runSummaries(sandbox) }
        : { applications: applicationSummaries(sandbox) }),
    };
  }
  const commits = await sandbox.repo.allCommits();
  return {
    scenario: run.scenario.id,
    seed: run.seed,
    steps: run.results.map((r) => ({
      title: r.title,
      expectations: r.expectations.map(({ ok, text }) => ({ ok, text })),
      ...(r.task ? { task: r.task } : {}),
      ...(r.question ? { question: r.question } : {}),
      ...(r.console ? { console: r.console } : {}),
    })),
    ...(proofs && proofs.length > 0 ? { taskProofs: proofs } : {}),
    lanes,
    audit: sandbox.audit
      .records()
      .map(({ t, cluster, actor, channel, verb, object, revision, changes }) => ({
        t,
        cluster,
        actor,
        channel,
        verb,
        object,
        revision,
        changes,
      })),
    repo: {
      head: await sandbox.repo.resolve('HEAD'),
      commits: commits.map((c) => ({
        sha: c.sha,
        message: c.message,
        author: c.author.name,
        t: c.timestamp - EPOCH_MS,
        parents: c.parents,
      })),
    },
  };
}
