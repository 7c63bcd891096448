// `sim run` and `sim validate` as a person runs them: hostile input ends with exit 2 and a located
// message, never "error: internal" (exit 1) and never a hang. Each case spawns the CLI (tsx), so
// the cases are few; the refusals themselves are tested in test/fuzz/hostile.test.ts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const tmp = mkdtempSync(join(tmpdir(), 'driftlab-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function sim(...args: string[]) {
  const r = spawnSync('npx', ['tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the CLI refuses hostile input with exit 2', () => {
  it.each([
    [
      '--export-repo aimed at a file',
      () => {
        const file = join(tmp, 'a-file');
        writeFileSync(file, 'keep me\n');
        return ['run', 'hotfix-drift', '--export-repo', file];
      },
      /^error: E_EXPORT_TARGET: --export-repo .*a-file: is a file, not a folder$/m,
    ],
    [
      'a seed past 2^31 - 1',
      () => ['run', 'hotfix-drift', '--seed', '4294967296'],
      /--seed takes a whole number from 0 to 2147483647/,
    ],
    [
      'a repository file named ../../x.yaml',
      () => ['run', 'test/fuzz/hostile/repo-file-dotdot.yaml'],
      /^test\/fuzz\/hostile\/repo-file-dotdot\.yaml:23:5: "\.\.\/\.\.\/x\.yaml" is not a path inside the repository/m,
    ],
  ])(
    '%s',
    (_what, args, says) => {
      const r = sim(...args());
      expect(r.stderr).not.toContain('internal');
      expect(r.stderr).toMatch(says);
      expect(r.code).toBe(2);
    },
    90_000,
  );
});
