// Status badges: the exact words of the tools (Argo CD's sync and health codes, the pipeline's
// state) with an icon and a colour, so that no status is told by colour alone.
import type { HealthStatus } from '../../sim/cluster';
import type { SyncStatusCode } from '../../sim/gitops/app-status';
import type { PipelineRun } from '../../sim/devops/lane';

type Tone = 'ok' | 'warn' | 'bad' | 'info' | 'muted';

function Badge({
  tone,
  icon,
  text,
  title,
}: {
  tone: Tone;
  icon: string;
  text: string;
  title?: string;
}) {
  return (
    <span className={`lp-badge lp-tone-${tone}`} title={title}>
      <span aria-hidden="true" className="lp-icon">
        {icon}
      </span>
      {text}
    </span>
  );
}

const SYNC: Record<SyncStatusCode, { tone: Tone; icon: string; title: string }> = {
  Synced: { tone: 'ok', icon: '✓', title: 'Every resource matches Git at the compared revision' },
  OutOfSync: { tone: 'warn', icon: '≠', title: 'At least one resource differs from Git' },
  Unknown: { tone: 'bad', icon: '?', title: 'The comparison could not be made' },
};

export function SyncBadge({ status }: { status: SyncStatusCode }) {
  const s = SYNC[status];
  return <Badge tone={s.tone} icon={s.icon} text={status} title={s.title} />;
}

// Argo CD's icons, in text: heart, spinner, broken, pause, ghost, question mark.
const HEALTH: Record<HealthStatus, { tone: Tone; icon: string }> = {
  Healthy: { tone: 'ok', icon: '♥' },
  Progressing: { tone: 'info', icon: '◔' },
  Degraded: { tone: 'bad', icon: '✖' },
  Suspended: { tone: 'warn', icon: '‖' },
  Missing: { tone: 'warn', icon: '◌' },
  Unknown: { tone: 'muted', icon: '?' },
};

export function HealthBadge({ status, title }: { status: HealthStatus; title?: string }) {
  const h = HEALTH[status];
  return <Badge tone={h.tone} icon={h.icon} text={status} title={title} />;
}

const RUNNING = new Set(['queued', 'checkout', 'build', 'test', 'deploy', 'verify']);

/** The pipeline's state (`build`, `waiting-approval`, `succeeded`...), or `idle` before any push. */
export function PipelineBadge({ state }: { state: string }) {
  if (state === 'succeeded') return <Badge tone="ok" icon="✓" text="succeeded" />;
  if (state === 'failed') return <Badge tone="bad" icon="✖" text="failed" />;
  if (state === 'waiting-approval')
    return (
      <Badge
        tone="warn"
        icon="‖"
        text="waiting-approval"
        title="A person must approve the deploy"
      />
    );
  if (RUNNING.has(state)) return <Badge tone="info" icon="▸" text={state} title="running" />;
  return <Badge tone="muted" icon="○" text={state} />;
}

export function RunResultBadge({ result }: { result: PipelineRun['result'] }) {
  if (result === 'running') return <Badge tone="info" icon="▸" text="running" />;
  if (result === 'cancelled') return <Badge tone="muted" icon="⊘" text="cancelled" />;
  return <PipelineBadge state={result} />;
}

/** Whether the live objects carry every field Git declares (the observer's answer). */
export function MatchesGit({ yes }: { yes: boolean }) {
  return (
    <span
      className={`lp-badge lp-tone-${yes ? 'ok' : 'warn'}`}
      title="Every field Git declares has Git's value in the cluster"
    >
      <span aria-hidden="true" className="lp-icon">
        {yes ? '=' : '≠'}
      </span>
      Matches Git: {yes ? 'yes' : 'no'}
    </span>
  );
}

const PHASE: Record<string, { tone: Tone; icon: string }> = {
  Running: { tone: 'info', icon: '▸' },
  Succeeded: { tone: 'ok', icon: '✓' },
  Failed: { tone: 'bad', icon: '✖' },
  Error: { tone: 'bad', icon: '!' },
  Terminating: { tone: 'warn', icon: '…' },
};

/** An Argo CD operation phase. */
export function PhaseBadge({ phase }: { phase: string }) {
  const p = PHASE[phase] ?? { tone: 'muted' as const, icon: '?' };
  return <Badge tone={p.tone} icon={p.icon} text={phase} />;
}

/** A step that went well or not: ✓ / ✗ with a word for screen readers. */
export function OkMark({ ok }: { ok: boolean | undefined }) {
  if (ok === undefined)
    return (
      <span className="lp-mark lp-tone-info" role="img" aria-label="running" title="running">
        ▸
      </span>
    );
  return (
    <span
      className={`lp-mark lp-tone-${ok ? 'ok' : 'bad'}`}
      role="img"
      aria-label={ok ? 'ok' : 'failed'}
      title={ok ? 'ok' : 'failed'}
    >
      {ok ? '✓' : '✗'}
    </span>
  );
}
