// A Flux Kustomization's Ready condition and revisions (sim/gitops/flux-ready.ts), as `flux get
// kustomizations` and `kubectl describe kustomization` show them: status, reason, message.
import { kustomizationStatus } from '../../sim/gitops/flux-ready';
import type { Application } from '../../sim/gitops/lane';

const short = (revision: string) =>
  revision ? revision.replace(/(@sha1:[0-9a-f]{7})[0-9a-f]*/, '$1') : 'none';

export function KustomizationReady({ app }: { app: Application }) {
  const { ready, lastAppliedRevision, lastAttemptedRevision } = kustomizationStatus(app);
  return (
    <div className="lp-op" aria-label={`Kustomization ${app.spec.name}`}>
      <div className="lp-op-head">
        <span>
          Ready <strong>{ready.status}</strong>
        </span>
        <span className="lp-mono lp-small">{ready.reason}</span>
      </div>
      <p className="lp-small lp-op-message">{ready.message}</p>
      <p className="lp-small lp-muted">
        lastAppliedRevision <code className="lp-sha">{short(lastAppliedRevision)}</code>,
        lastAttemptedRevision <code className="lp-sha">{short(lastAttemptedRevision)}</code>
      </p>
    </div>
  );
}
