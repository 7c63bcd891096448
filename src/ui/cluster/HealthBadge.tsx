import type { HealthStatus } from '../../sim/cluster';

const ICON: Record<HealthStatus, string> = {
  Healthy: '♥',
  Progressing: '◔',
  Degraded: '✕',
  Suspended: '⏸',
  Missing: '?',
  Unknown: '?',
};

/** Health as a word and an icon: status is never shown by colour alone. */
export function HealthBadge({
  status,
  title,
}: {
  status: HealthStatus;
  title?: string | undefined;
}) {
  return (
    <span className={`badge health-${status.toLowerCase()}`} title={title ?? status}>
      <span aria-hidden="true">{ICON[status]}</span> {status}
    </span>
  );
}
