// React's view of the store: zustand's useStore over useSyncExternalStore, read through selectors,
// from the store the nearest AppStoreProvider hands down (store-context.tsx).
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { AppState } from './store';
import { useAppStore } from './store-context';

export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStore(), selector);
}

/** For selectors that build arrays or objects: compared shallowly, so React re-renders only on change. */
export function useAppShallow<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStore(), useShallow(selector));
}
