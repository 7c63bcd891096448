// The app store as React sees it: handed down by a provider at the root of what shows a session
// (the sandbox), read by every component through `useAppStore` (and hooks.ts's selectors). No
// component imports a store of its own, so a test renders a component over a store it made.
import { createContext, useContext, type ReactNode } from 'react';
import type { AppStore } from './store';

const AppStoreContext = createContext<AppStore | null>(null);

export function AppStoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <AppStoreContext.Provider value={store}>{children}</AppStoreContext.Provider>;
}

/** The store of the session on screen; throws outside an AppStoreProvider (a wiring mistake). */
export function useAppStore(): AppStore {
  const store = useContext(AppStoreContext);
  if (!store) throw new Error('useAppStore: no AppStoreProvider above this component');
  return store;
}
