// `kubectl describe` pages for the kinds the simulation runs, in kubectl's layout: Deployment,
// ReplicaSet, StatefulSet (describe-statefulset.ts), Pod, Service, HorizontalPodAutoscaler, ConfigMap, Secret, Namespace.
// The Events section follows every page (events.ts).
import { LAST_APPLIED, type Cluster, type KObject } from '../cluster';
import { table } from '../safe-keys';
import { describeTime } from './age';
import { hpaTargets, mapText, podStatusText, scalar } from './columns';
import type { Description } from './description';
import { describeStatefulSet } from './describe-statefulset';

type Obj = Record<string, unknown>;

interface DescribeContext {
  cluster: Cluster;
  /** The object as stored (unmasked): read only for what kubectl shows of a Secret, its sizes. */
  stored: KObject;
}

type Section = (d: Description, obj: KObject, ctx: DescribeContext) => void;

interface Container {
  name: string;
  image?: string;
  ports?: { containerPort?: number; protocol?: string; name?: string }[];
  env?: {
    name: string;
    value?: string;
    valueFrom?: {
      secretKeyRef?: { name?: string; key?: string };
      configMapKeyRef?: { name?: string; key?: string };
      fieldRef?: { fieldPath?: string };
    };
  }[];
}

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

const spec = (obj: KObject) => (obj.spec ?? {}) as Obj;
const status = (obj: KObject) => (obj.status ?? {}) as Obj;
const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const pairs = (m: Record<string, string> | undefined) =>
  Object.entries(m ?? {}).map(([k, v]) => `${k}=${v}`);

export function header(d: Description, obj: KObject): void {
  d.kv('Name', obj.metadata.name);
  if (obj.metadata.namespace !== undefined) d.kv('Namespace', obj.metadata.namespace);
  d.kv('CreationTimestamp', describeTime(obj.metadata.creationTimestamp));
  d.kv('Labels', pairs(obj.metadata.labels));
  d.kv(
    'Annotations',
    // kubectl describe leaves last-applied out (its skipAnnotations): `get -o yaml` shows it.
    Object.entries(obj.metadata.annotations ?? {})
      .filter(([k]) => k !== LAST_APPLIED)
      .map(([k, v]) => `${k}: ${v}`),
  );
}

function envLine(e: NonNullable<Container['env']>[number]): string {
  const from = e.valueFrom;
  if (from?.secretKeyRef)
    return `${e.name}:  <set to the key '${from.secretKeyRef.key}' in secret '${from.secretKeyRef.name}'>  Optional: false`;
  if (from?.configMapKeyRef)
    return `${e.name}:  <set to the key '${from.configMapKeyRef.key}' of config map '${from.configMapKeyRef.name}'>  Optional: false`;
  if (from?.fieldRef) return `${e.name}:   (v1:${from.fieldRef.fieldPath})`;
  return `${e.name}:  ${e.value ?? ''}`;
}

/** kubectl's container blocks: under a Pod at the left margin, under a pod template indented. */
function containers(
  d: Description,
  list: Container[],
  inTemplate: boolean,
  state?: (c: Container) => void,
): void {
  d.text('Containers:', inTemplate ? 2 : 0);
  for (const c of list) {
    d.text(`${c.name}:`, inTemplate ? 3 : 2);
    d.kv('Image', c.image ?? '<none>', 4);
    d.kv(
      'Port',
      (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ') ||
        '<none>',
      4,
    );
    state?.(c);
    if (c.env && c.env.length > 0) {
      d.kv('Environment', '', 4);
      for (const e of c.env) d.text(envLine(e), 6);
    } else d.kv('Environment', '<none>', 4);
  }
}

export function podTemplate(
  d: Description,
  template:
    | {
        metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
        spec?: { containers?: Container[] };
      }
    | undefined,
): void {
  d.text('Pod Template:');
  d.kv('Labels', pairs(template?.metadata?.labels), 2);
  const annotations = Object.entries(template?.metadata?.annotations ?? {}).map(
    ([k, v]) => `${k}: ${v}`,
  );
  if (annotations.length > 0) d.kv('Annotations', annotations, 2);
  containers(d, template?.spec?.containers ?? [], true);
}

function conditions(d: Description, obj: KObject, columns: (keyof Condition)[]): void {
  const list = (status(obj).conditions as Condition[] | undefined) ?? [];
  d.text('Conditions:');
  if (list.length === 0) {
    d.text('<none>', 2);
    return;
  }
  const title = (c: string) => c[0]!.toUpperCase() + c.slice(1);
  d.table([
    columns.map(title),
    columns.map((c) => '-'.repeat(c.length)),
    ...list.map((c) => columns.map((col) => c[col] ?? '')),
  ]);
}

function controlledBy(d: Description, obj: KObject): void {
  const owner = obj.metadata.ownerReferences?.find((o) => o.controller);
  if (owner) d.kv('Controlled By', `${owner.kind}/${owner.name}`);
}

const deployment: Section = (d, obj, { cluster }) => {
  const s = spec(obj);
  const st = status(obj);
  const strategy = (s.strategy ?? {}) as {
    type?: string;
    rollingUpdate?: { maxSurge?: unknown; maxUnavailable?: unknown };
  };
  header(d, obj);
  d.kv('Selector', mapText((s.selector as Obj | undefined)?.matchLabels));
  d.kv(
    'Replicas',
    `${num(s.replicas)} desired | ${num(st.updatedReplicas)} updated | ${num(st.replicas)} total | ${num(st.availableReplicas)} available | ${num(st.unavailableReplicas)} unavailable`,
  );
  d.kv('StrategyType', strategy.type ?? 'RollingUpdate');
  d.kv('MinReadySeconds', num(s.minReadySeconds));
  if (strategy.rollingUpdate)
    d.kv(
      'RollingUpdateStrategy',
      `${String(strategy.rollingUpdate.maxUnavailable)} max unavailable, ${String(strategy.rollingUpdate.maxSurge)} max surge`,
    );
  if (s.paused === true) d.kv('Paused', 'true');
  podTemplate(d, s.template as Parameters<typeof podTemplate>[1]);
  conditions(d, obj, ['type', 'status', 'reason']);
  const revision = (rs: KObject) =>
    Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
  const sets = cluster
    .list({ kind: 'ReplicaSet', namespace: obj.metadata.namespace })
    .filter((rs) => rs.metadata.ownerReferences?.some((o) => o.uid === obj.metadata.uid))
    .sort((a, b) => revision(a) - revision(b));
  const newest = sets[sets.length - 1];
  const line = (rs: KObject) =>
    `${rs.metadata.name} (${num(status(rs).replicas)}/${num(spec(rs).replicas)} replicas created)`;
  const old = sets.filter(
    (rs) => rs !== newest && (num(spec(rs).replicas) > 0 || num(status(rs).replicas) > 0),
  );
  d.kv('OldReplicaSets', old.map(line));
  d.kv('NewReplicaSet', newest ? line(newest) : '<none>');
};

const replicaSet: Section = (d, obj, { cluster }) => {
  const pods = cluster
    .list({ kind: 'Pod', namespace: obj.metadata.namespace })
    .filter((p) => p.metadata.ownerReferences?.some((o) => o.uid === obj.metadata.uid));
  const running = pods.filter((p) => podStatusText(p) === 'Running').length;
  header(d, obj);
  d.kv('Selector', mapText((spec(obj).selector as Obj | undefined)?.matchLabels));
  controlledBy(d, obj);
  d.kv('Replicas', `${num(status(obj).replicas)} current / ${num(spec(obj).replicas)} desired`);
  d.kv(
    'Pods Status',
    `${running} Running / ${pods.length - running} Waiting / 0 Succeeded / 0 Failed`,
  );
  podTemplate(d, spec(obj).template as Parameters<typeof podTemplate>[1]);
  conditions(d, obj, ['type', 'status', 'reason']);
};

const pod: Section = (d, obj) => {
  const statuses =
    (status(obj).containerStatuses as
      | {
          name: string;
          ready?: boolean;
          restartCount?: number;
          state?: {
            waiting?: { reason?: string; message?: string };
            running?: { startedAt?: string };
          };
        }[]
      | undefined) ?? [];
  header(d, obj);
  d.kv('Status', podStatusText(obj));
  controlledBy(d, obj);
  containers(d, (spec(obj).containers as Container[] | undefined) ?? [], false, (c) => {
    const s = statuses.find((x) => x.name === c.name);
    if (s?.state?.running) {
      d.kv('State', 'Running', 4);
      if (s.state.running.startedAt) d.kv('Started', describeTime(s.state.running.startedAt), 6);
    } else {
      d.kv('State', 'Waiting', 4);
      d.kv('Reason', s?.state?.waiting?.reason ?? 'ContainerCreating', 6);
      if (s?.state?.waiting?.message) d.kv('Message', s.state.waiting.message, 6);
    }
    d.kv('Ready', s?.ready ? 'True' : 'False', 4);
    d.kv('Restart Count', num(s?.restartCount), 4);
  });
  conditions(d, obj, ['type', 'status']);
};

const service: Section = (d, obj) => {
  const s = spec(obj);
  header(d, obj);
  d.kv('Selector', mapText(s.selector));
  d.kv('Type', scalar(s.type, 'ClusterIP'));
  d.kv('IP', scalar(s.clusterIP, '<none>'));
  for (const p of (s.ports as
    | { name?: string; port?: number; targetPort?: unknown; nodePort?: number; protocol?: string }[]
    | undefined) ?? []) {
    d.kv('Port', `${p.name ?? '<unset>'}  ${p.port}/${p.protocol ?? 'TCP'}`);
    d.kv('TargetPort', `${scalar(p.targetPort ?? p.port, '<none>')}/${p.protocol ?? 'TCP'}`);
    if (p.nodePort)
      d.kv('NodePort', `${p.name ?? '<unset>'}  ${p.nodePort}/${p.protocol ?? 'TCP'}`);
  }
  d.kv('Session Affinity', scalar(s.sessionAffinity, 'None'));
};

const hpa: Section = (d, obj) => {
  const s = spec(obj);
  const target = (s.scaleTargetRef ?? {}) as { kind?: string; name?: string };
  header(d, obj);
  d.kv('Reference', `${target.kind}/${target.name}`);
  d.kv('Metrics (current / target)', hpaTargets(obj));
  d.kv('Min replicas', num(s.minReplicas ?? 1));
  d.kv('Max replicas', num(s.maxReplicas));
  d.kv(
    `${target.kind ?? 'Target'} pods`,
    `${num(status(obj).currentReplicas)} current / ${num(status(obj).desiredReplicas)} desired`,
  );
  conditions(d, obj, ['type', 'status', 'reason', 'message']);
};

const configMap: Section = (d, obj) => {
  header(d, obj);
  d.blank().text('Data').text('====');
  for (const [k, v] of Object.entries((obj.data ?? {}) as Record<string, string>))
    d.text(`${k}:`).text('----').text(String(v)).blank();
  d.blank().text('BinaryData').text('====').blank();
};

/** Bytes a base64 text decodes to: all kubectl reveals of a Secret value. */
function decodedSize(b64: string): number {
  return Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);
}

const secret: Section = (d, obj, { stored }) => {
  header(d, obj);
  d.blank().kv('Type', scalar(obj.type, 'Opaque')).blank().text('Data').text('====');
  for (const [k, v] of Object.entries((stored.data ?? {}) as Record<string, string>))
    d.kv(k, `${decodedSize(String(v))} bytes`);
};

const namespace: Section = (d, obj) => {
  header(d, obj);
  d.kv('Status', scalar(status(obj).phase, 'Active'));
};

export const KIND_SECTIONS = table<Section>({
  Deployment: deployment,
  ReplicaSet: replicaSet,
  StatefulSet: (d, obj, { cluster }) => describeStatefulSet(d, obj, cluster),
  Pod: pod,
  Service: service,
  HorizontalPodAutoscaler: hpa,
  ConfigMap: configMap,
  Secret: secret,
  Namespace: namespace,
});
