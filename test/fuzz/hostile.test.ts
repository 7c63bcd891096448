// The hostile inputs of issue 11 that `sim validate` used to accept (and `sim run` then hung on or
// answered with "error: internal"), and more of the same kind: each is refused by validate with a
// stable code at file:line:col, in the words the run itself would use. The fixtures are in
// hostile/; the cases that need a file system (symlinks, a FIFO) or sizes are built here.
import '../../src/platform/node';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkExportTarget, ExportTargetError } from '../../src/cli/export-target';
import { findScenario } from '../../src/cli/library';
import { validateSource } from '../../src/cli/validate-source';
import {
  formatProblem,
  isScenarioError,
  loadScenario,
  type ScenarioProblem,
} from '../../src/sim/scenario';

const HOSTILE = join(import.meta.dirname, 'hostile');

/** Every problem `sim validate <file>` prints for the file, as the CLI reads it. */
function validate(file: string): ScenarioProblem[] {
  const source = findScenario(file);
  expect(source, file).not.toBeNull();
  try {
    return validateSource(source!).problems;
  } catch (e) {
    if (!isScenarioError(e)) throw e;
    return e.problems;
  }
}

// [fixture, code, line:col, what the message says]
const FIXTURES: [string, ScenarioProblem['code'], string, RegExp][] = [
  [
    'poll-interval-zero',
    'E_SCHEMA',
    '5:27',
    /pollInterval is out of range.*between 1s and 30d.*"0ms"/,
  ],
  ['poll-interval-1ms', 'E_SCHEMA', '5:27', /pollInterval is out of range.*"1ms"/],
  [
    'poll-interval-1s-30d',
    'E_DURATION_LIMIT',
    '26:3',
    /30d of waits at these poll and apply intervals is 2592000 polls and applies; at most 50000/,
  ],
  [
    'flux-apply-interval-zero',
    'E_OPTION',
    '5:43',
    /applyInterval of 0 \(none\) is for flavour argo only/,
  ],
  ['retry-backoff-zero', 'E_SCHEMA', '5:41', /retry\.backoff is out of range/],
  ['set-poll-interval-zero', 'E_OPTION', '26:44', /set\.pollInterval is out of range/],
  [
    'wait-3650d',
    'E_ACTION',
    '26:15',
    /wait is out of range \(expected at most 30d, found "3650d"\)/,
  ],
  // The API server's own words (cluster/validate.ts), at the manifest's line inside the block.
  [
    'replicas-100000',
    'E_LIMIT',
    '13:1',
    /: The Deployment "web" is invalid: spec\.replicas: Invalid value: 100000: must be less than or equal to 1000$/,
  ],
  ['patch-replicas-100000', 'E_LIMIT', '29:39', /spec\.replicas: Invalid value: 100000/],
  ['kubectl-scale-100000', 'E_LIMIT', '26:37', /The Deployment "web" is invalid: spec\.replicas/],
  ['leaked-token-scale', 'E_LIMIT', '26:57', /Invalid value: 5000: must be less than or equal/],
  ['hpa-min-replicas-1e6', 'E_LIMIT', '30:1', /spec\.minReplicas: Invalid value: 1000000/],
  ['cluster-6000-pods', 'E_LIMIT', '5:3', /6000 Pods.*exceeded quota.*limited: pods=5000/],
  ['say-5000-quotes', 'E_LIMIT', '25:10', /markdown too deeply.*at most 64.*found 5000/],
  ['say-5000-nested-stars', 'E_LIMIT', '25:10', /markdown too deeply/],
  ['say-5000-emphasis', 'E_LIMIT', '25:10', /markdown too deeply/],
  [
    'repo-file-dotdot',
    'E_PATH',
    '23:5',
    /"\.\.\/\.\.\/x\.yaml" is not a path inside the repository/,
  ],
  ['repo-file-absolute', 'E_PATH', '23:5', /must be relative/],
  ['repo-file-dot-git', 'E_PATH', '23:5', /a name git keeps for itself/],
  ['repo-path-dotdot', 'E_PATH', '5:9', /'\.\.' segment/],
  ['app-path-dotdot', 'E_PATH', '7:26', /"\.\.\/\.\.\/etc"/],
  [
    'app-path-absolute',
    'E_PATH',
    '7:26',
    /"\/etc" is not a path inside the repository: must be relative/,
  ],
  ['patch-dot-git-config', 'E_PATH', '29:13', /a name git keeps for itself/],
  ['commit-write-dotdot', 'E_PATH', '28:20', /"\.\.\/x\.yaml"/],
  ['commit-remove-dotdot', 'E_PATH', '28:20', /"apps\/\.\.\/\.\.\/x\.yaml"/],
  [
    'flaky-rate-nan',
    'E_SCHEMA',
    '5:24',
    /: wrong type for lanes\.devops\.flakyRate \(expected number, found NaN\)$/,
  ],
];

describe('sim validate refuses the hostile fixtures', () => {
  it.each(FIXTURES)('%s: %s at line:col %s', (name, code, at, says) => {
    const file = relative(process.cwd(), join(HOSTILE, `${name}.yaml`));
    const [first] = validate(file);
    expect(first, 'refused').toBeDefined();
    expect(first).toMatchObject({ code, file });
    expect(`${first!.line}:${first!.col}`).toBe(at);
    expect(formatProblem(first!)).toMatch(says);
  });

  it('names NaN as NaN, not null', () => {
    const [first] = validate(join(HOSTILE, 'flaky-rate-nan.yaml'));
    expect(first!.found).toBe('NaN');
  });
});

describe('honest limits', () => {
  const minimal = (extra = '') =>
    `id: tiny\ntitle: Tiny\n${extra}repo:\n  files:\n    a.yaml: "kind: ConfigMap"\nsteps:\n  - title: s\n`;
  const refusal = (text: string) => {
    try {
      loadScenario(text, 'x.yaml');
      return null;
    } catch (e) {
      if (!isScenarioError(e)) throw e;
      return e.problems[0]!;
    }
  };

  it('counts the 1 MiB limit in UTF-8 bytes: a third of a MiB of CJK characters is a MiB', () => {
    const cjk = '漢'.repeat(Math.ceil((1024 * 1024) / 3) + 1);
    expect(cjk.length).toBeLessThan(1024 * 1024);
    expect(refusal(`${minimal()}# ${cjk}\n`)).toMatchObject({
      code: 'E_TOO_LARGE',
      found: `${3 * cjk.length + minimal().length + 3} bytes`,
    });
    expect(refusal(`${minimal()}# ${'x'.repeat(1024 * 1024 - minimal().length - 3)}\n`)).toBeNull();
  });

  it.each([
    [100, null],
    [101, 'a scenario may use at most 100 YAML aliases'],
  ])('takes exactly 100 YAML aliases: %i aliases -> %s', (count, message) => {
    const steps = `steps:\n  - &s { title: s }\n${'  - *s\n'.repeat(count)}`;
    const problem = refusal(minimal().replace(/steps:[^]*$/, steps));
    if (message === null) expect(problem).toBeNull();
    else expect(problem).toMatchObject({ code: 'E_YAML', message, line: 7 + count });
  });
});

describe('repo.dir stays inside the scenario folder', () => {
  const root = mkdtempSync(join(tmpdir(), 'driftlab-hostile-'));
  const outside = join(root, 'outside');
  const folder = join(root, 'scenarios');
  mkdirSync(join(outside, 'apps'), { recursive: true });
  writeFileSync(join(outside, 'apps', 'secret.yaml'), 'kind: ConfigMap\n');
  mkdirSync(join(folder, 'manifests', 'apps'), { recursive: true });
  writeFileSync(join(folder, 'manifests', 'apps', 'web.yaml'), 'kind: ConfigMap\n');
  mkdirSync(join(folder, 'with-fifo'));
  execFileSync('mkfifo', [join(folder, 'with-fifo', 'pipe.yaml')]);
  mkdirSync(join(folder, 'with-link'));
  symlinkSync(join(outside, 'apps', 'secret.yaml'), join(folder, 'with-link', 'secret.yaml'));
  mkdirSync(join(folder, 'with-loop'));
  symlinkSync('.', join(folder, 'with-loop', 'up'));
  symlinkSync(outside, join(folder, 'out-link'));
  writeFileSync(join(folder, 'a-file.txt'), 'not a folder\n');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const scenario = (id: string, dir: string) => {
    const file = join(folder, `${id}.yaml`);
    writeFileSync(
      file,
      `id: ${id}\ntitle: t\nrepo:\n  dir: ${JSON.stringify(dir)}\nsteps:\n  - title: s\n`,
    );
    return file;
  };

  it.each([
    ['up-two', '../..', /leads outside the scenario's folder/],
    ['up-one', '../outside', /leads outside the scenario's folder/],
    ['absolute', outside, /must be relative/],
    ['symlinked-folder', './out-link', /leads outside the scenario's folder/],
    ['symlinked-file', './with-link', /secret\.yaml leads outside/],
    ['proc', '/proc/self', /must be relative/],
    ['fifo', './with-fifo', /pipe\.yaml is a FIFO, not a manifest file/],
    ['loop', './with-loop', /up is a symlink loop/],
    ['a-file', './a-file.txt', /is a file, not a folder/],
  ])('refuses %s (%s) at the line of repo.dir, without opening it', (id, dir, says) => {
    const problems = validate(scenario(id, dir));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'E_DIR', line: 4, col: 8 });
    expect(formatProblem(problems[0]!)).toMatch(says);
  });

  it('reads a folder inside, keyed by the path in it', () => {
    const source = findScenario(scenario('inside', './manifests'))!;
    expect(validateSource(source).dirFiles).toEqual({ 'apps/web.yaml': 'kind: ConfigMap\n' });
  });

  it.each([
    ['a file', join(folder, 'a-file.txt'), /is a file, not a folder/],
    ['a FIFO', join(folder, 'with-fifo', 'pipe.yaml'), /is a file, not a folder/],
    ['a folder with files', join(folder, 'manifests'), /the folder is not empty/],
  ])('--export-repo refuses %s', (_what, target, says) => {
    expect(() => checkExportTarget(target)).toThrow(ExportTargetError);
    expect(() => checkExportTarget(target)).toThrow(says);
  });

  it('--export-repo takes a new or an empty folder', () => {
    mkdirSync(join(root, 'empty'));
    expect(() => checkExportTarget(join(root, 'empty'))).not.toThrow();
    expect(() => checkExportTarget(join(root, 'new'))).not.toThrow();
  });
});
