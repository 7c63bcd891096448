import { useEffect } from 'react';
import { appStore } from '../../store/store';

/** Space play/pause, Right step, Left step back, unless the user is typing in a field. */
export function useKeyboard(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (
        target &&
        (target.closest('input, textarea, select, [contenteditable="true"]') ||
          (e.key === ' ' && target.closest('button, a, [role="tab"]')))
      )
        return;
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const s = appStore.getState();
      if (e.key === ' ') s.togglePlay();
      else if (e.key === 'ArrowRight') void s.step();
      else if (e.key === 'ArrowLeft') void s.back();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
