// Paths a scenario names inside its repository: the files it starts with (`repo.files`, or those
// read from `repo.dir`), the files its commits write, patch and remove, `repo.path` and each app's
// path. Each must be a path git can store and no folder can escape: relative, `/`-separated, no
// `.` or `..` segment, no `.git`, no control characters (git/validate.ts has the rules). A bad one
// is a located problem at validate time, not an internal error half-way through a run.
import { InvalidPathError } from '../git/errors';
import { assertRepoPath, normalizeFolder } from '../git/validate';
import type { Issue, Path } from './issues';
import type { Scenario } from './schema';

function pathIssue(check: (p: string) => unknown, value: string, at: Path, onKey = false): Issue[] {
  try {
    check(value);
    return [];
  } catch (e) {
    if (!(e instanceof InvalidPathError)) throw e;
    return [
      {
        code: 'E_PATH',
        path: at,
        message: `"${value}" is not a path inside the repository: ${e.data.reason}`,
        expected: 'a relative path such as apps/web/deployment.yaml',
        found: JSON.stringify(value),
        onKey,
      },
    ];
  }
}

/** Every repository path the scenario names that git would refuse, at the key or value naming it. */
export function repoPathIssues(
  scenario: Scenario,
  dirFiles?: Record<string, string> | null,
): Issue[] {
  const out: Issue[] = [];
  const file = (p: string, at: Path, onKey = false) =>
    out.push(...pathIssue(assertRepoPath, p, at, onKey));
  const folder = (p: string, at: Path) => out.push(...pathIssue(normalizeFolder, p, at));
  for (const p of Object.keys(scenario.repo.files ?? {})) file(p, ['repo', 'files', p], true);
  for (const p of Object.keys(dirFiles ?? {})) file(p, ['repo', 'dir']);
  if (scenario.repo.path !== undefined) folder(scenario.repo.path, ['repo', 'path']);
  scenario.repo.apps?.forEach((app, i) => folder(app.path, ['repo', 'apps', i, 'path']));
  scenario.steps.forEach((step, i) =>
    (step.do ?? []).forEach((action, j) => {
      if (!('commit' in action)) return;
      const at = ['steps', i, 'do', j, 'commit'];
      for (const p of Object.keys(action.commit.write ?? {})) file(p, [...at, 'write', p], true);
      for (const p of Object.keys(action.commit.patch ?? {})) file(p, [...at, 'patch', p], true);
      action.commit.remove?.forEach((p, k) => file(p, [...at, 'remove', k]));
    }),
  );
  return out;
}
