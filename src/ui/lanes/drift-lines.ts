// The kubectl lines "Inject drift" offers, built for one live Deployment: what a person on call
// would type (scale it, hot-fix its image, add a debug env var, delete it).
import type { ObjectView } from '../../store/view';

export interface DriftTarget {
  name: string;
  namespace?: string;
  replicas: number;
  container: string;
  image: string;
}

export interface DriftChoice {
  id: 'scale' | 'image' | 'env' | 'delete';
  label: string;
  line: string;
  /** What to expect, where the lanes differ in a way worth saying. */
  hint: string;
}

interface PodSpecLike {
  replicas?: number;
  template?: { spec?: { containers?: { name: string; image?: string }[] } };
}

/** The live Deployments of a lane, in the order the cluster lists them. */
export function driftTargets(objects: readonly ObjectView[]): DriftTarget[] {
  return objects.flatMap((o) => {
    if (o.kind !== 'Deployment' || !o.live) return [];
    const spec = (o.live.spec ?? {}) as PodSpecLike;
    const c = spec.template?.spec?.containers?.[0];
    return [
      {
        name: o.name,
        ...(o.namespace ? { namespace: o.namespace } : {}),
        replicas: spec.replicas ?? 1,
        container: c?.name ?? o.name,
        image: c?.image ?? `${o.name}:latest`,
      },
    ];
  });
}

/** `web:1.0` -> `web:1.0-hotfix`; `registry:5000/web` -> `registry:5000/web:hotfix`. */
export function hotfixImage(image: string): string {
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > slash ? `${image}-hotfix` : `${image}:hotfix`;
}

export function driftChoices(t: DriftTarget): DriftChoice[] {
  const ns = t.namespace && t.namespace !== 'default' ? ` -n ${t.namespace}` : '';
  const replicas = t.replicas + 2;
  const envPatch = JSON.stringify({
    spec: {
      template: {
        spec: { containers: [{ name: t.container, env: [{ name: 'DEBUG', value: '1' }] }] },
      },
    },
  });
  return [
    {
      id: 'scale',
      label: `Scale to ${replicas} replicas`,
      line: `scale deployment/${t.name} --replicas=${replicas}${ns}`,
      hint: 'spec.replicas differs from Git: both lanes see the drift.',
    },
    {
      id: 'image',
      label: 'Set a hot-fix image',
      line: `set image deployment/${t.name} ${t.container}=${hotfixImage(t.image)}${ns}`,
      hint: 'The image Git names is replaced: a new rollout starts.',
    },
    {
      id: 'env',
      label: 'Add an env var',
      line: `patch deployment ${t.name}${ns} -p '${envPatch}'`,
      hint: 'Git sets no env here: the diff only compares fields the manifest sets, so both lanes still match Git.',
    },
    {
      id: 'delete',
      label: 'Delete the Deployment',
      line: `delete deployment ${t.name}${ns}`,
      hint: 'Its pods go with it; Git still declares it.',
    },
  ];
}
