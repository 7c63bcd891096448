// React's view of the store: zustand's useStore over useSyncExternalStore, read through selectors.
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { appStore } from './app-store';
import type { AppState } from './store';

export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}

/** For selectors that build arrays or objects: compared shallowly, so React re-renders only on change. */
export function useAppShallow<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, useShallow(selector));
}
