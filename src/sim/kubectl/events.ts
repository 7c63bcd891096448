// Kubernetes Events in kubectl: `kubectl get events` (with -n, -A, --field-selector, -o yaml|json)
// and the Events section that ends every `describe` page. Events come from the cluster's event
// store (cluster/events.ts), not the audit trail.
//
// Simplification: `kubectl get events` lists oldest last-seen first (the API server's order is by
// event name, which groups them by object); `-w` is not simulated.
import type { Cluster, KObject, KubeEvent } from '../cluster';
import { isoTime } from '../cluster/time';
import { humanDuration } from './age';
import { printJsonPath } from './jsonpath';
import type { GetCommand } from './ast';
import type { Exec } from './context';
import type { Description } from './description';
import { KubectlError } from './errors';
import { printObjects } from './output';
import { renderTable } from './table';

const EVENT_TYPES = new Set(['events', 'event', 'ev', 'events.events.k8s.io']);

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

const EVENT_FIELDS: Record<string, (e: KubeEvent) => string> = {
  'involvedObject.name': (e) => e.involvedObject.name,
  'involvedObject.kind': (e) => e.involvedObject.kind,
  'involvedObject.namespace': (e) => e.involvedObject.namespace ?? '',
  'involvedObject.uid': (e) => e.involvedObject.uid ?? '',
  reason: (e) => e.reason,
  type: (e) => e.type,
  source: (e) => e.source,
  'metadata.namespace': (e) => e.namespace,
};

/** `--field-selector a=b,c!=d` (also `==`), or a KubectlError. */
export function parseFieldSelector(text: string): FieldRequirement[] | KubectlError {
  const out: FieldRequirement[] = [];
  for (const part of text.split(',')) {
    const m = /^([\w.]+)\s*(==|!=|=)\s*(.*)$/.exec(part.trim());
    if (!m)
      return new KubectlError('E_FLAG_VALUE', `error: invalid selector: '${text}'`, {
        token: text,
      });
    out.push({ field: m[1]!, op: m[2] === '!=' ? '!=' : '=', value: m[3]! });
  }
  return out;
}

/** Whether `get` asks for events: one events type and no name. */
export function asksForEvents(cmd: GetCommand): boolean {
  return (
    cmd.resources.length === 1 &&
    EVENT_TYPES.has(cmd.resources[0]!.type) &&
    cmd.resources[0]!.name === undefined
  );
}

function matches(e: KubeEvent, selector: readonly FieldRequirement[]): boolean {
  return selector.every((r) => {
    const value = EVENT_FIELDS[r.field]!(e);
    return r.op === '=' ? value === r.value : value !== r.value;
  });
}

/** An event as the API's v1 Event object (`get events -o yaml`). */
function eventObject(e: KubeEvent, n: number): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${e.involvedObject.name}.${n.toString(16)}`, namespace: e.namespace },
    involvedObject: { ...e.involvedObject },
    type: e.type,
    reason: e.reason,
    message: e.message,
    source: { component: e.source },
    count: e.count,
    firstTimestamp: isoTime(e.firstTimestamp),
    lastTimestamp: isoTime(e.lastTimestamp),
  };
}

export function getEvents(cmd: GetCommand, x: Exec): void {
  const selector = cmd.fieldSelector ?? [];
  const unknown = selector.find((r) => !Object.hasOwn(EVENT_FIELDS, r.field));
  if (unknown)
    throw new KubectlError(
      'E_FLAG_VALUE',
      `Error from server (BadRequest): Unable to find "/v1, Resource=events" that match label selector "", field selector "${unknown.field}${unknown.op}${unknown.value}": field label not supported: ${unknown.field}`,
      { token: unknown.field },
    );
  const events = x.cluster.events
    .list(cmd.allNamespaces ? {} : { namespace: cmd.namespace ?? 'default' })
    .filter((e) => matches(e, selector));
  if (events.length === 0) {
    x.out.note(
      cmd.allNamespaces
        ? 'No resources found'
        : `No resources found in ${cmd.namespace ?? 'default'} namespace.`,
    );
    return;
  }
  if (cmd.output === 'yaml' || cmd.output === 'json') {
    x.out.print(printObjects(events.map(eventObject), cmd.output, true));
    return;
  }
  if (cmd.output === 'jsonpath') {
    const items = events.map(eventObject);
    x.out.print(printJsonPath(cmd.jsonpath ?? '', { apiVersion: 'v1', kind: 'List', items }));
    return;
  }
  if (cmd.output === 'name') {
    events.forEach((e, i) => x.out.print(`event/${eventObject(e, i).metadata.name}`));
    return;
  }
  const now = x.cluster.clock.now();
  const header = [
    ...(cmd.allNamespaces ? ['NAMESPACE'] : []),
    'LAST SEEN',
    'TYPE',
    'REASON',
    'OBJECT',
    'MESSAGE',
  ];
  const rows = events.map((e) => [
    ...(cmd.allNamespaces ? [e.namespace] : []),
    humanDuration(now - e.lastTimestamp),
    e.type,
    e.reason,
    `${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}`,
    e.message,
  ]);
  x.out.print(renderTable([header, ...rows]));
}

/** describe's AGE of an event: `12s`, or `5s (x4 over 70s)` for a repeated one. */
export function eventAge(
  e: Pick<KubeEvent, 'count' | 'firstTimestamp' | 'lastTimestamp'>,
  now: number,
): string {
  const last = humanDuration(now - e.lastTimestamp);
  return e.count > 1 ? `${last} (x${e.count} over ${humanDuration(now - e.firstTimestamp)})` : last;
}

/** The Events section at the end of a describe page. */
export function describeEvents(d: Description, cluster: Cluster, obj: KObject): void {
  const events = cluster.events.about({
    kind: obj.kind,
    name: obj.metadata.name,
    namespace: obj.metadata.namespace ?? 'default',
  });
  if (events.length === 0) {
    d.kv('Events', '<none>');
    return;
  }
  const now = cluster.clock.now();
  d.text('Events:');
  d.table([
    ['Type', 'Reason', 'Age', 'From', 'Message'],
    ['----', '------', '----', '----', '-------'],
    ...events.map((e) => [e.type, e.reason, eventAge(e, now), e.source, e.message]),
  ]);
}
