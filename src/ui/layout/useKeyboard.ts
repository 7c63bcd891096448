import { useEffect } from 'react';
import { useAppStore } from '../../store/store-context';
import { shortcutsSheet } from './shortcuts-sheet';
import { runStep } from './step-runner';

/** Where the user types: every key belongs to the field. */
const TYPING = 'input, textarea, select, [contenteditable="true"]';
/**
 * Controls that own Space (it presses them) and the arrow keys (a tab list moves between tabs with
 * them, WAI-ARIA's tabs pattern; a radio group, slider or menu likewise). On these the shortcuts
 * stand aside, so that → on a focused tab selects the next tab instead of running a step.
 */
const OWNS_KEYS =
  'button, a[href], summary, [role="tab"], [role="radio"], [role="slider"], [role="menuitem"], [role="option"], [role="treeitem"]';

/** The shortcut a key stands for where focus is, or null when the key is not ours to take. */
export function shortcutFor(e: KeyboardEvent): 'play' | 'step' | 'back' | 'help' | null {
  if (e.altKey || e.ctrlKey || e.metaKey) return null;
  const target = e.target instanceof Element ? e.target : null;
  // `?` is no control's key: only a field takes it (as text).
  if (e.key === '?') return target?.closest(TYPING) ? null : 'help';
  const action =
    e.key === ' '
      ? 'play'
      : e.key === 'ArrowRight'
        ? 'step'
        : e.key === 'ArrowLeft'
          ? 'back'
          : null;
  if (!action) return null;
  if (target?.closest(TYPING) || target?.closest(OWNS_KEYS)) return null;
  return action;
}

/**
 * Space play/pause, Right step, Left step back, unless focus is in a field or on a control; `?`
 * opens the shortcuts sheet (ShortcutsSheet), unless focus is in a field.
 */
export function useKeyboard(): void {
  const appStore = useAppStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = shortcutFor(e);
      if (!action) return;
      const s = appStore.getState();
      if (action === 'help') shortcutsSheet.set(true);
      else if (action === 'play') s.togglePlay();
      else if (action === 'step') void runStep(appStore);
      else void s.back();
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [appStore]);
}
