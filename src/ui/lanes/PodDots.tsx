// A Deployment's pods as status dots: the shape differs by state (filled, hollow, crossed,
// square), and each dot names its pod and state for screen readers and in its tooltip.
import type { PodState } from '../../sim/cluster';

const ORDER: PodState[] = [
  'Running',
  'Completed',
  'Pending',
  'ContainerCreating',
  'Terminating',
  'CrashLoopBackOff',
  'CreateContainerConfigError',
  'ErrImagePull',
  'ImagePullBackOff',
  'Error',
];

export function PodDots({ pods }: { pods: { name: string; state: PodState }[] }) {
  if (pods.length === 0) return <span className="lp-muted">—</span>;
  const counts = ORDER.map((s) => [s, pods.filter((p) => p.state === s).length] as const).filter(
    ([, n]) => n > 0,
  );
  const summary = counts.map(([s, n]) => `${n} ${s}`).join(', ');
  return (
    <span className="lp-pods-cell">
      <ul className="lp-pods" aria-label={`Pods: ${summary}`}>
        {pods.map((p) => (
          <li key={p.name}>
            <span
              className={`lp-pod lp-pod-${p.state.toLowerCase()}`}
              role="img"
              aria-label={`${p.name}: ${p.state}`}
              title={`${p.name}: ${p.state}`}
            />
          </li>
        ))}
      </ul>
      <span className="lp-muted lp-small" aria-hidden="true">
        {counts.map(([s, n]) => `${n} ${s}`).join(' · ')}
      </span>
    </span>
  );
}
