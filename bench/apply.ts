// applyObjectsPerSec: how many manifests the simulated API server applies per second of wall time
// (validation, defaulting, field ownership, audit), for 1,000 ConfigMaps and Deployments.
import { AuditLog } from '../src/sim/audit';
import { VirtualClock } from '../src/sim/clock';
import { Cluster, type KObject } from '../src/sim/cluster';
import { deployment } from '../src/sim/cluster/testing/fixtures';

function manifests(n: number): KObject[] {
  const out: KObject[] = [];
  for (let i = 0; i < n; i++) {
    out.push(
      i % 2 === 0
        ? {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: `cfg-${i}` },
            data: { key: `value-${i}`, other: 'x' },
          }
        : deployment({ name: `app-${i}`, replicas: 2, env: { INDEX: String(i) } }),
    );
  }
  return out;
}

/** Objects applied per second (first apply of each: creates, the expensive case). */
export function benchApply(n = 1_000): number {
  const docs = manifests(n);
  const clock = new VirtualClock();
  const cluster = new Cluster({ name: 'devops', clock, audit: new AuditLog(clock) });
  const ctx = {
    actor: 'ci-bot',
    channel: 'pipeline' as const,
    manager: 'kubectl-client-side-apply',
    revision: 'bench',
  };
  const start = performance.now();
  for (const doc of docs) cluster.apply(doc, ctx);
  const ms = performance.now() - start;
  return Math.round((n / ms) * 1000);
}
