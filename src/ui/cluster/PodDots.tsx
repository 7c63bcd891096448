import type { PodState } from '../../sim/cluster';

/** One dot per Pod; the state is in the accessible name and the tooltip, not only the colour. */
export function PodDots({ pods }: { pods: { name: string; state: PodState }[] }) {
  if (pods.length === 0) return null;
  return (
    <ul className="pods" aria-label={`${pods.length} pods`}>
      {pods.map((p) => (
        <li
          key={p.name}
          className={`pod pod-${p.state.toLowerCase()}`}
          title={`${p.name}: ${p.state}`}
          aria-label={`${p.name}: ${p.state}`}
        />
      ))}
    </ul>
  );
}
