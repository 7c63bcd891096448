// `kubectl describe`: a readable page per object. Kinds the simulation runs get kubectl's own
// layout (describe-kinds.ts); any other kind shows its fields. Then its Events (events.ts), as
// kubectl ends a page. Every page ends with the object's field managers, which kubectl itself does not print: a learner sees at once who owns which field
// (the pipeline's apply, a hand-run `kubectl scale`, the HPA).
// WARNING: Secret values are masked before any section sees the object; only their sizes are read
// from the stored data, as kubectl shows `password:  8 bytes`.
import { stringify } from 'yaml';
import { maskObject, refOf, type Cluster, type KObject } from '../cluster';
import { Description } from './description';
import { header, KIND_SECTIONS } from './describe-kinds';
import { describeEvents } from './events';

/** Kinds without a layout: every top-level field after the metadata, as YAML. */
function fields(d: Description, obj: KObject): void {
  for (const [key, value] of Object.entries(obj)) {
    if (key === 'apiVersion' || key === 'kind' || key === 'metadata') continue;
    if (value === null || typeof value !== 'object') {
      d.kv(key, String(value));
      continue;
    }
    d.text(`${key}:`);
    for (const line of stringify(value, { indentSeq: false, lineWidth: 0 })
      .replace(/\n$/, '')
      .split('\n'))
      d.text(line, 2);
  }
}

function managers(d: Description, cluster: Cluster, obj: KObject): void {
  const owned = Object.entries(cluster.managedFields(refOf(obj)));
  d.text('Managed Fields:');
  if (owned.length === 0) d.text('<none>', 2);
  for (const [manager, paths] of owned) {
    d.text(`${manager}:`, 2);
    for (const p of paths) d.text(p, 4);
  }
}

export function describeObject(cluster: Cluster, obj: KObject): string {
  const shown = maskObject(obj);
  const d = new Description();
  const section = KIND_SECTIONS[obj.kind];
  if (section) section(d, shown, { cluster, stored: obj });
  else {
    header(d, shown);
    fields(d, shown);
  }
  describeEvents(d, cluster, obj);
  managers(d, cluster, obj);
  return d.render();
}
