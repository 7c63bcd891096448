// The Flux Kustomization's own options (sim/gitops/flux-options.ts), shown only in the Flux
// flavour, each with a line in plain words; every change is a `set` action, so it replays.
import type { ReactNode } from 'react';
import { formatDuration } from '../../sim/clock';
import { fluxRetryInterval, fluxTimeout, type HealthCheckRef } from '../../sim/gitops/flux-options';
import type { LaneOptionsOf } from '../../sim/lane';
import type { Action } from '../../sim/scenario';

type Options = LaneOptionsOf['gitops'];

const DURATIONS = [30_000, 60_000, 120_000, 300_000, 600_000];

/** `Deployment/web, Service/default/web` -> refs; what does not read as Kind/name is dropped. */
export function parseHealthChecks(text: string): HealthCheckRef[] {
  return text
    .split(',')
    .map((part) => part.trim().split('/'))
    .flatMap((p): HealthCheckRef[] => {
      if (p.length === 2 && p[0] && p[1]) return [{ kind: p[0], name: p[1] }];
      if (p.length === 3 && p[0] && p[1] && p[2])
        return [{ kind: p[0], namespace: p[1], name: p[2] }];
      return [];
    });
}

const refText = (r: HealthCheckRef) =>
  r.namespace === undefined ? `${r.kind}/${r.name}` : `${r.kind}/${r.namespace}/${r.name}`;

function Explained({ children, why }: { children: ReactNode; why: string }) {
  return (
    <div className="lp-ks-option">
      {children}
      <span className="lp-small lp-muted">{why}</span>
    </div>
  );
}

function DurationField({
  name,
  value,
  fallback,
  run,
}: {
  name: 'timeout' | 'retryInterval';
  value: number | null;
  /** What Flux uses when none is written. */
  fallback: number;
  run: (action: Action) => void;
}) {
  const shown = value ?? fallback;
  const choices = DURATIONS.includes(shown)
    ? DURATIONS
    : [...DURATIONS, shown].sort((a, b) => a - b);
  return (
    <label className="lp-field">
      <span>{name}</span>
      <select
        value={shown}
        onChange={(e) =>
          run({ set: { lane: 'gitops', [name]: formatDuration(Number(e.target.value)) } })
        }
      >
        {choices.map((ms) => (
          <option key={ms} value={ms}>
            {formatDuration(ms)}
            {value === null && ms === fallback ? ' (default)' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}

export function KustomizationOptions({
  options,
  run,
}: {
  options: Options;
  run: (action: Action) => void;
}) {
  const set = (key: 'wait' | 'force', on: boolean) => run({ set: { lane: 'gitops', [key]: on } });
  const checks = options.healthChecks.map(refText).join(', ');
  return (
    <fieldset className="lp-options lp-ks-options">
      <legend className="lp-small lp-muted">Kustomization</legend>
      <Explained why="after applying, wait until every applied object is healthy (Ready stays Progressing)">
        <label className="lp-toggle">
          <input
            type="checkbox"
            role="switch"
            checked={options.wait}
            onChange={(e) => set('wait', e.target.checked)}
          />
          <span className="lp-mono">wait</span>
        </label>
      </Explained>
      <Explained why="how long the health check may take before the reconcile fails with HealthCheckFailed">
        <DurationField
          name="timeout"
          value={options.timeout}
          fallback={fluxTimeout({ ...options, timeout: null })}
          run={run}
        />
      </Explained>
      <Explained why="after a failed reconcile, try again this soon instead of at the next interval">
        <DurationField
          name="retryInterval"
          value={options.retryInterval}
          fallback={fluxRetryInterval({ ...options, retryInterval: null })}
          run={run}
        />
      </Explained>
      <Explained why="when a change to an immutable field is refused, delete the object and create it again">
        <label className="lp-toggle">
          <input
            type="checkbox"
            role="switch"
            checked={options.force}
            onChange={(e) => set('force', e.target.checked)}
          />
          <span className="lp-mono">force</span>
        </label>
      </Explained>
      <Explained why="without wait, only these objects (Kind/name, comma-separated) are waited for">
        <label className="lp-field">
          <span>healthChecks</span>
          <input
            key={checks}
            defaultValue={checks}
            placeholder="Deployment/web"
            onBlur={(e) => {
              const next = parseHealthChecks(e.target.value);
              if (next.map(refText).join(', ') !== checks)
                run({ set: { lane: 'gitops', healthChecks: next } });
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') e.currentTarget.blur();
            }}
          />
        </label>
      </Explained>
    </fieldset>
  );
}
