// Flux's table printer.
/**
 * Flux's tables (olekukonko/tablewriter, no borders, NoWhiteSpace, TablePadding "\t"): each cell
 * padded to its column, columns joined by a tab.
 */
export function fluxTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) => row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]!))).join('\t'))
    .join('\n');
}

export { fluxRevision } from '../gitops/flux-ready';
