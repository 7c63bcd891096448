// The keyboard shortcuts, as data: the top bar shows the first few, the shortcuts sheet (`?`) all.
// useKeyboard.ts implements the global ones; the others belong to the control that has focus.

export interface Shortcut {
  /** The keys as a person reads them, one `<kbd>` each. */
  keys: readonly string[];
  does: string;
  /** Where it works, when not anywhere on the page. */
  where?: string;
}

export const GLOBAL_SHORTCUTS: readonly Shortcut[] = [
  { keys: ['→'], does: 'Step: run the next step' },
  { keys: ['←'], does: 'Step back: replay to the step before' },
  { keys: ['Space'], does: 'Play or pause' },
  { keys: ['?'], does: 'Show these shortcuts' },
];

export const FOCUS_SHORTCUTS: readonly Shortcut[] = [
  { keys: ['←', '→'], does: 'Move between tabs', where: 'on a tab (Lanes, Compare)' },
  { keys: ['Home', 'End'], does: 'First or last tab', where: 'on a tab' },
  { keys: ['Tab'], does: 'Complete a name, a revision or a path', where: 'in the console' },
  { keys: ['↑', '↓'], does: 'Recall earlier commands', where: 'in the console' },
  { keys: ['Esc'], does: 'Close a menu or this sheet', where: 'in a menu or a sheet' },
];

/** The arrows and Space belong to the control with focus (a button, a tab, a field): see useKeyboard.ts. */
export const SHORTCUTS_NOTE =
  'The arrows and Space act on the page unless a button, a tab or a field has focus: then they are that control’s.';
