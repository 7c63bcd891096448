// Opening a session from the lessons page: the store (and with it the simulation) is loaded only
// now, on the learner's first choice, so the lessons page stays light.
import type { AppStore } from '../../store/store';
import { routeStore } from '../../store/route';

/**
 * The page's store, marked as busy before the sandbox mounts: the sandbox boots from the address
 * or the saved session only when the store is idle, so it must not race the learner's choice.
 */
async function claimStore(): Promise<AppStore> {
  const store = (await import('../page-store')).pageStore();
  if (store.getState().status === 'idle') store.setState({ status: 'loading' });
  return store;
}

/** Opens library scenario `id` in the sandbox (a lesson, or free play). */
export async function openScenario(id: string): Promise<void> {
  const store = await claimStore();
  routeStore.getState().showSandbox(`?scenario=${encodeURIComponent(id)}`);
  await store.getState().open(id);
}

/** Back to the session left open, or the one saved before a reload (the sandbox boots it). */
export function continueSession(): void {
  routeStore.getState().showSandbox();
}

/** Imports a scenario file into the sandbox; a refused file opens free play beside its notice. */
export async function importScenarioFile(file: File): Promise<void> {
  const text = await file.text();
  const store = await claimStore();
  routeStore.getState().showSandbox();
  await store.getState().importScenario(text, file.name);
  if (!store.currentRun()) await store.getState().open('free-play');
}
