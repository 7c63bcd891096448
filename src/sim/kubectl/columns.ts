// The columns `kubectl get` prints for each kind, between NAME and AGE (and, with `-o wide`, after
// AGE). Kinds without a printer here get NAME and AGE only, as kubectl's generic table does.
import { metricSpecs, podState, type KObject } from '../cluster';
import { table } from '../safe-keys';

type Obj = Record<string, unknown>;
type Column = [header: string, cell: (obj: KObject) => string];

interface Printer {
  columns: Column[];
  wide?: Column[];
}

const n = (v: unknown) => String(typeof v === 'number' ? v : 0);
const spec = (obj: KObject) => (obj.spec ?? {}) as Obj;
const status = (obj: KObject) => (obj.status ?? {}) as Obj;

/** A scalar field as text, or `fallback` when it is absent (or not a scalar). */
export function scalar(v: unknown, fallback: string): string {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
    ? String(v)
    : fallback;
}

/** `app=web,tier=frontend`, or `<none>`: label maps and selectors as kubectl prints them. */
export function mapText(m: unknown): string {
  return m && typeof m === 'object' && Object.keys(m).length > 0
    ? Object.entries(m as Record<string, string>)
        .map(([k, v]) => `${k}=${v}`)
        .join(',')
    : '<none>';
}

interface ContainerStatus {
  ready?: boolean;
  restartCount?: number;
  state?: { waiting?: { reason?: string } };
}

function containerStatuses(pod: KObject): ContainerStatus[] {
  return (status(pod).containerStatuses as ContainerStatus[] | undefined) ?? [];
}

function templateContainers(obj: KObject): { name: string; image: string }[] {
  return (
    (
      spec(obj).template as
        { spec?: { containers?: { name: string; image: string }[] } } | undefined
    )?.spec?.containers ?? []
  );
}

/** STATUS of a Pod: podState, except that a Pending Pod shows why it waits (ContainerCreating). */
export function podStatusText(pod: KObject): string {
  const state = podState(pod);
  if (state !== 'Pending') return state;
  return (
    containerStatuses(pod)
      .map((s) => s.state?.waiting?.reason)
      .find((r) => r !== undefined) ?? 'Pending'
  );
}

const TEMPLATE_WIDE: Column[] = [
  [
    'CONTAINERS',
    (o) =>
      templateContainers(o)
        .map((c) => c.name)
        .join(',') || '<none>',
  ],
  [
    'IMAGES',
    (o) =>
      templateContainers(o)
        .map((c) => c.image)
        .join(',') || '<none>',
  ],
  ['SELECTOR', (o) => mapText((spec(o).selector as Obj | undefined)?.matchLabels)],
];

interface Metric {
  type?: string;
  resource?: {
    name?: string;
    target?: { averageUtilization?: number; averageValue?: string };
    current?: { averageUtilization?: number; averageValue?: string };
  };
}

/**
 * HPA TARGETS as kubectl 1.30+ prints them: `cpu: 40%/50%` per resource metric, `<unknown>` while
 * there is no current value (before the first sync, or FailedGetResourceMetric).
 */
export function hpaTargets(hpa: KObject): string {
  const metrics = metricSpecs(spec(hpa)) as Metric[];
  const current = (status(hpa).currentMetrics as Metric[] | undefined) ?? [];
  const parts = metrics
    .filter((m) => m.type === 'Resource' && m.resource)
    .map((m) => {
      const now = current.find(
        (c) => c.type === 'Resource' && c.resource?.name === m.resource!.name,
      )?.resource?.current;
      const pct = m.resource!.target?.averageUtilization;
      const name = `${m.resource!.name ?? ''}: `;
      if (pct !== undefined)
        return `${name}${now?.averageUtilization !== undefined ? `${now.averageUtilization}%` : '<unknown>'}/${pct}%`;
      return `${name}${now?.averageValue ?? '<unknown>'}/${m.resource!.target?.averageValue ?? '<unknown>'}`;
    });
  return parts.length > 0 ? parts.join(', ') : '<none>';
}

interface ServicePort {
  port?: number;
  nodePort?: number;
  protocol?: string;
}

function externalIP(svc: KObject): string {
  const s = spec(svc);
  if (s.type === 'ExternalName') return scalar(s.externalName, '<none>');
  if (s.type === 'LoadBalancer') {
    const ingress =
      (status(svc).loadBalancer as { ingress?: { ip?: string; hostname?: string }[] } | undefined)
        ?.ingress ?? [];
    return ingress.length > 0 ? ingress.map((i) => i.ip ?? i.hostname).join(',') : '<pending>';
  }
  const ips = (s.externalIPs as string[] | undefined) ?? [];
  return ips.length > 0 ? ips.join(',') : '<none>';
}

const PRINTERS = table<Printer>({
  Pod: {
    columns: [
      [
        'READY',
        (p) =>
          `${containerStatuses(p).filter((s) => s.ready).length}/${((spec(p).containers as unknown[] | undefined) ?? []).length}`,
      ],
      ['STATUS', podStatusText],
      [
        'RESTARTS',
        (p) => String(containerStatuses(p).reduce((sum, s) => sum + (s.restartCount ?? 0), 0)),
      ],
    ],
  },
  Deployment: {
    columns: [
      ['READY', (d) => `${n(status(d).readyReplicas)}/${n(spec(d).replicas)}`],
      ['UP-TO-DATE', (d) => n(status(d).updatedReplicas)],
      ['AVAILABLE', (d) => n(status(d).availableReplicas)],
    ],
    wide: TEMPLATE_WIDE,
  },
  StatefulSet: {
    columns: [['READY', (s) => `${n(status(s).readyReplicas)}/${n(spec(s).replicas)}`]],
    wide: TEMPLATE_WIDE.slice(0, 2),
  },
  ReplicaSet: {
    columns: [
      ['DESIRED', (r) => n(spec(r).replicas)],
      ['CURRENT', (r) => n(status(r).replicas)],
      ['READY', (r) => n(status(r).readyReplicas)],
    ],
    wide: TEMPLATE_WIDE,
  },
  Service: {
    columns: [
      ['TYPE', (s) => scalar(spec(s).type, 'ClusterIP')],
      ['CLUSTER-IP', (s) => scalar(spec(s).clusterIP, '<none>')],
      ['EXTERNAL-IP', externalIP],
      [
        'PORT(S)',
        (s) =>
          ((spec(s).ports as ServicePort[] | undefined) ?? [])
            .map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`)
            .join(',') || '<none>',
      ],
    ],
    wide: [['SELECTOR', (s) => mapText(spec(s).selector)]],
  },
  HorizontalPodAutoscaler: {
    columns: [
      [
        'REFERENCE',
        (h) => {
          const ref = spec(h).scaleTargetRef as { kind?: string; name?: string } | undefined;
          return `${ref?.kind ?? ''}/${ref?.name ?? ''}`;
        },
      ],
      ['TARGETS', hpaTargets],
      ['MINPODS', (h) => scalar(spec(h).minReplicas, '1')],
      ['MAXPODS', (h) => n(spec(h).maxReplicas)],
      ['REPLICAS', (h) => n(status(h).currentReplicas)],
    ],
  },
  ConfigMap: {
    columns: [
      [
        'DATA',
        (c) =>
          String(
            Object.keys((c.data as Obj | undefined) ?? {}).length +
              Object.keys((c.binaryData as Obj | undefined) ?? {}).length,
          ),
      ],
    ],
  },
  Secret: {
    columns: [
      ['TYPE', (s) => scalar(s.type, 'Opaque')],
      ['DATA', (s) => String(Object.keys((s.data as Obj | undefined) ?? {}).length)],
    ],
  },
  Namespace: {
    columns: [['STATUS', (ns) => scalar(status(ns).phase, 'Active')]],
  },
});

export function printerFor(kind: string): Printer {
  return PRINTERS[kind] ?? { columns: [] };
}
