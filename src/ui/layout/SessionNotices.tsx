// What the learner must know about their session, above the workspace: a notice (a link that was
// not replayed, storage full), and, loaded when needed, a session set aside or another tab's change.
import { lazy, Suspense } from 'react';
import { useApp } from '../../store/hooks';

const RecoveryPanel = lazy(() => import('./RecoveryPanel'));

export function SessionNotices() {
  const notice = useApp((s) => s.notice);
  const dismiss = useApp((s) => s.dismissNotice);
  const recovery = useApp((s) => s.broken !== null || s.otherTab !== null);
  return (
    <>
      {notice ? (
        <div role="status" className="notice">
          <pre>{notice}</pre>
          <button type="button" onClick={dismiss}>
            Dismiss
          </button>
        </div>
      ) : null}
      {recovery ? (
        <Suspense fallback={null}>
          <RecoveryPanel />
        </Suspense>
      ) : null}
    </>
  );
}
