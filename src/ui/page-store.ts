// The page's session store: a page shows one session at a time, so one store, made by
// createAppStore when it is first needed (the sandbox chunk, or the lessons page opening a
// lesson). Only the page's roots reach it here: the Sandbox hands it down (store-context.tsx) and
// the lessons page's open actions (lessons/open-session.ts) claim it; components read it from
// context, and tests make stores of their own.
import { createAppStore, type AppStore } from '../store/store';

let store: AppStore | null = null;

export function pageStore(): AppStore {
  return (store ??= createAppStore());
}
