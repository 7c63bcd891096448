// The benchmark table: every figure with its target and whether it is met. Each issue adds rows.

export interface Row {
  key: string;
  value: number;
  unit: string;
  /** `<=` or `>=` a number; absent for figures recorded without a target. */
  target?: { op: '<=' | '>='; value: number };
  note?: string;
}

export function met(row: Row): boolean | null {
  if (!row.target) return null;
  return row.target.op === '<=' ? row.value <= row.target.value : row.value >= row.target.value;
}

export function renderTable(rows: Row[]): string {
  const lines = rows.map((r) => {
    const ok = met(r);
    return [
      r.key,
      `${r.value} ${r.unit}`.trim(),
      r.target ? `${r.target.op} ${r.target.value}` : '',
      ok === null ? '' : ok ? 'met' : 'NOT MET',
      r.note ?? '',
    ];
  });
  const head = ['figure', 'value', 'target', '', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [fmt(head), fmt(widths.map((w) => '-'.repeat(w))), ...lines.map(fmt)].join('\n');
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
