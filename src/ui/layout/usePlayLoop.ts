import { useEffect } from 'react';
import { useApp } from '../../store/hooks';
import { useAppStore } from '../../store/store-context';

/**
 * While playing, each animation frame moves virtual time by the real time that passed times the
 * speed. A frame waits for the previous tick to finish, so a slow tick never piles up work.
 */
export function usePlayLoop(): void {
  const appStore = useAppStore();
  const playing = useApp((s) => s.playing);
  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    let last = performance.now();
    let busy = false;
    const loop = (now: number) => {
      frame = requestAnimationFrame(loop);
      if (busy) return;
      const dt = now - last;
      last = now;
      busy = true;
      void appStore
        .getState()
        .tick(dt)
        .finally(() => {
          busy = false;
        });
    };
    frame = requestAnimationFrame(loop);
    return () => cancelAnimationFrame(frame);
  }, [appStore, playing]);
}

/**
 * The play loop as a component that draws nothing: `playing` re-renders it alone, not the App
 * around it (which re-rendered every panel on each Play / Pause).
 */
export function PlayLoop(): null {
  usePlayLoop();
  return null;
}
