import { useEffect } from 'react';
import { useApp } from '../store/hooks';
import { ClusterPanel } from './cluster/ClusterPanel';
import { Console } from './console/Console';
import { TopBar } from './layout/TopBar';
import { RepoLog } from './repo/RepoLog';

export function App() {
  const status = useApp((s) => s.status);
  const error = useApp((s) => s.error);
  const boot = useApp((s) => s.boot);
  useEffect(() => {
    if (status === 'idle') void boot();
  }, [status, boot]);

  return (
    <div className="app">
      <TopBar />
      {status === 'error' ? (
        <p role="alert" className="error-banner">
          The sandbox could not start: {error}
        </p>
      ) : null}
      <main className="workspace" aria-busy={status !== 'ready'}>
        <RepoLog />
        <div className="lanes">
          <ClusterPanel name="devops" />
          <ClusterPanel name="gitops" />
        </div>
        <Console />
      </main>
    </div>
  );
}
