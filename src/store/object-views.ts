// The objects of a lane's cluster as the view shows them: each live object (Pods and ReplicaSets
// nested under their Deployment) with its health and its diff against Git HEAD as the observer
// last saw it, its Kubernetes events, and what Git declares but is not live, as Missing. Secrets
// are masked here. Events are grouped by object in one pass over the (bounded) event store. A
// Job's and a StatefulSet's Pods are nested under it; an Argo CD hook (a sync task, not in the
// diff) is shown under the app whose last operation ran it.
import type { ClusterName } from '../sim/audit';
import { healthOf, maskObject, podState, refKey, refOf, type KObject } from '../sim/cluster';
import { HOOK_ANNOTATION } from '../sim/compare/hooks';
import type { Sandbox } from '../sim/sandbox';
import type { ObjectEvent, ObjectView } from './view';

const NESTED = new Set(['Pod', 'ReplicaSet']);

export function objectViews(sandbox: Sandbox, lane: ClusterName): ObjectView[] {
  const cluster = sandbox.clusters[lane];
  const observed = sandbox.observer.observation(lane);
  const diffs = new Map<
    string,
    { app: string; r: NonNullable<typeof observed>['apps'][string]['resources'][number] }
  >();
  for (const [app, view] of Object.entries(observed?.apps ?? {}))
    for (const r of view.resources) diffs.set(r.key, { app, r });
  const all = cluster.list();
  const pods = all.filter((o) => o.kind === 'Pod');
  const replicaSets = all.filter((o) => o.kind === 'ReplicaSet');
  const hookApps = new Map<string, string>();
  if (lane === 'gitops')
    for (const app of sandbox.gitops.apps)
      for (const r of app.operation?.results ?? []) if (r.hook) hookApps.set(r.key, app.spec.name);
  const events = new Map<string, ObjectEvent[]>();
  for (const e of cluster.events.list()) {
    const key = refKey(e.involvedObject);
    const list = events.get(key) ?? [];
    events.set(key, list);
    const { type, reason, count, source, message, firstTimestamp, lastTimestamp } = e;
    list.push({ type, reason, count, source, message, firstTimestamp, lastTimestamp });
  }
  const podsOf = (obj: KObject) => {
    if (obj.kind === 'Job' || obj.kind === 'StatefulSet')
      return pods
        .filter((p) => p.metadata.ownerReferences?.some((r) => r.uid === obj.metadata.uid))
        .map((p) => ({ name: p.metadata.name, state: podState(p) }));
    if (obj.kind !== 'Deployment') return [];
    const owned = new Set(
      replicaSets
        .filter((rs) => rs.metadata.ownerReferences?.some((r) => r.uid === obj.metadata.uid))
        .map((rs) => rs.metadata.uid),
    );
    return pods
      .filter((p) => p.metadata.ownerReferences?.some((r) => owned.has(r.uid)))
      .map((p) => ({ name: p.metadata.name, state: podState(p) }));
  };
  const out: ObjectView[] = [];
  const seen = new Set<string>();
  for (const obj of all) {
    if (NESTED.has(obj.kind) || (obj.kind === 'Namespace' && obj.metadata.name === 'default'))
      continue;
    const key = refKey(refOf(obj));
    seen.add(key);
    const d = diffs.get(key);
    const health = healthOf(obj);
    const hook = lane === 'gitops' ? obj.metadata.annotations?.[HOOK_ANNOTATION] : undefined;
    const app = d?.app ?? hookApps.get(key);
    out.push({
      key,
      kind: obj.kind,
      name: obj.metadata.name,
      ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
      ...(app ? { app } : {}),
      ...(hook !== undefined ? { hook } : {}),
      health: health?.status ?? null,
      ...(health?.message ? { healthMessage: health.message } : {}),
      pods: podsOf(obj),
      ...(d?.r.desired ? { desired: maskObject(d.r.desired) } : {}),
      live: maskObject(obj),
      drift: d && d.r.status === 'OutOfSync' ? d.r.reason : null,
      fields: d?.r.fields ?? [],
      ...(d?.r.textDiff && d.r.status === 'OutOfSync' ? { textDiff: d.r.textDiff } : {}),
      events: events.get(key) ?? [],
    });
  }
  // Declared in Git but not live: shown as Missing.
  for (const [key, { app, r }] of diffs) {
    if (seen.has(key) || !r.desired) continue;
    out.push({
      key,
      kind: r.kind,
      name: r.name,
      ...(r.namespace ? { namespace: r.namespace } : {}),
      app,
      health: 'Missing',
      pods: [],
      desired: maskObject(r.desired),
      drift: 'missing',
      fields: r.fields,
      ...(r.textDiff ? { textDiff: r.textDiff } : {}),
    });
  }
  return out;
}
