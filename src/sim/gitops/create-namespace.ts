// Argo CD's `CreateNamespace=true` (docs/user-guide/sync-options.md "Create Namespace"): before a
// sync applies anything, a missing namespace is created. The namespace is not tracked (no tracking
// annotation), so Argo never prunes it. Simplification: DriftLab's Applications have no
// `spec.destination.namespace`, so each namespace that the plan's objects live in, and that the
// plan does not itself create, is created.
import type { Cluster, WriteContext } from '../cluster';
import type { SyncPlan } from './sync-plan';

/** Creates the missing namespaces; their names. */
export function createNamespaces(cluster: Cluster, plan: SyncPlan, ctx: WriteContext): string[] {
  const declared = new Set<string>();
  const needed = new Set<string>();
  for (const wave of plan.waves)
    for (const t of wave.tasks) {
      if (t.action !== 'apply') continue;
      if (t.kind === 'Namespace') declared.add(t.name);
      else if (t.ref.namespace) needed.add(t.ref.namespace);
    }
  const created: string[] = [];
  for (const name of needed) {
    if (declared.has(name) || cluster.get({ kind: 'Namespace', name })) continue;
    cluster.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, ctx);
    created.push(name);
  }
  return created;
}
