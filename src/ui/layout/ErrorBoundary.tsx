// The last resort: anything that throws while rendering shows this instead of a blank page, with
// the learner's way out: export what is stored, or Reset (the stored session is set aside, not
// deleted, and the app starts clean: the next start offers it for export or discarding).
import { Component, type ReactNode } from 'react';
import { errorText } from '../../store/error-text';
import { savedSessionText } from '../../store/persistence';
import { repairPrototypes } from '../../store/prototype-guard';

interface Props {
  children: ReactNode;
  /** What is shown instead of the children; the whole app when absent. */
  fallback?: (error: Error) => ReactNode;
}

export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  // React reports the error itself (console.error); this only chooses what to show.
  static getDerivedStateFromError(error: unknown) {
    // A polluted prototype would break the fallback too: put it back first.
    repairPrototypes();
    return { error: error instanceof Error ? error : new Error(errorText(error)) };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    if (this.props.fallback) return this.props.fallback(error);
    return (
      <div role="alert" className="error-banner">
        <h1>DriftLab stopped</h1>
        <p>{error.message}. The session is still stored: export it, or Reset to start clean.</p>
        <button
          type="button"
          onClick={() => void import('./RecoveryPanel').then((m) => m.exportSession())}
        >
          Export session
        </button>{' '}
        <button type="button" onClick={() => void reset()}>
          Reset
        </button>
      </div>
    );
  }
}

/** Sets the stored session aside and starts again on a clean address. */
async function reset(): Promise<void> {
  try {
    const text = savedSessionText();
    if (text) (await import('./RecoveryPanel')).setAside(text, 'the page stopped while showing it');
  } finally {
    location.assign(location.pathname);
  }
}
