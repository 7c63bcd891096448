// The images a run's build stage reports as built: those the containers of the commit's
// manifests name (the simulated CI builds nothing; the log line says what a real one would push).
import type { KObject } from '../cluster';
import { getOrCreate } from '../get-or-create';

// The images each manifest names (manifests are frozen and shared from commit to commit).
const images = new WeakMap<KObject, readonly string[]>();

export function imagesOf(manifests: readonly KObject[]): Set<string> {
  const out = new Set<string>();
  for (const manifest of manifests) {
    for (const image of getOrCreate(images, manifest, containersOf)) out.add(image);
  }
  return out;
}

function containersOf(manifest: KObject): string[] {
  const spec = manifest.spec as
    { template?: { spec?: { containers?: { image?: unknown }[] } } } | undefined;
  return (spec?.template?.spec?.containers ?? [])
    .map((c) => (typeof c.image === 'string' ? c.image : ''))
    .filter(Boolean);
}
