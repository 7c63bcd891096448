// Fields the API server refuses to change once an object has them (REFERENCE.md, "Push lane": for
// both lanes): a Deployment's `spec.selector` in apps/v1, a Service's cluster IP, a Job's pod
// template. A refused update changes nothing; a server-side dry run (Flux) finds it before any
// apply, a client-side one (Argo CD, kubectl --dry-run=client) does not.
import { sameValue } from './equal';
import { isRecord, type KObject } from './object';

/** The field an update may not change, its new value as the API server prints it, and why. */
export interface ImmutableChange {
  field: string;
  shown: string;
  why: string;
}

const specOf = (obj: KObject): Record<string, unknown> => (isRecord(obj.spec) ? obj.spec : {});

/** Go's `%#v` of a label selector, as the API server's message shows it. */
function selectorText(selector: unknown): string {
  const labels = isRecord(selector) && isRecord(selector.matchLabels) ? selector.matchLabels : {};
  const pairs = Object.keys(labels)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(String(labels[k]))}`);
  return `v1.LabelSelector{MatchLabels:map[string]string{${pairs.join(', ')}}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`;
}

/**
 * What the API server keeps of the stored object when an update leaves a field unset: a Service's
 * allocated cluster IP (an apply that no longer names it does not release it). Edits `next`.
 */
export function keepAllocated(existing: KObject, next: KObject): void {
  if (next.kind !== 'Service' || !isRecord(next.spec)) return;
  const ip = specOf(existing).clusterIP;
  if (ip !== undefined && next.spec.clusterIP === undefined) next.spec.clusterIP = ip;
}

/** The first immutable field that `next` changes from `existing`, or null. */
export function immutableChange(existing: KObject, next: KObject): ImmutableChange | null {
  const before = specOf(existing);
  const after = specOf(next);
  if (next.kind === 'Deployment' && next.apiVersion === 'apps/v1') {
    if (!sameValue(before.selector, after.selector))
      return {
        field: 'spec.selector',
        shown: selectorText(after.selector),
        why: 'field is immutable',
      };
  } else if (next.kind === 'Service') {
    if (before.clusterIP !== undefined && after.clusterIP !== before.clusterIP)
      return {
        field: 'spec.clusterIPs[0]',
        shown: `[]string{${JSON.stringify(typeof after.clusterIP === 'string' ? after.clusterIP : '')}}`,
        why: 'may not change once set',
      };
  } else if (next.kind === 'Job') {
    if (!sameValue(before.template, after.template))
      return {
        field: 'spec.template',
        shown: 'core.PodTemplateSpec{...}',
        why: 'field is immutable',
      };
  }
  return null;
}
