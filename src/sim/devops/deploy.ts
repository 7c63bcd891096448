// The deploy step of the push pipeline: `kubectl apply -f <app folder>` with the CI's kubeconfig.
// kubectl applies object by object and collects errors: there is no transaction, so a failure
// part-way leaves a partial deploy (kubernetes PR #89539, kubectl #845). Without `--prune`,
// objects removed from Git stay in the cluster as orphans.
import type { DesiredApp } from '../apps/apps';
import type { ManifestError } from '../git';
import {
  applyLine,
  ClusterError,
  isClusterError,
  refKey,
  refOf,
  unparsableFile,
  type Cluster,
  type WriteContext,
} from '../cluster';
import type { CreatedKeys } from './created-keys';

export interface ApplyLine {
  ok: boolean;
  text: string;
}

export interface ApplyAppInput {
  cluster: Cluster;
  desired: DesiredApp;
  revision: string;
  /** Fault: the API server is lost after this many objects. */
  failAfter: number | null;
  prune: boolean;
  /** Keys this lane created for the app so far; updated in place. */
  created: CreatedKeys;
}

export const CI_CONTEXT = {
  actor: 'ci-bot',
  channel: 'pipeline',
  manager: 'kubectl-client-side-apply',
} as const;

/**
 * kubectl's refusal of a file that is not valid YAML, or of a document that is not an object it
 * can apply (no kind, apiVersion or metadata.name: loadDesired's NOT_AN_OBJECT).
 */
function refusalOf(e: ManifestError): ClusterError {
  if (e.code !== 'NOT_AN_OBJECT') return unparsableFile(e.file, e.line, e.message);
  return new ClusterError('E_INVALID', `error: error validating "${e.file}": ${e.message}`, {
    object: e.file,
    file: e.file,
  });
}

function ciContext(revision: string, file: string): WriteContext {
  // A literal, not `{ ...CI_CONTEXT, revision, file }`: V8 takes a slow path for a spread
  // followed by new properties, and this runs once per object per deploy.
  return {
    actor: CI_CONTEXT.actor,
    channel: CI_CONTEXT.channel,
    manager: CI_CONTEXT.manager,
    revision,
    file,
  };
}

export function applyApp(input: ApplyAppInput): { lines: ApplyLine[]; failed: boolean } {
  const { cluster, desired, revision } = input;
  const lines: ApplyLine[] = [];
  let failed = false;
  for (const e of desired.errors) {
    failed = true;
    if (e.code === 'PATH_NOT_FOUND') {
      lines.push({ ok: false, text: `error: the path "${e.file}" does not exist` });
      continue;
    }
    // A file kubectl cannot read as objects is refused like an invalid object: logged, and
    // recorded in the cluster's trail; nothing in it reaches the cluster.
    const refusal = refusalOf(e);
    cluster.refuse(e.file, refusal, { ...CI_CONTEXT, revision, file: e.file });
    lines.push({ ok: false, text: refusal.message });
  }
  if (desired.objects.length === 0 && desired.errors.length === 0) {
    // kubectl apply -f on a folder without manifests refuses (kubectl#1318): nothing was deployed.
    lines.push({ ok: false, text: 'error: no objects passed to apply' });
    failed = true;
  }
  const seen = new Set<string>();
  let count = 0;
  const applier = cluster.applier(CI_CONTEXT.manager, desired.manifests);
  for (const [i, { file }] of desired.objects.entries()) {
    if (input.failAfter !== null && count >= input.failAfter) {
      lines.push({
        ok: false,
        text: `Unable to connect to the server: dial tcp 10.0.0.1:6443: connect: connection refused (${file})`,
      });
      failed = true;
      continue;
    }
    count++;
    try {
      const result = applier.apply(i, ciContext(revision, file));
      seen.add(result.key);
      input.created.add(result.key);
      for (const w of result.warnings) lines.push({ ok: true, text: w });
      lines.push({ ok: true, text: applyLine(result.display, result.outcome) });
    } catch (e) {
      if (!isClusterError(e)) throw e;
      failed = true;
      lines.push({ ok: false, text: e.message });
    }
  }
  if (input.prune && !failed) {
    for (const key of [...input.created]) {
      if (seen.has(key)) continue;
      const obj = cluster.list().find((o) => refKey(refOf(o)) === key);
      input.created.delete(key);
      if (!obj) continue;
      cluster.delete(refOf(obj), { ...CI_CONTEXT, revision });
      lines.push({ ok: true, text: `${cluster.display(refOf(obj))} pruned` });
    }
  }
  return { lines, failed };
}
