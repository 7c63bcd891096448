// The layout of `kubectl describe`: `Key:  value` lines whose values line up within a block,
// section titles, multi-line values (one label per line), and small tables (Conditions).
import { getOrCreate } from '../get-or-create';
import { renderTable } from './table';

type Row =
  | { type: 'kv'; indent: number; key: string; values: string[] }
  | { type: 'text'; indent: number; text: string }
  | { type: 'table'; indent: number; rows: string[][] }
  | { type: 'blank' };

export class Description {
  private readonly rows: Row[] = [];

  /** `Key:  value`; several values go one per line; an empty list prints `<none>`. */
  kv(key: string, value: string | number | readonly string[], indent = 0): this {
    const values =
      typeof value === 'number'
        ? [String(value)]
        : typeof value === 'string'
          ? [value]
          : value.length > 0
            ? [...value]
            : ['<none>'];
    this.rows.push({ type: 'kv', indent, key, values });
    return this;
  }

  /** A title or a free line (`Containers:`, `Data`, a ConfigMap value). */
  text(text: string, indent = 0): this {
    this.rows.push({ type: 'text', indent, text });
    return this;
  }

  table(rows: string[][], indent = 2): this {
    this.rows.push({ type: 'table', indent, rows });
    return this;
  }

  blank(): this {
    this.rows.push({ type: 'blank' });
    return this;
  }

  /**
   * Values line up across the `Key:` lines of one indent until a title, table or blank line at
   * that indent or above ends the block; nested lines in between do not end it.
   */
  render(): string {
    const width = new Map<Row, number>();
    const open = new Map<number, Row[]>();
    const close = (from: number) => {
      for (const [indent, group] of [...open]) {
        if (indent < from) continue;
        const w = Math.max(...group.map((r) => (r.type === 'kv' ? r.key.length : 0))) + 3;
        for (const r of group) width.set(r, w);
        open.delete(indent);
      }
    };
    for (const row of this.rows) {
      if (row.type === 'kv') {
        close(row.indent + 1);
        getOrCreate(open, row.indent, () => []).push(row);
      } else close(row.type === 'blank' ? 0 : row.indent);
    }
    close(0);
    const out: string[] = [];
    for (const row of this.rows) {
      if (row.type === 'blank') out.push('');
      else if (row.type === 'text') out.push(`${' '.repeat(row.indent)}${row.text}`);
      else if (row.type === 'table')
        out.push(
          ...renderTable(row.rows)
            .split('\n')
            .map((l) => `${' '.repeat(row.indent)}${l}`),
        );
      else {
        const w = width.get(row)!;
        const pad = ' '.repeat(row.indent);
        out.push(`${pad}${`${row.key}:`.padEnd(w)}${row.values[0]}`.trimEnd());
        for (const v of row.values.slice(1)) out.push(`${pad}${' '.repeat(w)}${v}`);
      }
    }
    return out.join('\n');
  }
}
