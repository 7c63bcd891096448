// Renders a component over a store of the test's own (store-context.tsx), so no test sees
// another's session and none has to put a shared store back as it found it.
import { render } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { createAppStore, type AppStore } from '../../store/store';
import { AppStoreProvider } from '../../store/store-context';

export function renderWithStore(ui: ReactElement, store: AppStore = createAppStore()) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <AppStoreProvider store={store}>{children}</AppStoreProvider>
  );
  return { store, ...render(ui, { wrapper }) };
}
