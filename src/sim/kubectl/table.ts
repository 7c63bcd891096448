// `kubectl get` tables: every column as wide as its widest cell plus three spaces (kubectl's
// tabwriter padding), the last column unpadded.
import type { KObject } from '../cluster';
import { ageOf } from './age';
import { printerFor } from './columns';
import { kindName, type ResourceType } from './resources';

export function renderTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]! + 3))).join(''),
    )
    .join('\n');
}

interface TableOptions {
  now: number;
  /** -A: a NAMESPACE column first. */
  withNamespace: boolean;
  /** Several types in one `get`: names carry their type (`deployment.apps/web`). */
  withKind: boolean;
  wide: boolean;
  showLabels: boolean;
}

export function objectTable(
  type: ResourceType,
  objects: readonly KObject[],
  opts: TableOptions,
): string {
  const printer = printerFor(type.kind);
  const extra = opts.wide ? (printer.wide ?? []) : [];
  const header = [
    ...(opts.withNamespace ? ['NAMESPACE'] : []),
    'NAME',
    ...printer.columns.map(([h]) => h),
    'AGE',
    ...extra.map(([h]) => h),
    ...(opts.showLabels ? ['LABELS'] : []),
  ];
  const rows = objects.map((obj) => [
    ...(opts.withNamespace ? [obj.metadata.namespace ?? ''] : []),
    opts.withKind ? `${kindName(type)}/${obj.metadata.name}` : obj.metadata.name,
    ...printer.columns.map(([, cell]) => cell(obj)),
    ageOf(obj.metadata.creationTimestamp, opts.now),
    ...extra.map(([, cell]) => cell(obj)),
    ...(opts.showLabels
      ? [
          Object.entries(obj.metadata.labels ?? {})
            .map(([k, v]) => `${k}=${v}`)
            .join(',') || '<none>',
        ]
      : []),
  ]);
  return renderTable([header, ...rows]);
}
