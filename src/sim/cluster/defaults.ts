// Kubernetes' defaulting: what the API server fills in on write. Defaults belong to no field
// manager, so they are never "drift": comparisons only look at fields a manifest sets.
import { isSafeKey } from '../safe-keys';
import { isRecord, type KObject } from './object';

type Obj = Record<string, unknown>;

// Keys here are this file's own field names, never a user's.
function fill(target: Obj, key: string, value: unknown): void {
  // eslint-disable-next-line driftlab/no-unsafe-key-write -- a field name of this file
  if (target[key] === undefined) target[key] = value;
}

function map(target: Obj, key: string): Obj {
  // eslint-disable-next-line driftlab/no-unsafe-key-write -- a field name of this file
  if (!isRecord(target[key])) target[key] = {};
  return target[key] as Obj;
}

function podSpecDefaults(spec: Obj): void {
  fill(spec, 'restartPolicy', 'Always');
  fill(spec, 'dnsPolicy', 'ClusterFirst');
  fill(spec, 'terminationGracePeriodSeconds', 30);
  fill(spec, 'schedulerName', 'default-scheduler');
  fill(spec, 'securityContext', {});
  for (const c of (spec.containers ?? []) as Obj[]) {
    const image = typeof c.image === 'string' ? c.image : '';
    const tag = image.includes(':') ? image.slice(image.lastIndexOf(':') + 1) : 'latest';
    fill(c, 'imagePullPolicy', tag === 'latest' ? 'Always' : 'IfNotPresent');
    fill(c, 'terminationMessagePath', '/dev/termination-log');
    fill(c, 'terminationMessagePolicy', 'File');
    fill(c, 'resources', {});
    for (const p of (c.ports ?? []) as Obj[]) fill(p, 'protocol', 'TCP');
  }
}

/**
 * A container with a limit and no request for a resource gets the limit as its request
 * (SetDefaults_Pod; kubernetes.io/docs/concepts/configuration/manage-resources-containers: "If you
 * specify a limit for a resource, but do not specify any request, ... Kubernetes copies the
 * limit"). Pods only: a Deployment's template is left as written.
 */
function requestsFromLimits(spec: Obj): void {
  for (const c of [
    ...((spec.initContainers ?? []) as Obj[]),
    ...((spec.containers ?? []) as Obj[]),
  ]) {
    const resources = c.resources;
    if (!isRecord(resources) || !isRecord(resources.limits)) continue;
    const limits = resources.limits;
    const requests = map(resources, 'requests');
    for (const name of Object.keys(limits))
      if (isSafeKey(name) && requests[name] === undefined) requests[name] = limits[name];
  }
}

export interface DefaultingContext {
  /** Allocates the next ClusterIP for a Service (deterministic per cluster). */
  nextClusterIP(): string;
}

/** Fills missing defaults in place. Idempotent: running it twice changes nothing more. */
export function applyDefaults(obj: KObject, ctx: DefaultingContext): void {
  const o = obj as Obj;
  switch (obj.kind) {
    case 'Deployment': {
      const spec = map(o, 'spec');
      fill(spec, 'replicas', 1);
      fill(spec, 'revisionHistoryLimit', 10);
      fill(spec, 'progressDeadlineSeconds', 600);
      const strategy = map(spec, 'strategy');
      fill(strategy, 'type', 'RollingUpdate');
      if (strategy.type === 'RollingUpdate') {
        const ru = map(strategy, 'rollingUpdate');
        fill(ru, 'maxSurge', '25%');
        fill(ru, 'maxUnavailable', '25%');
      }
      const template = map(spec, 'template');
      podSpecDefaults(map(template, 'spec'));
      break;
    }
    case 'StatefulSet': {
      // kubernetes.io/docs/concepts/workloads/controllers/statefulset (apps/v1 defaults)
      const spec = map(o, 'spec');
      fill(spec, 'replicas', 1);
      fill(spec, 'podManagementPolicy', 'OrderedReady');
      fill(spec, 'revisionHistoryLimit', 10);
      const strategy = map(spec, 'updateStrategy');
      fill(strategy, 'type', 'RollingUpdate');
      if (strategy.type === 'RollingUpdate') fill(map(strategy, 'rollingUpdate'), 'partition', 0);
      const retention = map(spec, 'persistentVolumeClaimRetentionPolicy');
      fill(retention, 'whenDeleted', 'Retain');
      fill(retention, 'whenScaled', 'Retain');
      podSpecDefaults(map(map(spec, 'template'), 'spec'));
      break;
    }
    case 'ReplicaSet':
    case 'Pod': {
      const spec = map(o, 'spec');
      podSpecDefaults(obj.kind === 'Pod' ? spec : map(map(spec, 'template'), 'spec'));
      if (obj.kind === 'Pod') requestsFromLimits(spec);
      break;
    }
    case 'Service': {
      const spec = map(o, 'spec');
      fill(spec, 'type', 'ClusterIP');
      fill(spec, 'sessionAffinity', 'None');
      if (spec.type !== 'ExternalName' && spec.clusterIP === undefined)
        spec.clusterIP = ctx.nextClusterIP();
      for (const p of (spec.ports ?? []) as Obj[]) {
        fill(p, 'protocol', 'TCP');
        fill(p, 'targetPort', p.port);
      }
      break;
    }
    case 'Secret':
      fill(o, 'type', 'Opaque');
      break;
    case 'HorizontalPodAutoscaler':
      fill(map(o, 'spec'), 'minReplicas', 1);
      break;
    case 'Namespace':
      fill(map(o, 'spec'), 'finalizers', ['kubernetes']);
      fill(map(o, 'status'), 'phase', 'Active');
      break;
  }
}
