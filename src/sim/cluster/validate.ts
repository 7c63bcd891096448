// Validation as the API server does it before it stores anything: required fields, types and
// ranges for the kinds the simulation runs. The first problem found is reported, naming the field,
// in the words kubectl prints. Kinds without rules here are only checked for metadata.
import { keyPathText, table, unsafeKeyMessage, unsafeKeyPath } from '../safe-keys';
import { ClusterError, fromServer, type ManifestSource } from './errors';
import { immutableChange } from './immutable';
import { MAX_REPLICAS } from './limits';
import { isRecord, type KObject } from './object';

type Type = 'integer' | 'string' | 'object' | 'array' | 'boolean';

const SCHEMA_TYPE = table<string>({
  Deployment: 'io.k8s.api.apps.v1.DeploymentSpec',
  Service: 'io.k8s.api.core.v1.ServiceSpec',
  HorizontalPodAutoscaler: 'io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerSpec',
});

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?$/;

function typeOf(v: unknown): Type | 'null' | 'number' {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'object') return 'object';
  return typeof v as Type;
}

class Checker {
  constructor(
    private readonly obj: KObject,
    private readonly source: ManifestSource | undefined,
  ) {}

  private get name() {
    return this.obj.metadata?.name ?? '';
  }

  private get label() {
    return `${this.obj.kind} "${this.name}"`;
  }

  private data(field: string) {
    return { object: this.label, field, ...(this.source ? { file: this.source.file } : {}) };
  }

  /**
   * The API server's refusal. kubectl prints it as `The Deployment "web" is invalid: <detail>`, or,
   * when the object came from a file, as the server's status with the file in front:
   * `Error from server (Invalid): error when creating "deploy.yaml": Deployment.apps "web" is invalid: <detail>`.
   */
  refusal(field: string, detail: string, code: ClusterError['code'] = 'E_INVALID'): never {
    const group = this.obj.apiVersion.includes('/') ? `.${this.obj.apiVersion.split('/')[0]}` : '';
    const message = this.source
      ? fromServer(
          'Invalid',
          `${this.obj.kind}${group} "${this.name}" is invalid: ${detail}`,
          this.source,
        )
      : `The ${this.label} is invalid: ${detail}`;
    throw new ClusterError(code, message, this.data(field));
  }

  /** `spec.__proto__: Forbidden: ...`: a field name that reaches the prototype chain. */
  unsafeKeys(): void {
    const path = unsafeKeyPath(this.obj);
    if (!path) return;
    const field = keyPathText(path);
    const key = String(path[path.length - 1]);
    this.refusal(field, `${field}: Forbidden: ${unsafeKeyMessage(key)}`, 'E_UNSAFE_KEY');
  }

  /** `spec.replicas: Invalid value: -1: must be greater than or equal to 0` */
  invalid(field: string, value: unknown, why: string): never {
    const shown = typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
    return this.refusal(field, `${field}: Invalid value: ${shown}: ${why}`);
  }

  required(field: string): never {
    return this.refusal(field, `${field}: Required value`);
  }

  /** kubectl's client-side schema check: `error validating "f.yaml": ... got "string", expected "integer"` */
  type(field: string, value: unknown, want: Type): void {
    if (value === undefined) return;
    const got = typeOf(value);
    if (got === want) return;
    const schema = SCHEMA_TYPE[this.obj.kind] ?? `io.k8s.api.${this.obj.kind}`;
    const where = this.source ? `error validating "${this.source.file}": ` : '';
    throw new ClusterError(
      'E_INVALID',
      `${where}error validating data: ValidationError(${this.obj.kind}.${field}): invalid type for ${schema}.${field.split('.').pop()}: got "${got}", expected "${want}"`,
      { ...this.data(field), clientSide: true },
    );
  }

  int(field: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): void {
    this.type(field, value, 'integer');
    if (typeof value === 'number' && (value < min || value > max)) {
      this.invalid(
        field,
        value,
        max === Number.MAX_SAFE_INTEGER
          ? `must be greater than or equal to ${min}`
          : `must be between ${min} and ${max}, inclusive`,
      );
    }
  }

  /** The simulation's ceiling (limits.ts), in the words of the API server's range checks. */
  atMost(field: string, value: unknown, max: number): void {
    if (typeof value === 'number' && value > max)
      this.invalid(field, value, `must be less than or equal to ${max}`);
  }

  /** A workload's replica count: 0 up to MAX_REPLICAS. */
  replicas(field: string, value: unknown, min = 0): void {
    this.int(field, value, min);
    this.atMost(field, value, MAX_REPLICAS);
  }

  stringMap(field: string, value: unknown): void {
    if (value === undefined) return;
    this.type(field, value, 'object');
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      this.type(`${field}.${k}`, v, 'string');
  }

  quantities(field: string, value: unknown): void {
    if (!isRecord(value)) return;
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'number') continue;
      if (typeof v !== 'string' || !QUANTITY.test(v))
        this.invalid(
          `${field}.${k}`,
          v,
          "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
        );
    }
  }
}

function checkPodSpec(c: Checker, base: string, spec: unknown): void {
  if (!isRecord(spec)) return c.required(base);
  c.type(`${base}.containers`, spec.containers, 'array');
  const containers = spec.containers as unknown[] | undefined;
  if (!containers || containers.length === 0) return c.required(`${base}.containers`);
  containers.forEach((raw, i) => {
    const at = `${base}.containers[${i}]`;
    c.type(at, raw, 'object');
    const ctr = raw as Record<string, unknown>;
    if (ctr.name === undefined) c.required(`${at}.name`);
    c.type(`${at}.name`, ctr.name, 'string');
    if (!DNS_LABEL.test(ctr.name as string))
      c.invalid(
        `${at}.name`,
        ctr.name,
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'",
      );
    if (ctr.image === undefined) c.required(`${at}.image`);
    c.type(`${at}.image`, ctr.image, 'string');
    c.type(`${at}.ports`, ctr.ports, 'array');
    ((ctr.ports as unknown[] | undefined) ?? []).forEach((p, j) => {
      c.type(`${at}.ports[${j}]`, p, 'object');
      c.int(
        `${at}.ports[${j}].containerPort`,
        (p as Record<string, unknown>).containerPort,
        1,
        65535,
      );
    });
    c.type(`${at}.env`, ctr.env, 'array');
    ((ctr.env as unknown[] | undefined) ?? []).forEach((e, j) => {
      c.type(`${at}.env[${j}]`, e, 'object');
      const env = e as Record<string, unknown>;
      if (env.name === undefined) c.required(`${at}.env[${j}].name`);
      c.type(`${at}.env[${j}].value`, env.value, 'string');
    });
    const resources = ctr.resources as Record<string, unknown> | undefined;
    c.quantities(`${at}.resources.requests`, resources?.requests);
    c.quantities(`${at}.resources.limits`, resources?.limits);
  });
}

const RULES = table<(c: Checker, o: KObject) => void>({
  Deployment(c, o) {
    const spec = o.spec as Record<string, unknown> | undefined;
    if (!isRecord(spec)) return c.required('spec');
    c.replicas('spec.replicas', spec.replicas);
    c.int('spec.revisionHistoryLimit', spec.revisionHistoryLimit, 0);
    c.int('spec.minReadySeconds', spec.minReadySeconds, 0);
    c.int('spec.progressDeadlineSeconds', spec.progressDeadlineSeconds, 1);
    const selector = spec.selector as Record<string, unknown> | undefined;
    if (!isRecord(selector)) return c.required('spec.selector');
    c.stringMap('spec.selector.matchLabels', selector.matchLabels);
    const template = spec.template as Record<string, unknown> | undefined;
    if (!isRecord(template)) return c.required('spec.template');
    const labels = ((template.metadata as Record<string, unknown> | undefined)?.labels ??
      {}) as Record<string, unknown>;
    c.stringMap('spec.template.metadata.labels', labels);
    for (const [k, v] of Object.entries((selector.matchLabels ?? {}) as Record<string, string>)) {
      if (labels[k] !== v)
        c.invalid(
          'spec.template.metadata.labels',
          labels,
          '`selector` does not match template `labels`',
        );
    }
    checkPodSpec(c, 'spec.template.spec', template.spec);
  },
  Service(c, o) {
    const spec = o.spec as Record<string, unknown> | undefined;
    if (spec === undefined) return;
    c.type('spec', spec, 'object');
    c.stringMap('spec.selector', spec.selector);
    if (
      spec.type !== undefined &&
      !['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'].includes(spec.type as string)
    ) {
      c.invalid(
        'spec.type',
        spec.type,
        'supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
      );
    }
    c.type('spec.ports', spec.ports, 'array');
    ((spec.ports as unknown[] | undefined) ?? []).forEach((p, i) => {
      c.type(`spec.ports[${i}]`, p, 'object');
      const port = (p as Record<string, unknown>).port;
      if (port === undefined) c.required(`spec.ports[${i}].port`);
      c.int(`spec.ports[${i}].port`, port, 1, 65535);
      const nodePort = (p as Record<string, unknown>).nodePort;
      c.type(`spec.ports[${i}].nodePort`, nodePort, 'integer');
      if (typeof nodePort === 'number' && (nodePort < 30000 || nodePort > 32767))
        c.invalid(
          `spec.ports[${i}].nodePort`,
          nodePort,
          'provided port is not in the valid range. The range of valid ports is 30000-32767',
        );
    });
  },
  ReplicaSet(c, o) {
    if (isRecord(o.spec)) c.replicas('spec.replicas', o.spec.replicas);
  },
  StatefulSet(c, o) {
    if (isRecord(o.spec)) c.replicas('spec.replicas', o.spec.replicas);
  },
  ConfigMap(c, o) {
    c.stringMap('data', o.data);
  },
  Secret(c, o) {
    c.stringMap('stringData', o.stringData);
    c.stringMap('data', o.data);
    for (const [k, v] of Object.entries((o.data ?? {}) as Record<string, string>)) {
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(v))
        c.invalid(`data[${k}]`, '<secret>', 'illegal base64 data');
    }
  },
  HorizontalPodAutoscaler(c, o) {
    const spec = o.spec as Record<string, unknown> | undefined;
    if (!isRecord(spec)) return c.required('spec');
    const target = spec.scaleTargetRef as Record<string, unknown> | undefined;
    if (!isRecord(target) || !target.kind || !target.name) c.required('spec.scaleTargetRef');
    if (spec.maxReplicas === undefined) c.required('spec.maxReplicas');
    c.replicas('spec.maxReplicas', spec.maxReplicas, 1);
    c.replicas('spec.minReplicas', spec.minReplicas, 1);
    if (typeof spec.minReplicas === 'number' && spec.minReplicas > (spec.maxReplicas as number)) {
      c.invalid('spec.minReplicas', spec.minReplicas, 'must be less than or equal to maxReplicas');
    }
  },
});

/** Throws a ClusterError (code E_UNSAFE_KEY) for a field named `__proto__`, `constructor`, `prototype`. */
export function checkFieldNames(obj: KObject, source?: ManifestSource): void {
  new Checker(obj, source).unsafeKeys();
}

/**
 * Throws a ClusterError (code E_INVALID) for the first problem; returns when the object is valid.
 * `source` is the file the object was applied from, named in the message as kubectl names it.
 */
export function validateObject(obj: KObject, namespaced: boolean, source?: ManifestSource): void {
  checkFieldNames(obj, source);
  const c = new Checker(obj, source);
  if (!isRecord(obj.metadata)) return c.required('metadata');
  const { name, namespace } = obj.metadata;
  if (name === undefined || name === '') c.required('metadata.name');
  c.type('metadata.name', name, 'string');
  if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
    c.invalid(
      'metadata.name',
      name,
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'",
    );
  }
  if (namespaced && namespace !== undefined) {
    c.type('metadata.namespace', namespace, 'string');
    if (!DNS_LABEL.test(namespace))
      c.invalid(
        'metadata.namespace',
        namespace,
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'",
      );
  }
  if (obj.kind === 'Namespace' && !DNS_LABEL.test(name))
    c.invalid(
      'metadata.name',
      name,
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'",
    );
  c.stringMap('metadata.labels', obj.metadata.labels);
  c.stringMap('metadata.annotations', obj.metadata.annotations);
  RULES[obj.kind]?.(c, obj);
}

/**
 * Throws a ClusterError (E_INVALID) when an update of `existing` to `next` changes a field the API
 * server keeps immutable (immutable.ts), in kubectl's words.
 */
export function validateUpdate(existing: KObject, next: KObject, source?: ManifestSource): void {
  const change = immutableChange(existing, next);
  if (change)
    new Checker(next, source).refusal(
      change.field,
      `${change.field}: Invalid value: ${change.shown}: ${change.why}`,
    );
}
