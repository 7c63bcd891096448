// Argo CD's app-level sync options (spec.syncPolicy.syncOptions) as switches, each with what it
// does in plain words; a change is a `set` action writing Argo's list (`- PruneLast=true`), so a
// session records and replays it. The Flux flavour has none of them.
import {
  SYNC_OPTION_NAMES,
  SYNC_OPTION_WORDS,
  syncOptionsList,
  type SyncOptions,
} from '../../sim/gitops/sync-options';
import type { Action } from '../../sim/scenario';
import { Disclosure } from './Disclosure';

export function SyncOptionsFields({
  options,
  run,
}: {
  options: SyncOptions;
  run: (action: Action) => void;
}) {
  const on = syncOptionsList(options);
  return (
    <Disclosure
      label={`syncOptions${on.length ? ` (${on.length})` : ''}`}
      title="Argo CD's sync options for this Application (argocd.argoproj.io/sync-options on an object overrides them)"
    >
      {() => (
        <fieldset className="lp-sync-options">
          <legend className="visually-hidden">Sync options</legend>
          {SYNC_OPTION_NAMES.map((name) => (
            <label key={name} className="lp-sync-option">
              <input
                type="checkbox"
                role="switch"
                checked={options[name]}
                onChange={(e) =>
                  run({
                    set: {
                      lane: 'gitops',
                      syncOptions: syncOptionsList({ ...options, [name]: e.target.checked }),
                    },
                  })
                }
              />
              <span className="lp-mono">{name}</span>
              <span className="lp-muted lp-small">{SYNC_OPTION_WORDS[name]}</span>
            </label>
          ))}
        </fieldset>
      )}
    </Disclosure>
  );
}
