// `kubectl get` and `kubectl describe`: find the objects the arguments name (types, names, `all`,
// a selector, a namespace or every one), then print them as a table, YAML, JSON, names or pages.
import type { KObject } from '../cluster';
import type { DescribeCommand, GetCommand } from './ast';
import type { Exec } from './context';
import { describeObject } from './describe';
import { KubectlError } from './errors';
import { asksForEvents, getEvents, type FieldRequirement } from './events';
import { printJsonPath } from './jsonpath';
import { printObjects, shownObject } from './output';
import {
  allCategory,
  kindName,
  notFound,
  refFor,
  resolveType,
  type ResourceType,
} from './resources';
import { matchesSelector } from './selector';
import { objectTable } from './table';

interface Found {
  type: ResourceType;
  objects: KObject[];
}

/** Objects grouped by type, in the order the types were asked for. Unknown types fail the command. */
function find(cmd: GetCommand | DescribeCommand, x: Exec): Found[] {
  const wanted: { type: ResourceType; name?: string; fromAll: boolean }[] = [];
  for (const r of cmd.resources) {
    if (r.type === 'all' && r.name === undefined) {
      for (const type of allCategory(x.cluster)) wanted.push({ type, fromAll: true });
      continue;
    }
    const type = resolveType(x.cluster, r.type);
    if (type instanceof KubectlError) throw type;
    wanted.push({ type, ...(r.name !== undefined ? { name: r.name } : {}), fromAll: false });
  }
  const groups: Found[] = [];
  const groupOf = (type: ResourceType) => {
    let g = groups.find((f) => f.type === type);
    if (!g) groups.push((g = { type, objects: [] }));
    return g;
  };
  for (const w of wanted) {
    if (w.name !== undefined) {
      const ref = refFor(w.type, w.name, cmd.namespace);
      const obj = x.cluster.get(ref);
      if (obj) groupOf(w.type).objects.push(obj);
      else x.out.fail(notFound(x.env.cluster, ref));
      continue;
    }
    const namespace =
      cmd.allNamespaces || !w.type.namespaced ? undefined : (cmd.namespace ?? 'default');
    const objects = x.cluster
      .list({ kind: w.type.kind, ...(namespace ? { namespace } : {}) })
      .filter((o) => matchesSelector(cmd.selector, o.metadata.labels));
    if (objects.length > 0 || !w.fromAll) groupOf(w.type).objects.push(...objects);
  }
  return groups;
}

/** Only events are filtered by field in the simulation; other kinds refuse every field. */
function filterFields(selector: readonly FieldRequirement[]): void {
  const first = selector[0]!;
  throw new KubectlError(
    'E_UNSUPPORTED',
    `error: --field-selector ${first.field} is not simulated in DriftLab except for events (kubectl get events --field-selector involvedObject.name=NAME)`,
    { token: first.field },
  );
}

function noneFound(cmd: GetCommand | DescribeCommand, x: Exec): void {
  x.out.note(
    cmd.allNamespaces
      ? 'No resources found'
      : `No resources found in ${cmd.namespace ?? 'default'} namespace.`,
  );
}

export function get(cmd: GetCommand, x: Exec): void {
  if (asksForEvents(cmd)) {
    getEvents(cmd, x);
    return;
  }
  if (cmd.fieldSelector) filterFields(cmd.fieldSelector);
  const groups = find(cmd, x);
  const all = groups.flatMap((g) => g.objects.map((obj) => ({ type: g.type, obj })));
  const named = cmd.resources.every((r) => r.name !== undefined);
  if (all.length === 0) {
    if (!named) noneFound(cmd, x);
    return;
  }
  switch (cmd.output) {
    case 'name':
      for (const { type, obj } of all) x.out.print(`${kindName(type)}/${obj.metadata.name}`);
      return;
    case 'jsonpath': {
      const shown = all.map(({ obj }) => shownObject(x.cluster, obj, cmd.showManagedFields));
      const single = cmd.resources.length === 1 && named && shown.length === 1;
      const value = single ? shown[0] : { apiVersion: 'v1', kind: 'List', items: shown };
      x.out.print(printJsonPath(cmd.jsonpath ?? '', value));
      return;
    }
    case 'yaml':
    case 'json': {
      const single = cmd.resources.length === 1 && named;
      x.out.print(
        printObjects(
          all.map(({ obj }) => shownObject(x.cluster, obj, cmd.showManagedFields)),
          cmd.output,
          !single,
        ),
      );
      return;
    }
    default: {
      const withKind = groups.length > 1 || cmd.resources.some((r) => r.type === 'all');
      const tables = groups
        .filter((g) => g.objects.length > 0)
        .map((g) =>
          objectTable(g.type, g.objects, {
            now: x.cluster.clock.now(),
            withNamespace: cmd.allNamespaces && g.type.namespaced,
            withKind,
            wide: cmd.output === 'wide',
            showLabels: cmd.showLabels,
          }),
        );
      x.out.print(tables.join('\n\n'));
    }
  }
}

export function describe(cmd: DescribeCommand, x: Exec): void {
  const objects = find(cmd, x).flatMap((g) => g.objects);
  if (objects.length === 0) {
    if (!cmd.resources.every((r) => r.name !== undefined)) noneFound(cmd, x);
    return;
  }
  x.out.print(objects.map((obj) => describeObject(x.cluster, obj)).join('\n\n\n'));
}
