// Replica counts in a scenario's manifests, checked at validate time against the API server's
// ceilings (cluster/limits.ts) with the API server's words, so `sim validate` refuses what a run
// would refuse: a workload past MAX_REPLICAS, an HPA bound past it, a `kubectl scale` line past it,
// and manifests whose workloads together ask for more than MAX_CLUSTER_PODS.
//
// Simplification: every manifest in the repository counts toward the Pods of a cluster, also one
// outside the apps' paths that no lane applies.
import { isScalar, LineCounter, parseAllDocuments } from 'yaml';
import { MAX_CLUSTER_PODS, MAX_REPLICAS } from './limits';

export interface ManifestLimitIssue {
  /** Line within the manifest text, from 1. */
  line: number;
  message: string;
}

const WORKLOADS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet']);
const BOUNDS: Record<string, string[]> = {
  Deployment: ['replicas'],
  ReplicaSet: ['replicas'],
  StatefulSet: ['replicas'],
  HorizontalPodAutoscaler: ['minReplicas', 'maxReplicas'],
};

interface Scan {
  issues: ManifestLimitIssue[];
  /** The Pods the file's workloads ask for (spec.replicas, 1 when unset). */
  pods: number;
}

const scans = new Map<string, Scan>();

/** What one manifest file asks for. Remembered by content: staticCheck follows files step by step. */
export function scanManifest(text: string): Scan {
  const known = scans.get(text);
  if (known) return known;
  const lines = new LineCounter();
  const scan: Scan = { issues: [], pods: 0 };
  for (const doc of parseAllDocuments(text, { lineCounter: lines })) {
    if (doc.errors.length > 0) continue;
    const kind = doc.get('kind');
    const name = doc.getIn(['metadata', 'name']);
    if (typeof kind !== 'string' || !BOUNDS[kind]) continue;
    for (const field of BOUNDS[kind]) {
      const node = doc.getIn(['spec', field], true);
      if (!isScalar(node) || typeof node.value !== 'number') continue;
      const value = node.value;
      // A workload past the ceiling is refused on its own; it counts as the most it could run.
      if (WORKLOADS.has(kind)) scan.pods += Math.min(MAX_REPLICAS, Math.max(0, value));
      if (value > MAX_REPLICAS)
        scan.issues.push({
          line: lines.linePos(node.range?.[0] ?? 0).line,
          message: `The ${kind} "${String(name)}" is invalid: spec.${field}: Invalid value: ${value}: must be less than or equal to ${MAX_REPLICAS}`,
        });
    }
    if (WORKLOADS.has(kind) && doc.getIn(['spec', 'replicas']) === undefined) scan.pods += 1;
  }
  if (scans.size > 10_000) scans.clear();
  scans.set(text, scan);
  return scan;
}

/** The refusal for a repository whose workloads ask for `pods` Pods, or null within the quota. */
export function clusterPodsMessage(pods: number): string | null {
  return pods > MAX_CLUSTER_PODS
    ? `the workloads ask for ${pods} Pods; a cluster runs at most ${MAX_CLUSTER_PODS} (exceeded quota: driftlab-cluster-pods, limited: pods=${MAX_CLUSTER_PODS})`
    : null;
}

const KINDS: Record<string, string> = {
  deployment: 'Deployment',
  deploy: 'Deployment',
  statefulset: 'StatefulSet',
  sts: 'StatefulSet',
  replicaset: 'ReplicaSet',
  rs: 'ReplicaSet',
};

/** A kubectl line's `--replicas` past the ceiling, in the API server's words; null otherwise. */
export function kubectlReplicasMessage(line: string): string | null {
  const m = /--replicas(?:=|\s+)(\d+)/.exec(line);
  if (!m || Number(m[1]) <= MAX_REPLICAS) return null;
  const target =
    /\b(deployments?|deploy|statefulsets?|sts|replicasets?|rs)(?:\.apps)?(?:\/|\s+)([a-z0-9.-]+)/i.exec(
      line,
    );
  const kind = target
    ? (KINDS[target[1]!.toLowerCase().replace(/s$/, '')] ?? KINDS[target[1]!.toLowerCase()])
    : undefined;
  const detail = `spec.replicas: Invalid value: ${m[1]}: must be less than or equal to ${MAX_REPLICAS}`;
  return kind ? `The ${kind} "${target![2]}" is invalid: ${detail}` : detail;
}
