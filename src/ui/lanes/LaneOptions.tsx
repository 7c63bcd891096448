// The lane's options as the tools name them (selfHeal, prune, automated; the pipeline's prune and
// approval), each change a `set` action, so a session records and replays it.
import { formatDuration } from '../../sim/clock';
import { ARGO_DEFAULTS, FLUX_DEFAULTS, type Flavour } from '../../sim/gitops/options';
import type { CiConcurrency } from '../../sim/devops/machine';
import type { LaneOptionsOf } from '../../sim/lane';
import type { Action } from '../../sim/scenario';
import type { Lane } from './lane-types';
import { SyncOptionsFields } from './SyncOptionsFields';

const POLL_CHOICES = [30_000, 60_000, 120_000, 180_000, 300_000, 600_000];

/** The options of a lane that are switched on and off. */
type SwitchOf<N extends Lane> = {
  [K in keyof LaneOptionsOf[N]]: LaneOptionsOf[N][K] extends boolean ? K : never;
}[keyof LaneOptionsOf[N]] &
  string;

interface Toggle<N extends Lane> {
  key: SwitchOf<N>;
  label: string;
  title: string;
}

const TOGGLES: { [N in Lane]: Toggle<N>[] } = {
  gitops: [
    {
      key: 'automated',
      label: 'automated',
      title: 'Automated sync: a new Git revision is deployed without a person pressing Sync',
    },
    {
      key: 'selfHeal',
      label: 'selfHeal',
      title:
        'With automated sync: undo live changes as soon as they are seen (Argo backs off 2 s, x3, up to 5 min)',
    },
    {
      key: 'prune',
      label: 'prune',
      title: 'Delete live objects the app tracks that Git no longer declares',
    },
  ],
  devops: [
    {
      key: 'prune',
      label: 'prune',
      title:
        'kubectl apply --prune: delete what the pipeline once applied and Git no longer declares',
    },
    {
      key: 'approval',
      label: 'approval',
      title: 'A person approves every deploy (a protected environment)',
    },
  ],
};

/** Switching flavour brings that tool's timing defaults (Argo: 2m poll + 1m jitter; Flux: 1m, apply every 10m). */
export function flavourAction(flavour: Flavour): Action {
  const d = flavour === 'flux' ? FLUX_DEFAULTS : ARGO_DEFAULTS;
  return {
    set: {
      lane: 'gitops',
      flavour,
      pollInterval: formatDuration(d.pollInterval),
      jitter: d.jitter === 0 ? '0s' : formatDuration(d.jitter),
      applyInterval: d.applyInterval === 0 ? '0s' : formatDuration(d.applyInterval),
    },
  };
}

export interface LaneOptionsProps {
  /** The lane's name and options (a LaneView). */
  view: { [N in Lane]: { name: N; options: LaneOptionsOf[N] } }[Lane];
  run: (action: Action) => void;
}

/** The lane's switches, each with whether it is on. */
function switches<N extends Lane>(lane: N, options: LaneOptionsOf[N]) {
  return TOGGLES[lane].map((t) => ({ ...t, on: options[t.key] === true }));
}

export function LaneOptions({ view, run }: LaneOptionsProps) {
  const lane = view.name;
  return (
    <fieldset className="lp-options">
      <legend className="visually-hidden">Options</legend>
      {switches(lane, view.options).map((t) => (
        <label key={t.key} className="lp-toggle" title={t.title}>
          <input
            type="checkbox"
            role="switch"
            checked={t.on}
            onChange={(e) => run({ set: { lane, [t.key]: e.target.checked } })}
          />
          <span className="lp-mono">{t.label}</span>
        </label>
      ))}
      {view.name === 'gitops' ? (
        <ReconcilerFields options={view.options} run={run} />
      ) : (
        <PipelineFields options={view.options} run={run} />
      )}
    </fieldset>
  );
}

/** The reconciler's tool and poll interval. */
/** The CI concurrency models (REFERENCE.md, push lane), as a person picks one. */
const CONCURRENCY: Array<{ value: CiConcurrency; label: string }> = [
  { value: 'github-concurrency-group', label: 'concurrency group' },
  { value: 'cancel-in-progress', label: 'cancel in progress' },
  { value: 'queue', label: 'queue' },
  { value: 'parallel', label: 'parallel' },
];
const CONCURRENCY_TITLE =
  'What a push does while a run is in progress: a GitHub Actions concurrency group keeps one ' +
  'running and one pending run (a newer push replaces the pending one); cancel-in-progress ' +
  'cancels the running one; a queue runs every push in turn (GitLab resource_group); parallel ' +
  '(no group) deploys them at once, so an older commit can finish last';

function PipelineFields({
  options,
  run,
}: {
  options: LaneOptionsOf['devops'];
  run: (action: Action) => void;
}) {
  return (
    <label className="lp-field" title={CONCURRENCY_TITLE}>
      <span>concurrency</span>
      <select
        value={options.concurrency}
        onChange={(e) =>
          run({ set: { lane: 'devops', concurrency: e.target.value as CiConcurrency } })
        }
      >
        {CONCURRENCY.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function ReconcilerFields({
  options,
  run,
}: {
  options: LaneOptionsOf['gitops'];
  run: (action: Action) => void;
}) {
  const poll = options.pollInterval;
  const polls = POLL_CHOICES.includes(poll)
    ? POLL_CHOICES
    : [...POLL_CHOICES, poll].sort((a, b) => a - b);
  const { flavour } = options;
  return (
    <>
      <label className="lp-field" title="Which tool the reconciler imitates">
        <span>flavour</span>
        <select value={flavour} onChange={(e) => run(flavourAction(e.target.value as Flavour))}>
          <option value="argo">Argo CD</option>
          <option value="flux">Flux</option>
        </select>
      </label>
      <label
        className="lp-field"
        title={
          flavour === 'argo'
            ? 'timeout.reconciliation: how often Argo CD polls Git (plus up to 1m of jitter)'
            : 'The GitRepository interval: how often Flux fetches Git'
        }
      >
        <span>poll</span>
        <select
          value={poll}
          onChange={(e) =>
            run({
              set: { lane: 'gitops', pollInterval: formatDuration(Number(e.target.value)) },
            })
          }
        >
          {polls.map((ms) => (
            <option key={ms} value={ms}>
              {formatDuration(ms)}
            </option>
          ))}
        </select>
      </label>
      {flavour === 'argo' ? <SyncOptionsFields options={options.syncOptions} run={run} /> : null}
    </>
  );
}
