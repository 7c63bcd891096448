// `sim validate`: the checks that need no run. Follows the repository's files through the steps
// as commits, merges and reverts would change them, so that a patch path is checked against the
// file as it will be at that step, and a tag is known before it is used.
import { getOrCreate } from '../get-or-create';
import { parseManifestText } from '../git/manifests';
import { DURATION } from './schema';
import { locatorFor, type Locator } from './load';
import type { ScenarioProblem } from './errors';
import { clusterPodsMessage, kubectlReplicasMessage, scanManifest } from './manifest-limits';
import { outputProblems } from './output-check';
import { PatchError, patchYaml } from './patch';
import { repoPathIssues } from './repo-paths';
import type { Scenario } from './schema';

/**
 * A manifest both lanes would refuse for a `__proto__:` key (src/sim/safe-keys.ts), named at its
 * entry in the scenario and at the key's line in the file. Other YAML errors are left to the run:
 * lessons commit broken YAML on purpose.
 */
function unsafeKeys(loc: Locator, at: (string | number)[], file: string, text: string) {
  if (!/\.(ya?ml|json)$/i.test(file)) return [];
  return parseManifestText(text)
    .errors.filter((e) => e.code === 'UNSAFE_KEY')
    .map((e) => loc.problem('E_UNSAFE_KEY', at, `${file}:${e.line}:${e.col}: ${e.message}`));
}

const SHA = /^[0-9a-f]{4,40}$/;
const REV_SUFFIX = /(~\d+|\^\d*)+$/;

/** Every problem a run would hit that can be seen without running. */
export function staticCheck(
  scenario: Scenario,
  text: string,
  file: string,
  dirFiles?: Record<string, string> | null,
): ScenarioProblem[] {
  const loc = locatorFor(text, file);
  const problems: ScenarioProblem[] = [];
  if (scenario.repo.dir !== undefined && !dirFiles) {
    problems.push(
      loc.problem(
        'E_DIR',
        ['repo', 'dir'],
        `repo.dir "${scenario.repo.dir}" does not exist next to the scenario`,
        { expected: 'a folder of manifests', found: 'nothing' },
      ),
    );
  }
  for (const [path, text] of Object.entries(scenario.repo.files ?? {}))
    problems.push(...unsafeKeys(loc, ['repo', 'files', path], path, text));
  for (const [path, text] of Object.entries(dirFiles ?? {}))
    problems.push(...unsafeKeys(loc, ['repo', 'dir'], path, text));
  problems.push(...repoPathIssues(scenario, dirFiles).map((issue) => loc.locate(issue)));
  // Replica ceilings: a manifest at its line (in the scenario, or in the repo.dir file).
  const manifest = (content: string, at: (string | number)[]) => {
    for (const issue of scanManifest(content).issues)
      problems.push(loc.within(at, issue.line, 'E_LIMIT', issue.message));
  };
  for (const [path, content] of Object.entries(scenario.repo.files ?? {}))
    manifest(content, ['repo', 'files', path]);
  const dirPrefix = `${file.replace(/[^/]*$/, '')}${(scenario.repo.dir ?? '').replace(/\/+$/, '')}/`;
  for (const [path, content] of Object.entries(dirFiles ?? {}))
    for (const issue of scanManifest(content).issues)
      problems.push({
        code: 'E_LIMIT',
        file: `${dirPrefix}${path}`,
        line: issue.line,
        col: 1,
        message: issue.message,
      });
  let podsRefused = false;
  const clusterPods = (files: Map<string, string>, at: (string | number)[]) => {
    let pods = 0;
    for (const content of files.values()) pods += scanManifest(content).pods;
    const message = clusterPodsMessage(pods);
    if (message && !podsRefused) problems.push(loc.problem('E_LIMIT', at, message));
    podsRefused ||= message !== null;
  };
  const branches = new Map<string, Map<string, string>>([
    ['main', new Map(Object.entries(scenario.repo.files ?? dirFiles ?? {}))],
  ]);
  clusterPods(branches.get('main')!, ['repo']);
  /** Files whose content a revert made unknowable: their patches are checked at run time. */
  const uncertain = new Set<string>();
  const tags = new Map<string, Set<string>>();
  const knownRev = (rev: string) => {
    const base = rev.replace(REV_SUFFIX, '');
    return base === 'HEAD' || SHA.test(base) || tags.has(base) || branches.has(base);
  };
  const checkRev = (rev: string, path: (string | number)[]) => {
    if (!knownRev(rev))
      problems.push(
        loc.problem('E_TAG', path, `"${rev}" names no tag made before this step`, {
          expected: 'HEAD, a commit SHA, or a tag made earlier',
          found: JSON.stringify(rev),
        }),
      );
  };

  scenario.steps.forEach((step, i) => {
    (step.do ?? []).forEach((action, j) => {
      const at = ['steps', i, 'do', j];
      if ('commit' in action) {
        const c = action.commit;
        const branch = c.branch ?? 'main';
        const files = getOrCreate(branches, branch, () => new Map(branches.get('main')));
        const touched = new Set<string>();
        for (const [path, content] of Object.entries(c.write ?? {})) {
          problems.push(...unsafeKeys(loc, [...at, 'commit', 'write', path], path, content));
          manifest(content, [...at, 'commit', 'write', path]);
          files.set(path, content);
          uncertain.delete(path);
          touched.add(path);
        }
        for (const [path, fields] of Object.entries(c.patch ?? {})) {
          touched.add(path);
          const current = files.get(path);
          if (current === undefined) {
            problems.push(
              loc.problem(
                'E_PATCH',
                [...at, 'commit', 'patch', path],
                `patch of ${path}, which does not exist at this step`,
                { expected: 'a file in the repository', found: 'no such file' },
              ),
            );
            continue;
          }
          if (uncertain.has(path)) continue;
          try {
            const patched = patchYaml(current, path, fields);
            for (const issue of scanManifest(patched).issues)
              problems.push(
                loc.problem('E_LIMIT', [...at, 'commit', 'patch', path], issue.message),
              );
            files.set(path, patched);
          } catch (e) {
            if (!(e instanceof PatchError)) throw e;
            problems.push(
              loc.problem('E_PATCH', [...at, 'commit', 'patch', path, e.data.key], e.message),
            );
          }
        }
        for (const path of c.remove ?? []) {
          if (!files.delete(path))
            problems.push(
              loc.problem(
                'E_PATCH',
                [...at, 'commit', 'remove'],
                `remove of ${path}, which does not exist at this step`,
                { found: 'no such file' },
              ),
            );
          touched.add(path);
        }
        if (c.tag) tags.set(c.tag, touched);
        clusterPods(files, [...at, 'commit']);
      } else if (
        'kubectl' in action ||
        'run' in action ||
        ('fault' in action && action.fault.run !== undefined)
      ) {
        const [key, field, line] =
          'kubectl' in action
            ? ['kubectl', 'run', action.kubectl.run]
            : 'run' in action
              ? ['run', 'line', action.run.line]
              : ['fault', 'run', action.fault.run!];
        const message = kubectlReplicasMessage(line);
        if (message) problems.push(loc.problem('E_LIMIT', [...at, key, field], message));
      }
      if ('pr' in action && action.pr.merge) {
        const head = branches.get(action.pr.merge.branch);
        if (!head)
          problems.push(
            loc.problem(
              'E_TAG',
              [...at, 'pr', 'merge', 'branch'],
              `no branch "${action.pr.merge.branch}" was made before this step`,
              { found: JSON.stringify(action.pr.merge.branch) },
            ),
          );
        else branches.set('main', new Map(head));
      } else if ('pr' in action && (action.pr.open || action.pr.approve)) {
        const branch = (action.pr.open ?? action.pr.approve)!.branch;
        if (!branches.has(branch))
          problems.push(
            loc.problem('E_TAG', [...at, 'pr'], `no branch "${branch}" was made before this step`, {
              found: JSON.stringify(branch),
            }),
          );
      } else if ('revert' in action) {
        const rev = typeof action.revert === 'string' ? action.revert : action.revert.commit;
        checkRev(rev, [...at, 'revert']);
        for (const path of tags.get(rev.replace(REV_SUFFIX, '')) ?? branches.get('main')!.keys())
          uncertain.add(path);
      } else if ('rollback' in action && typeof action.rollback.to === 'string') {
        checkRev(action.rollback.to, [...at, 'rollback', 'to']);
      } else if ('rerun' in action && action.rerun.commit) {
        checkRev(action.rerun.commit, [...at, 'rerun', 'commit']);
      } else if ('fault' in action && action.fault.kind === 'leaked-token' && !action.fault.run) {
        problems.push(
          loc.problem(
            'E_ACTION',
            [...at, 'fault'],
            'a leaked-token fault needs the kubectl line the attacker runs',
            { expected: 'run: "scale deployment/web --replicas=0"' },
          ),
        );
      } else if (
        'fault' in action &&
        action.fault.for !== undefined &&
        !DURATION.test(action.fault.for)
      ) {
        problems.push(
          loc.problem('E_ACTION', [...at, 'fault', 'for'], 'not a duration', {
            expected: 'a duration such as 90s, 3m or 1h',
            found: action.fault.for,
          }),
        );
      }
    });
  });
  problems.push(...outputProblems(scenario, loc));
  return problems;
}
