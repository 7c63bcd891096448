// The lane's objects as Argo CD's resource tree shows them: per app, Deployment -> ReplicaSet ->
// Pod, Service -> Endpoints and Job -> Pod, then the other kinds; objects Git does not declare under their own
// root. Pure: built from the view's objects.
// Simplification: ReplicaSets are read from their pods' names (Kubernetes names a ReplicaSet's
// pods `<replicaset>-<suffix>`), so a ReplicaSet scaled to zero is not shown; Endpoints are the
// Running pods of the Deployments and StatefulSets whose pod labels match the Service's selector.
import type { PodState } from '../../sim/cluster';
import type { ObjectView } from '../../store/view';

export interface PodNode {
  name: string;
  state: PodState;
}

export interface ReplicaSetNode {
  name: string;
  pods: PodNode[];
}

export interface ObjectNode {
  object: ObjectView;
  replicaSets: ReplicaSetNode[];
  /** Services: the addresses of its Endpoints (pod names), null for other kinds. */
  endpoints: string[] | null;
  /** A Job's Pods (a Job owns its Pods directly). */
  pods: PodNode[];
}

export interface AppNode {
  /** The app (the folder Git declares it in); '' for objects Git does not declare. */
  app: string;
  objects: ObjectNode[];
}

// order: Deployment, Service, then the other kinds by name, then by object name.
const KIND_ORDER = ['Deployment', 'Service'];
const rank = (kind: string) => {
  const i = KIND_ORDER.indexOf(kind);
  return i < 0 ? KIND_ORDER.length : i;
};

function replicaSets(pods: readonly PodNode[]): ReplicaSetNode[] {
  const out = new Map<string, PodNode[]>();
  for (const p of pods) {
    const rs = p.name.replace(/-[^-]+$/, '');
    const list = out.get(rs);
    if (list) list.push(p);
    else out.set(rs, [p]);
  }
  return [...out].map(([name, list]) => ({ name, pods: list }));
}

type Labels = Record<string, string>;
const record = (v: unknown): Labels | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Labels) : null;

function selectorOf(service: ObjectView): Labels | null {
  return record((service.live?.spec as { selector?: unknown } | undefined)?.selector);
}

function podLabelsOf(deployment: ObjectView): Labels | null {
  const spec = deployment.live?.spec as
    { template?: { metadata?: { labels?: unknown } } } | undefined;
  return record(spec?.template?.metadata?.labels);
}

const matches = (selector: Labels, labels: Labels) =>
  Object.entries(selector).every(([k, v]) => Object.hasOwn(labels, k) && labels[k] === v);

function endpoints(service: ObjectView, all: readonly ObjectView[]): string[] {
  const selector = selectorOf(service);
  if (!selector || Object.keys(selector).length === 0) return [];
  return all
    .filter(
      (o) =>
        (o.kind === 'Deployment' || o.kind === 'StatefulSet') && o.namespace === service.namespace,
    )
    .filter((d) => {
      const labels = podLabelsOf(d);
      return labels !== null && matches(selector, labels);
    })
    .flatMap((d) => d.pods.filter((p) => p.state === 'Running').map((p) => p.name));
}

export function resourceTree(objects: readonly ObjectView[]): AppNode[] {
  const apps = new Map<string, ObjectView[]>();
  for (const o of objects) {
    const list = apps.get(o.app ?? '');
    if (list) list.push(o);
    else apps.set(o.app ?? '', [o]);
  }
  // Apps by name; what Git does not declare comes last.
  return [...apps]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([app, list]) => ({
      app,
      objects: [...list]
        .sort(
          (a, b) =>
            rank(a.kind) - rank(b.kind) ||
            a.kind.localeCompare(b.kind) ||
            a.name.localeCompare(b.name),
        )
        .map((o) => ({
          object: o,
          replicaSets: o.kind === 'Deployment' ? replicaSets(o.pods) : [],
          endpoints: o.kind === 'Service' ? endpoints(o, objects) : null,
          pods: o.kind === 'Job' ? o.pods : [],
        })),
    }));
}
