// The imperative operations people run with kubectl (scale, set image, patch, label, annotate,
// rollout undo / restart / status / history), each a write through `Cluster.update` as the field
// manager kubectl itself uses, so that the audit and field ownership see them as they happen.
import type { Channel } from '../audit';
import { safeKey } from '../safe-keys';
import type { Cluster } from './cluster';
import { CHANGE_CAUSE, ownedReplicaSets, REVISION, revisionOf } from './controllers/deployment';
import { ClusterError } from './errors';
import { healthOf } from './health';
import { isRecord, type KObject, type ObjectRef } from './object';
import { applyPatch, type PatchType } from './patch';
import { isoTime } from './time';
import type { WriteContext } from './write';

/** Who runs the command: a person by default, or `ci-bot` when a leaked token is used. */
export interface Actor {
  actor: string;
  channel?: Channel;
  revision?: string | null;
}

function ctx(who: Actor, manager: string): WriteContext {
  return {
    actor: who.actor,
    channel: who.channel ?? 'kubectl',
    manager,
    revision: who.revision ?? null,
  };
}

function need(cluster: Cluster, ref: ObjectRef): KObject {
  const obj = cluster.get(ref);
  if (!obj)
    throw new ClusterError(
      'E_NOT_FOUND',
      `Error from server (NotFound): ${ref.kind.toLowerCase()}s "${ref.name}" not found`,
      { object: ref.name },
    );
  return obj;
}

const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet']);

export function scale(cluster: Cluster, ref: ObjectRef, replicas: number, who: Actor): string {
  if (!SCALABLE.has(ref.kind))
    throw new ClusterError('E_INVALID', `error: cannot scale a ${ref.kind}`);
  need(cluster, ref);
  cluster.update(ref, ctx(who, 'kubectl-scale'), (d) => {
    (d.spec as Record<string, unknown>).replicas = replicas;
  });
  return `${cluster.display(ref)} scaled`;
}

export function setImage(
  cluster: Cluster,
  ref: ObjectRef,
  images: Record<string, string>,
  who: Actor,
): string {
  const obj = need(cluster, ref);
  const containers =
    (obj.spec as { template?: { spec?: { containers?: { name: string }[] } } }).template?.spec
      ?.containers ?? [];
  for (const name of Object.keys(images)) {
    if (name !== '*' && !containers.some((c) => c.name === name))
      throw new ClusterError('E_INVALID', `error: unable to find container named "${name}"`, {
        field: 'spec.template.spec.containers',
      });
  }
  const outcome = cluster.update(ref, ctx(who, 'kubectl-set'), (d) => {
    for (const c of (
      d.spec as { template: { spec: { containers: { name: string; image: string }[] } } }
    ).template.spec.containers) {
      const image = images[c.name] ?? images['*'];
      if (image) c.image = image;
    }
  });
  return outcome === 'unchanged'
    ? `${cluster.display(ref)} image unchanged`
    : `${cluster.display(ref)} image updated`;
}

export function patch(
  cluster: Cluster,
  ref: ObjectRef,
  body: unknown,
  type: PatchType,
  who: Actor,
): string {
  const obj = need(cluster, ref);
  const patched = applyPatch(obj, body, type);
  const outcome = cluster.update(ref, ctx(who, 'kubectl-patch'), (d) => {
    for (const k of Object.keys(d)) delete (d as Record<string, unknown>)[safeKey(k)];
    Object.assign(d, patched, {
      apiVersion: obj.apiVersion,
      kind: obj.kind,
      metadata: {
        ...(patched.metadata as object),
        name: obj.metadata.name,
        namespace: obj.metadata.namespace,
      },
    });
    if (obj.metadata.namespace === undefined) delete d.metadata.namespace;
  });
  return `${cluster.display(ref)} ${outcome === 'unchanged' ? 'patched (no change)' : 'patched'}`;
}

/** `kubectl label` / `kubectl annotate`: `value: null` removes the key (`key-`). */
export function setMetadata(
  cluster: Cluster,
  ref: ObjectRef,
  field: 'labels' | 'annotations',
  values: Record<string, string | null>,
  overwrite: boolean,
  who: Actor,
): string {
  const obj = need(cluster, ref);
  const current = obj.metadata[field] ?? {};
  for (const [k, v] of Object.entries(values)) {
    if (v !== null && Object.hasOwn(current, k) && current[k] !== v && !overwrite) {
      throw new ClusterError(
        'E_INVALID',
        `error: '${k}' already has a value (${current[k]}), and --overwrite is false`,
        { field: `metadata.${field}.${k}` },
      );
    }
  }
  cluster.update(ref, ctx(who, field === 'labels' ? 'kubectl-label' : 'kubectl-annotate'), (d) => {
    const next = { ...(d.metadata[field] ?? {}) };
    for (const [k, v] of Object.entries(values)) {
      if (v === null) delete next[safeKey(k)];
      else next[safeKey(k)] = v;
    }
    if (Object.keys(next).length === 0) delete d.metadata[field];
    else d.metadata[field] = next;
  });
  return `${cluster.display(ref)} ${field === 'labels' ? 'labeled' : 'annotated'}`;
}

function deployment(cluster: Cluster, ref: ObjectRef): KObject {
  if (ref.kind !== 'Deployment')
    throw new ClusterError(
      'E_INVALID',
      `error: no rollout support for ${ref.kind.toLowerCase()}s (this simulation rolls out Deployments)`,
    );
  return need(cluster, ref);
}

/**
 * `kubectl rollout undo`: copies an older ReplicaSet's pod template (the previous revision, or
 * `toRevision`) back into the Deployment. Git is not touched: the cluster now disagrees with it.
 */
export function rolloutUndo(
  cluster: Cluster,
  ref: ObjectRef,
  who: Actor,
  toRevision?: number,
): string {
  const deploy = deployment(cluster, ref);
  const sets = ownedReplicaSets(cluster, deploy);
  const current = Number(deploy.metadata.annotations?.[REVISION] ?? 0);
  const target = toRevision
    ? sets.find((rs) => revisionOf(rs) === toRevision)
    : [...sets].reverse().find((rs) => revisionOf(rs) < current);
  if (!target) {
    throw new ClusterError(
      'E_NO_ROLLOUT_HISTORY',
      toRevision
        ? `error: unable to find specified revision ${toRevision} in history`
        : `error: no rollout history found for deployment "${ref.name}"`,
      { object: ref.name },
    );
  }
  const template = structuredClone(
    (target.spec as { template: { metadata?: { labels?: Record<string, string> } } }).template,
  );
  if (template.metadata?.labels) delete template.metadata.labels['pod-template-hash'];
  cluster.update(ref, ctx(who, 'kubectl-rollout'), (d) => {
    (d.spec as Record<string, unknown>).template = template;
  });
  return `${cluster.display(ref)} rolled back`;
}

/** `kubectl rollout restart`: a new template annotation, so a new ReplicaSet rolls out. */
export function rolloutRestart(cluster: Cluster, ref: ObjectRef, who: Actor): string {
  deployment(cluster, ref);
  cluster.update(ref, ctx(who, 'kubectl-rollout'), (d) => {
    const template = (d.spec as { template: { metadata?: Record<string, unknown> } }).template;
    const meta = (template.metadata ??= {});
    meta.annotations = {
      ...(isRecord(meta.annotations) ? meta.annotations : {}),
      'kubectl.kubernetes.io/restartedAt': isoTime(cluster.clock.now()),
    };
  });
  return `${cluster.display(ref)} restarted`;
}

export function rolloutHistory(cluster: Cluster, ref: ObjectRef): string {
  const deploy = deployment(cluster, ref);
  const rows = ownedReplicaSets(cluster, deploy).map(
    (rs) =>
      `${String(revisionOf(rs)).padEnd(9)}${rs.metadata.annotations?.[CHANGE_CAUSE] ?? '<none>'}`,
  );
  return [
    `${cluster.display(ref)} `,
    'REVISION  CHANGE-CAUSE',
    ...rows.map((r) => r.replace(/^(\S+)\s*/, (_m, n: string) => `${n.padEnd(10)}`)),
  ].join('\n');
}

/** `kubectl rollout status` as one line: what it prints at this instant (it does not block here). */
export function rolloutStatus(
  cluster: Cluster,
  ref: ObjectRef,
): { done: boolean; failed: boolean; text: string } {
  const deploy = deployment(cluster, ref);
  const health = healthOf(deploy)!;
  if (health.status === 'Healthy')
    return { done: true, failed: false, text: `deployment "${ref.name}" successfully rolled out` };
  if (health.status === 'Degraded')
    return {
      done: false,
      failed: true,
      text: `error: deployment "${ref.name}" exceeded its progress deadline`,
    };
  const message =
    health.message?.replace(
      'Waiting for rollout to finish:',
      `Waiting for deployment "${ref.name}" rollout to finish:`,
    ) ?? `Waiting for deployment "${ref.name}" rollout to finish`;
  return { done: false, failed: false, text: message };
}
