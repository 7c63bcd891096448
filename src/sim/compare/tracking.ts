// Which app a live object belongs to: Argo CD's tracking annotation (annotation tracking, the
// default since Argo CD 3.0) or, for Flux, the Kustomization's name label (REFERENCE.md, Flux
// flavour). The diff reads the annotation (Argo sets it on the target before it diffs), the
// cache layer lists an app's objects by it, the sync writes it.
import type { KObject } from '../cluster';

export const TRACKING_ANNOTATION = 'argocd.argoproj.io/tracking-id';
export const FLUX_NAME_LABEL = 'kustomize.toolkit.fluxcd.io/name';

/** Argo 3.x annotation tracking: `<app>:<group>/<kind>:<namespace>/<name>`. */
export function trackingId(app: string, obj: KObject): string {
  const group = obj.apiVersion.includes('/')
    ? obj.apiVersion.slice(0, obj.apiVersion.lastIndexOf('/'))
    : '';
  return `${app}:${group}/${obj.kind}:${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
}

export function isTrackedBy(obj: KObject, app: string): boolean {
  const id: unknown = obj.metadata.annotations?.[TRACKING_ANNOTATION];
  // `id.startsWith(`${app}:`)`, without making that string for every object asked about.
  if (
    typeof id === 'string' &&
    id.length > app.length &&
    id.charCodeAt(app.length) === 58 &&
    id.startsWith(app)
  )
    return true;
  // Flux's mark (gitops/flux-apply.ts): its labels.
  return obj.metadata.labels?.[FLUX_NAME_LABEL] === app;
}
