// Native git as an oracle: export a repository to a temporary directory and run
// `git fsck --strict` on it.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfigRepo } from '../../src/sim/git';
import { exportToDirectory } from '../../src/sim/git/export-node';

// Native git must not read the developer's or the machine's configuration.
const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  LC_ALL: 'C',
};

/** `git fsck --strict` of the exported repository: its exit status and what it printed on stderr. */
export async function fsckStrict(
  repo: ConfigRepo,
): Promise<{ status: number | null; stderr: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'driftlab-fsck-'));
  try {
    await exportToDirectory(repo, dir);
    const r = spawnSync('git', ['fsck', '--strict'], { cwd: dir, env: GIT_ENV, encoding: 'utf8' });
    return { status: r.status, stderr: r.stderr };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
