// A lane's world for tests (only tests import this folder): a cluster on a fresh virtual clock
// (cluster/testing/fixtures.ts), the starter repository with a test's own files, and what a lane is
// built from, deploying the one app `web` from apps/web. Alice commits.
import type { ClusterName } from '../audit';
import { EPOCH_MS, Rng } from '../clock';
import type { ImageBehaviour } from '../cluster';
import { makeCluster } from '../cluster/testing/fixtures';
import { ConfigRepo } from '../git';
import { STARTER_FILES } from '../starter-repo';

export async function laneWorld(
  name: ClusterName,
  opts: { files?: Record<string, string>; images?: Record<string, ImageBehaviour> } = {},
) {
  const { clock, audit, cluster } = makeCluster({
    name,
    ...(opts.images ? { images: opts.images } : {}),
  });
  const repo = await ConfigRepo.init({
    files: { ...STARTER_FILES, ...opts.files },
    author: { name: 'alice' },
    timestamp: EPOCH_MS,
  });
  /** Alice's commit at the world's current instant; its sha. */
  const commit = async (
    message: string,
    write: Record<string, string> = {},
    remove: string[] = [],
  ) =>
    (
      await repo.commit({
        author: { name: 'alice' },
        message,
        timestamp: EPOCH_MS + clock.now(),
        write,
        remove,
      })
    ).sha;
  /** What a lane (DevopsLane, GitopsLane) is built from, but its options. */
  const laneDeps = {
    repo,
    cluster,
    clock,
    rng: new Rng(1),
    audit,
    apps: [{ name: 'web', path: 'apps/web' }],
  };
  return { clock, audit, repo, cluster, commit, laneDeps };
}
