// The app's first decision: the lessons page when no session is open, else the sandbox. The
// sandbox (simulation, store, panels) is a lazy chunk: the lessons page loads without it.
import { lazy, Suspense, useEffect } from 'react';
import { useStore } from 'zustand';
import { routeStore } from '../store/route';
import { LessonsPage } from './lessons/LessonsPage';

const Sandbox = lazy(() => import('./App').then((m) => ({ default: m.App })));

export function Root() {
  const page = useStore(routeStore, (s) => s.page);
  useEffect(() => {
    const follow = () => routeStore.getState().followAddress();
    addEventListener('popstate', follow);
    return () => removeEventListener('popstate', follow);
  }, []);
  if (page === 'lessons') return <LessonsPage />;
  return (
    <Suspense fallback={<p className="loading-page">Opening the sandbox…</p>}>
      <Sandbox />
    </Suspense>
  );
}
