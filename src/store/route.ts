// Which page is on screen: the lessons page (the first view when no session is open) or the
// sandbox. The address says which: `?scenario=` opens the sandbox, no query shows the lessons, so
// a reload, a copied link and the browser's back button agree with what is on screen.
import { createStore } from 'zustand/vanilla';

export type Page = 'lessons' | 'sandbox';

/** The page an address shows: a session link (`?scenario=`) is the sandbox, anything else the lessons. */
export function pageFor(search: string): Page {
  return new URLSearchParams(search).has('scenario') ? 'sandbox' : 'lessons';
}

export interface RouteStore {
  page: Page;
  /** Shows the sandbox; `query` (`?scenario=…`) becomes the address when given. */
  showSandbox: (query?: string) => void;
  /** Shows the lessons page; the address loses its session query. */
  showLessons: () => void;
  /** After the browser's back or forward: the page the address now names. */
  followAddress: () => void;
}

export const routeStore = createStore<RouteStore>()((set) => ({
  page: typeof location === 'undefined' ? 'lessons' : pageFor(location.search),
  showSandbox: (query) => {
    if (query !== undefined) history.pushState(null, '', `${location.pathname}${query}`);
    set({ page: 'sandbox' });
  },
  showLessons: () => {
    if (location.search) history.pushState(null, '', location.pathname);
    set({ page: 'lessons' });
  },
  followAddress: () => set({ page: pageFor(location.search) }),
}));
