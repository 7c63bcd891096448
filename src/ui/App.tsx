import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useApp } from '../store/hooks';
import { FREE_PLAY } from '../store/library';
import { errorText } from '../store/error-text';
import type { AppStore } from '../store/store';
import { AppStoreProvider, useAppStore } from '../store/store-context';
import { pageStore } from './page-store';
import { ConsoleDrawer } from './console/ConsoleDrawer';
import { GitPanel } from './git/GitPanel';
import { useKeyboard } from './layout/useKeyboard';
import { PlayLoop } from './layout/usePlayLoop';
import { TopBar } from './layout/TopBar';
import { ShortcutsSheet } from './layout/ShortcutsSheet';
import { ViewTabs } from './layout/ViewTabs';
import { SessionNotices } from './layout/SessionNotices';
import { LanePanel } from './lanes/LanePanel';
import { Narration } from './narration/Narration';
import { LessonAhead, LessonDone, LessonReveal } from './lessons/LessonFlow';
import { WhatHappened } from './lessons/WhatHappened';

// Below the lanes: the timeline loads after the first view.
const Timeline = lazy(() => import('./timeline/Timeline').then((m) => ({ default: m.Timeline })));
const ComparePanel = lazy(() =>
  import('./compare/ComparePanel').then((m) => ({ default: m.ComparePanel })),
);

type Tab = 'lanes' | 'compare';
const VIEW_TABS = [
  { id: 'lanes', label: 'Lanes' },
  { id: 'compare', label: 'Compare' },
] as const satisfies readonly { id: Tab; label: string }[];

/**
 * Opens the session the address names, else the one saved before a reload, else free play, in
 * restore.ts's guarded order (loaded on demand, with the schema that checks a link's actions).
 */
function boot(appStore: AppStore): void {
  import('../store/restore')
    .then((m) => m.restore(appStore))
    .catch((e: unknown) => {
      appStore.setState({ notice: `The session could not be restored: ${errorText(e)}` });
      void appStore.getState().open(FREE_PLAY);
    });
}

/** The sandbox: the page's session store, handed down to every panel. */
export function App() {
  return (
    <AppStoreProvider store={pageStore()}>
      <Sandbox />
    </AppStoreProvider>
  );
}

function Sandbox() {
  const appStore = useAppStore();
  const status = useApp((s) => s.status);
  const error = useApp((s) => s.error);
  const view = useApp((s) => s.view);
  const done = useApp((s) => s.results.length);
  const [tab, setTab] = useState<Tab>('lanes');
  const side = useRef<HTMLElement>(null);
  useKeyboard();

  // A new step: its narration is read from the top (on a desktop the side column scrolls alone).
  useEffect(() => {
    side.current?.scrollTo?.({ top: 0 });
  }, [done]);

  useEffect(() => {
    if (appStore.getState().status === 'idle') boot(appStore);
  }, [appStore]);

  // Keep the address bar in step with the session, so a reload and a copied address agree.
  useEffect(() => {
    const q = appStore.currentQuery();
    if (q && q !== location.search) history.replaceState(null, '', `${location.pathname}${q}`);
  }, [appStore, view]);

  return (
    <div className="app">
      <PlayLoop />
      <ShortcutsSheet />
      <TopBar />
      <SessionNotices />
      {status === 'error' ? (
        <p role="alert" className="error-banner">
          The sandbox could not start: {error}{' '}
          <button type="button" onClick={() => void appStore.getState().open(FREE_PLAY)}>
            Start clean
          </button>
        </p>
      ) : null}
      <main className="workspace" aria-busy={status !== 'ready'}>
        {/* The step that ran, its answer, then what comes next: the narration stays in view. */}
        <aside className="side" ref={side}>
          <Narration />
          <LessonReveal />
          <LessonAhead />
          <GitPanel />
        </aside>
        <div className="stage">
          <LessonDone />
          <ViewTabs label="Views" tabs={VIEW_TABS} selected={tab} onSelect={setTab} />
          {tab === 'lanes' ? (
            <div
              role="tabpanel"
              id="panel-lanes"
              aria-labelledby="tab-lanes"
              className="lanes-view"
            >
              <WhatHappened />
              <div className="lanes">
                <LanePanel lane="devops" />
                <LanePanel lane="gitops" />
              </div>
              <Suspense fallback={<p className="muted timeline-slot">Loading the timeline…</p>}>
                <Timeline />
              </Suspense>
              <ConsoleDrawer />
            </div>
          ) : (
            <div role="tabpanel" id="panel-compare" aria-labelledby="tab-compare">
              <Suspense fallback={<p className="muted">Loading the comparison…</p>}>
                <ComparePanel />
              </Suspense>
            </div>
          )}
        </div>
      </main>
    </div>
  );
}
