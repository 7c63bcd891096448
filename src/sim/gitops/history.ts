// `status.history`: the syncs an Application has deployed, newest last, capped at
// revisionHistoryLimit (10). Ids increase and are never reused; rollback names an id.

export interface HistoryEntry {
  id: number;
  revision: string;
  deployStartedAt: number;
  deployedAt: number;
  initiatedBy: { username: string; automated: boolean };
}

export const REVISION_HISTORY_LIMIT = 10;

export function addHistory(
  history: readonly HistoryEntry[],
  entry: Omit<HistoryEntry, 'id'>,
): HistoryEntry[] {
  const id = (history.at(-1)?.id ?? -1) + 1;
  return [...history, { id, ...entry }].slice(-REVISION_HISTORY_LIMIT);
}

/** The entry a rollback goes to: `id`, or by default the one before the latest. */
export function rollbackTarget(history: readonly HistoryEntry[], id?: number): HistoryEntry | null {
  if (id !== undefined) return history.find((h) => h.id === id) ?? null;
  return history.at(-2) ?? null;
}
