// Tables as Go's text/tabwriter prints them for the argocd CLI (minwidth 0, padding 2): every
// column as wide as its widest cell plus two spaces, the last column unpadded.
export function tabwriter(rows: readonly (readonly string[])[], padding = 2): string {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]! + padding)))
        .join('')
        .trimEnd(),
    )
    .join('\n');
}

/** Go's `time.Time.String()` for virtual time: `2026-01-05 09:00:00 +0000 UTC`. */
export function goTime(iso: string): string {
  return `${iso.replace('T', ' ').replace('Z', '')} +0000 UTC`;
}
