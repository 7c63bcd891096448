// What Argo CD says about an Application besides its last operation: its conditions
// (status.conditions: a ComparisonError, the SyncError of the allowEmpty guard) and the resources
// that require pruning but were left (prune off, or `Prune=false` on the object), as the
// Application view's "APP CONDITIONS" and resource list show them.
import type { Application } from '../../sim/gitops/lane';
import { pruneDisabledByAnnotation } from '../../sim/gitops/resource-sync-options';

export function AppConditions({ app }: { app: Application }) {
  const prunable = app.resources.filter((r) => r.requiresPruning);
  if (app.conditions.length === 0 && prunable.length === 0) return null;
  return (
    <div className="lp-conditions">
      {app.conditions.length > 0 ? (
        <ul aria-label="App conditions" className="lp-results">
          {app.conditions.map((c, i) => (
            <li key={`${c.type}-${i}`}>
              <span className="lp-mono lp-small lp-condition-type">{c.type}</span>
              <span className="lp-small">{c.message}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {prunable.length > 0 ? (
        <ul aria-label="Requires pruning" className="lp-results">
          {prunable.map((r) => (
            <li key={r.key}>
              <span className="lp-mono lp-small">
                {r.kind}/{r.name}
              </span>
              <span className="lp-muted lp-small">
                requires pruning:{' '}
                {pruneDisabledByAnnotation(r.live)
                  ? 'ignored (no prune)'
                  : 'ignored (requires pruning)'}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
