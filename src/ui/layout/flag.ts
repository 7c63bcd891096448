// A boolean that lives outside React (a global key handler sets it too) and that components read
// through useSyncExternalStore.
import { useSyncExternalStore } from 'react';

export interface Flag {
  get: () => boolean;
  set: (value: boolean) => void;
  /** A hook: the value, re-rendering the component when it changes. */
  use: () => boolean;
}

export function createFlag(initial = false): Flag {
  let value = initial;
  const listeners = new Set<() => void>();
  const subscribe = (l: () => void) => {
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  };
  return {
    get: () => value,
    set: (next) => {
      if (next === value) return;
      value = next;
      for (const l of listeners) l();
    },
    use: () => useSyncExternalStore(subscribe, () => value),
  };
}
