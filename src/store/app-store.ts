// The app's store: the page has one session at a time, so one store made by createAppStore
// (store.ts), which the hooks, the boot (restore.ts) and the panels read. Tests of the store make
// stores of their own.
import type { ScenarioRun } from '../sim/scenario/runner';
import { createAppStore } from './store';

export const appStore = createAppStore();

/** The live run behind the app's store. */
export function currentRun(): ScenarioRun | null {
  return appStore.currentRun();
}

/** The address bar's query: scenario, seed, step, and the actions while the address stays short. */
export function currentQuery(): string | null {
  return appStore.currentQuery();
}

/** The query a Share link carries: always with the actions. */
export function shareQuery(): string | null {
  return appStore.shareQuery();
}
