// Which panels the learner opened or closed (the state diagram, the run log, the sync plan, the
// history, the console...), remembered across reloads in localStorage under one key, so the
// screen comes back as they arranged it (issue 14).
// WARNING: the stored text is untrusted (another build, a hand edit): only boolean entries under
// known-shaped names are read back, into a Map, never onto a plain object.
import { useCallback, useSyncExternalStore } from 'react';
import { read } from '../../store/persistence';

export const PANELS_KEY = 'driftlab.panels';
const NAME = /^[a-z0-9][a-z0-9.-]{0,63}$/;

let state: ReadonlyMap<string, boolean> | null = null;
const listeners = new Set<() => void>();

function parse(text: string | null): Map<string, boolean> {
  const out = new Map<string, boolean>();
  try {
    const data: unknown = JSON.parse(text ?? 'null');
    if (data && typeof data === 'object' && !Array.isArray(data))
      for (const [k, v] of Object.entries(data))
        if (NAME.test(k) && typeof v === 'boolean') out.set(k, v);
  } catch {
    // unreadable: every panel starts as it is by default
  }
  return out;
}

function current(): ReadonlyMap<string, boolean> {
  state ??= parse(read(PANELS_KEY));
  return state;
}

/** Sets a panel open or closed; kept for this page even when the browser's storage is off. */
export function rememberOpen(name: string, open: boolean): void {
  if (!NAME.test(name)) throw new Error(`not a panel name: ${name}`);
  const next = new Map(current());
  next.set(name, open);
  state = next;
  try {
    localStorage.setItem(PANELS_KEY, JSON.stringify(Object.fromEntries(next)));
  } catch {
    // Storage off or full: a panel's state is not worth a notice; it holds until the reload.
  }
  for (const l of listeners) l();
}

/** Forgets what was read, so the next read comes from storage again (tests, another tab). */
export function reloadRemembered(): void {
  state = null;
  for (const l of listeners) l();
}

/** A panel's open state (`fallback` until the learner chose) and its setter. */
export function useRememberedOpen(
  name: string,
  fallback: boolean,
): [boolean, (open: boolean) => void] {
  const open = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current().get(name) ?? fallback,
  );
  const set = useCallback((o: boolean) => rememberOpen(name, o), [name]);
  return [open, set];
}
