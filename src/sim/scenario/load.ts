// load -> validate: scenario text to a typed Scenario, or every problem found, each located at
// file:line:col. Limits keep hostile input cheap to refuse: 1 MiB of text, 1,000 steps, 30 days of
// virtual time, 100 YAML aliases, and no deeper nesting than a scenario needs.
import * as z from 'zod/mini';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { parseDuration } from '../clock';
import { unsafeKeyMessage, unsafeYamlKeys } from '../safe-keys';
import { loadGuidedStep } from './task-load';
import { describeValue, ScenarioError, type ScenarioProblem } from './errors';
import {
  ACTION_NAMES,
  ACTIONS,
  devopsLaneSchema,
  gitopsLaneSchema,
  rawScenarioSchema,
  type Action,
  type ActionName,
  type Scenario,
} from './schema';

export const MAX_BYTES = 1024 * 1024;
export const MAX_VIRTUAL_MS = 30 * 86_400_000;
const MAX_DEPTH = 64;

type Path = (string | number)[];

export class Locator {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    readonly file: string,
  ) {}

  /**
   * The position of the deepest node of `path` that exists (a missing key points at its map). With
   * `key`, a path ending in a map key points at the key itself (an unknown field, an action name).
   */
  at(path: Path, key = false): { line: number; col: number } {
    const last = path[path.length - 1];
    if (key && typeof last === 'string') {
      const parent = this.doc.getIn(path.slice(0, -1), true);
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
        const range = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
        if (range) return this.lines.linePos(range[0]);
      }
    }
    for (let n = path.length; n >= 0; n--) {
      const node = this.doc.getIn(path.slice(0, n), true) as
        { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) {
        const { line, col } = this.lines.linePos(node.range[0]);
        return { line, col };
      }
    }
    return { line: 1, col: 1 };
  }

  problem(
    code: ScenarioProblem['code'],
    path: Path,
    message: string,
    extra: Partial<ScenarioProblem> = {},
    onKey = false,
  ): ScenarioProblem {
    return { code, file: this.file, ...this.at(path, onKey), message, ...extra };
  }
}

/** Positions in a scenario's text, for problems found after loading (static checks, runs). */
export function locatorFor(text: string, file: string): Locator {
  const lines = new LineCounter();
  return new Locator(parseDocument(text, { lineCounter: lines }), lines, file);
}

function where(path: Path): string {
  return (
    path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
      .join('')
      .replace(/^\./, '') || 'the scenario'
  );
}

function valueAt(root: unknown, path: Path): unknown {
  let cur = root;
  for (const p of path)
    cur =
      cur !== null && typeof cur === 'object'
        ? (cur as Record<string | number, unknown>)[p]
        : undefined;
  return cur;
}

/** zod issues, as people read them. */
function issueProblems(
  loc: Locator,
  root: unknown,
  issues: z.core.$ZodIssue[],
  base: Path,
  code: ScenarioProblem['code'],
): ScenarioProblem[] {
  const out: ScenarioProblem[] = [];
  for (const issue of issues) {
    const path = [...base, ...(issue.path as Path)];
    const found = describeValue(valueAt(root, path));
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys)
          out.push(
            loc.problem(code, [...path, key], `unknown field "${key}" in ${where(path)}`, {}, true),
          );
        break;
      case 'invalid_type':
        out.push(
          loc.problem(
            code,
            path,
            found === 'nothing' ? `${where(path)} is required` : `wrong type for ${where(path)}`,
            { expected: issue.expected, found },
          ),
        );
        break;
      case 'invalid_value':
        out.push(
          loc.problem(code, path, `wrong value for ${where(path)}`, {
            expected: `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
            found,
          }),
        );
        break;
      case 'invalid_format':
        out.push(
          loc.problem(code, path, `wrong format for ${where(path)}`, {
            expected:
              issue.message !== 'Invalid input'
                ? issue.message
                : `text matching ${'pattern' in issue ? String(issue.pattern) : issue.format}`,
            found,
          }),
        );
        break;
      case 'too_big':
      case 'too_small':
        out.push(
          loc.problem(
            code,
            path,
            `${where(path)} is too ${issue.code === 'too_big' ? 'large' : 'small'}`,
            {
              expected: `${issue.code === 'too_big' ? 'at most' : 'at least'} ${String(issue.code === 'too_big' ? issue.maximum : issue.minimum)}${issue.origin === 'array' ? ' items' : issue.origin === 'string' ? ' characters' : ''}`,
              found,
            },
          ),
        );
        break;
      case 'invalid_union':
        out.push(loc.problem(code, path, `wrong value for ${where(path)}`, { found }));
        break;
      default:
        out.push(loc.problem(code, path, `${where(path)}: ${issue.message}`, { found }));
    }
  }
  return out;
}

function depthOf(value: unknown, depth = 0): number {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return depth;
  let max = depth;
  for (const v of Object.values(value)) max = Math.max(max, depthOf(v, depth + 1));
  return max;
}

/** Every duration a scenario asks the clock to spend (waits and fault windows), in ms. */
function virtualTime(scenario: Scenario): number {
  let total = 0;
  for (const step of scenario.steps) {
    for (const action of step.do ?? []) {
      if ('wait' in action) total += parseDuration(action.wait) ?? 0;
    }
  }
  return total;
}

const SET_SCHEMAS = { devops: z.partial(devopsLaneSchema), gitops: z.partial(gitopsLaneSchema) };

export function checkAction(
  loc: Locator,
  root: unknown,
  raw: Record<string, unknown>,
  path: Path,
): { action?: Action; problems: ScenarioProblem[] } {
  const keys = Object.keys(raw);
  if (keys.length !== 1) {
    return {
      problems: [
        loc.problem(
          'E_ACTION',
          path,
          keys.length === 0
            ? 'an empty action'
            : `an action has exactly one key, this one has ${keys.length}`,
          { expected: `one of ${ACTION_NAMES.join(', ')}`, found: keys.join(', ') || 'nothing' },
        ),
      ],
    };
  }
  const name = keys[0]!;
  if (!(ACTION_NAMES as string[]).includes(name)) {
    return {
      problems: [
        loc.problem(
          'E_ACTION',
          [...path, name],
          `unknown action "${name}"`,
          { expected: `one of ${ACTION_NAMES.join(', ')}`, found: name },
          true,
        ),
      ],
    };
  }
  const result = ACTIONS[name as ActionName].safeParse(raw[name]);
  if (!result.success)
    return { problems: issueProblems(loc, root, result.error.issues, [...path, name], 'E_ACTION') };
  if (name === 'set') {
    const { lane, ...options } = result.data as { lane: 'devops' | 'gitops' };
    const check = SET_SCHEMAS[lane].safeParse(options);
    if (!check.success)
      return {
        problems: issueProblems(loc, root, check.error.issues, [...path, name], 'E_OPTION'),
      };
  }
  if (name === 'pr') {
    const pr = result.data as Record<string, unknown>;
    const parts = Object.keys(pr).filter((k) => pr[k] !== undefined);
    if (parts.length !== 1)
      return {
        problems: [
          loc.problem('E_ACTION', [...path, name], 'a pr action does one thing', {
            expected: 'one of open, approve, merge',
            found: parts.join(', ') || 'nothing',
          }),
        ],
      };
  }
  return { action: { [name]: result.data } as Action, problems: [] };
}

/**
 * Text to Scenario. `file` names the source in messages; `expectedId`, when given (the file's
 * name), must equal the scenario's id. Throws ScenarioError with every problem found.
 */
export function loadScenario(text: string, file: string, expectedId?: string): Scenario {
  if (text.length > MAX_BYTES) {
    throw new ScenarioError([
      {
        code: 'E_TOO_LARGE',
        file,
        line: 1,
        col: 1,
        message: `scenario files are limited to 1 MiB`,
        expected: `at most ${MAX_BYTES} bytes`,
        found: `${text.length}`,
      },
    ]);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const loc = new Locator(doc, lines, file);
  if (doc.errors.length > 0) {
    throw new ScenarioError(
      doc.errors.map((e) => ({
        code: 'E_YAML',
        file,
        ...lines.linePos(e.pos[0]),
        message: e.message.split('\n')[0]!,
      })),
    );
  }
  // Refused before toJS: zod would drop a `__proto__:` key without a word.
  const unsafe = unsafeYamlKeys(doc);
  if (unsafe.length > 0)
    throw new ScenarioError(
      unsafe.map(({ key, offset }) => {
        const at = lines.linePos(offset);
        return { code: 'E_UNSAFE_KEY', file, ...at, message: unsafeKeyMessage(key) };
      }),
    );
  let root: unknown;
  try {
    // toJS expands aliases; maxAliasCount bounds the expansion (an alias bomb is refused here).
    root = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new ScenarioError([
      {
        code: 'E_YAML',
        file,
        line: 1,
        col: 1,
        message: `YAML could not be read: ${e instanceof Error ? e.message : String(e)}`,
      },
    ]);
  }
  if (depthOf(root) > MAX_DEPTH)
    throw new ScenarioError([
      {
        code: 'E_YAML',
        file,
        line: 1,
        col: 1,
        message: `YAML nested deeper than ${MAX_DEPTH} levels`,
      },
    ]);
  const parsed = rawScenarioSchema.safeParse(root);
  if (!parsed.success)
    throw new ScenarioError(issueProblems(loc, root, parsed.error.issues, [], 'E_SCHEMA'));

  const raw = parsed.data;
  const problems: ScenarioProblem[] = [];
  const steps = raw.steps.map((step, i) => {
    const actions: Action[] = [];
    (step.do ?? []).forEach((a, j) => {
      const checked = checkAction(loc, root, a, ['steps', i, 'do', j]);
      problems.push(...checked.problems);
      if (checked.action) actions.push(checked.action);
    });
    const { do: _raw, task: _task, ...rest } = step;
    const guided = loadGuidedStep(loc, root, step, i, problems, checkAction);
    return { ...rest, ...(step.do ? { do: actions } : {}), ...guided };
  });
  if (expectedId !== undefined && raw.id !== expectedId) {
    problems.push(
      loc.problem('E_ID_MISMATCH', ['id'], `the id must equal the file name`, {
        expected: JSON.stringify(expectedId),
        found: JSON.stringify(raw.id),
      }),
    );
  }
  if ((raw.repo.files === undefined) === (raw.repo.dir === undefined)) {
    problems.push(
      loc.problem('E_SCHEMA', ['repo'], 'repo needs either files or dir', {
        expected: 'files: {path: content} or dir: ./folder',
        found: describeValue(raw.repo),
      }),
    );
  }
  const scenario: Scenario = { ...raw, steps };
  const total = virtualTime(scenario);
  if (total > MAX_VIRTUAL_MS) {
    problems.push(
      loc.problem(
        'E_DURATION_LIMIT',
        ['steps'],
        'a scenario may span at most 30 days of virtual time',
        { expected: 'at most 30d', found: `${Math.round(total / 86_400_000)}d` },
      ),
    );
  }
  if (problems.length > 0) throw new ScenarioError(problems);
  return scenario;
}
