// What a person can do to a lane: inject drift, roll back, and the lane's own buttons (re-run and
// approve the pipeline; refresh and sync the Application).
import type { Action } from '../../sim/scenario';
import type { LaneView } from '../../store/view';
import { InjectDriftMenu } from './InjectDriftMenu';
import { RollbackMenu } from './RollbackMenu';

export function LaneActions({ view, run }: { view: LaneView; run: (action: Action) => void }) {
  const lane = view.name;
  const latest = view.runs.at(-1);
  return (
    <div className="lp-actions" role="group" aria-label="Actions">
      <InjectDriftMenu lane={lane} objects={view.objects} run={run} />
      <RollbackMenu lane={lane} run={run} />
      <span className="lp-divider" aria-hidden="true" />
      {lane === 'devops' ? (
        <>
          <button
            type="button"
            className="lp-btn"
            disabled={!latest}
            title={
              latest
                ? `Run the pipeline again on ${latest.revision.slice(0, 7)}, the latest run's commit`
                : 'No run yet'
            }
            onClick={() =>
              run({
                rerun: {
                  lane: 'devops',
                  by: 'you',
                  ...(latest ? { commit: latest.revision } : {}),
                },
              })
            }
          >
            Re-run pipeline
          </button>
          {view.awaitingApproval.length === 1 ? (
            <button
              type="button"
              className="lp-btn lp-btn-primary"
              title="The deploy waits for a person: approve it"
              onClick={() => run({ approve: { by: 'you' } })}
            >
              Approve
            </button>
          ) : (
            // Parallel runs wait each for its own approval, as GitHub's "Review deployments" does.
            view.awaitingApproval.map((id) => (
              <button
                key={id}
                type="button"
                className="lp-btn lp-btn-primary"
                title={`Run #${id} waits for a person before its deploy: approve it`}
                onClick={() => run({ approve: { by: 'you', run: id } })}
              >
                Approve #{id}
              </button>
            ))
          )}
        </>
      ) : (
        <>
          <button
            type="button"
            className="lp-btn"
            title="Fetch Git and compare now, without waiting for the next poll"
            onClick={() => run({ refresh: { lane: 'gitops' } })}
          >
            Refresh
          </button>
          <button
            type="button"
            className={view.status.sync === 'OutOfSync' ? 'lp-btn lp-btn-primary' : 'lp-btn'}
            title="Apply Git's current revision now, whatever the sync policy"
            onClick={() => run({ sync: { lane: 'gitops', by: 'you' } })}
          >
            Sync
          </button>
        </>
      )}
    </div>
  );
}
