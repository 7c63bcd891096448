// Commit throughput: the in-memory repository against the native git CLI, same files, same steps.
// Each op is one commit that rewrites one manifest (write the file, stage it, commit).
// Wired into `npm run bench` by bench/run.ts; importing this module does nothing by itself.
import '../src/platform/node';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigRepo } from '../src/sim/git';
import { T0, deployment, GUESTBOOK_FILES } from '../src/sim/git/test-fixtures';

const AUTHOR = { name: 'Bench', email: 'bench@example.com' };
const FILE = 'apps/guestbook/deployment.yaml';

/** ms per commit in the in-memory repository (isomorphic-git over lightning-fs). */
export async function benchCommit(n: number): Promise<number> {
  const repo = await ConfigRepo.init({ files: GUESTBOOK_FILES, author: AUTHOR, timestamp: T0 });
  const start = performance.now();
  for (let i = 1; i <= n; i++) {
    await repo.commit({
      author: AUTHOR,
      message: `Scale to ${i}`,
      timestamp: T0 + i * 1000,
      write: { [FILE]: deployment({ replicas: i }) },
    });
  }
  return (performance.now() - start) / n;
}

/** ms per commit with the native git CLI in a temporary directory (process start-up included). */
export function benchNativeCommit(n: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'driftlab-bench-'));
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  const git = (args: string[], at: number) =>
    execFileSync('git', args, {
      cwd: dir,
      stdio: 'ignore',
      env: {
        ...env,
        GIT_AUTHOR_NAME: AUTHOR.name,
        GIT_AUTHOR_EMAIL: AUTHOR.email,
        GIT_COMMITTER_NAME: AUTHOR.name,
        GIT_COMMITTER_EMAIL: AUTHOR.email,
        GIT_AUTHOR_DATE: `@${Math.floor(at / 1000)} +0000`,
        GIT_COMMITTER_DATE: `@${Math.floor(at / 1000)} +0000`,
      },
    });
  try {
    git(['init', '-q', '-b', 'main'], T0);
    for (const [path, text] of Object.entries(GUESTBOOK_FILES)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    git(['add', '-A'], T0);
    git(['commit', '-q', '-m', 'Initial commit'], T0);
    const start = performance.now();
    for (let i = 1; i <= n; i++) {
      const at = T0 + i * 1000;
      writeFileSync(join(dir, FILE), deployment({ replicas: i }));
      git(['add', FILE], at);
      git(['commit', '-q', '-m', `Scale to ${i}`], at);
    }
    return (performance.now() - start) / n;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
