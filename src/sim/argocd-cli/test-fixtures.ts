// The small sandbox the argocd and flux CLI tests run over: the starter repo, one app (apps/web)
// on the GitOps lane, a minute in (the first sync done).
import type { GitopsOptions } from '../gitops/options';
import { Sandbox } from '../sandbox';
import { STARTER_FILES } from '../starter-repo';
import type { ArgoView } from './read';

export async function cliSandbox(
  gitops: Partial<GitopsOptions> = {},
): Promise<{ s: Sandbox; view: ArgoView }> {
  const s = await Sandbox.create({
    files: { ...STARTER_FILES },
    path: 'apps/web',
    lanes: { gitops },
  });
  await s.advance(60_000);
  return { s, view: { gitops: s.gitops, cluster: s.clusters.gitops } };
}

/** A commit on main that scales web from 3 to 4 replicas; its SHA. */
export function scaleWebTo4(s: Sandbox): Promise<string> {
  const deployment = STARTER_FILES['apps/web/deployment.yaml']!;
  return s.commit({
    author: 'alice',
    message: 'web: 4 replicas',
    write: { 'apps/web/deployment.yaml': deployment.replace('replicas: 3', 'replicas: 4') },
  });
}
