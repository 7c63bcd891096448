// load -> validate: scenario text to a typed Scenario, or every problem found, each located at
// file:line:col. Limits keep hostile input cheap to refuse (limits.ts): 1 MiB of UTF-8, 1,000
// steps, 30 days of virtual time, 100 YAML aliases, no deeper nesting than a scenario needs, and
// narration no deeper than 64 markdown levels.
import { isMap, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { actionWaitMs } from './action-wait';
import { unsafeKeyMessage, unsafeYamlKeys } from '../safe-keys';
import { checkAction, noApplyInterval } from './action-check';
import { loadGuidedStep } from './task-load';
import { describeValue, ScenarioError, type ScenarioProblem } from './errors';
import { issuesOf, type Issue, type Path } from './issues';
import {
  MAX_ALIASES,
  MAX_BYTES,
  MAX_MARKDOWN_DEPTH,
  MAX_VIRTUAL_MS,
  MAX_YAML_DEPTH,
} from './limits';
import { markdownDepth } from './markdown-depth';
import { scenarioReconciles } from './reconcile-budget';
import { rawScenarioSchema, type Action, type Scenario } from './schema';

export { MAX_BYTES, MAX_VIRTUAL_MS } from './limits';

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

  /**
   * A problem at line `line` of the text value at `path` (a manifest in `repo.files`): a block
   * scalar (`|`) starts on the line after its indicator; any other string points at itself.
   */
  within(
    path: Path,
    line: number,
    code: ScenarioProblem['code'],
    message: string,
  ): ScenarioProblem {
    const node = this.doc.getIn(path, true);
    const at = this.at(path);
    const block = isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED');
    return {
      code,
      file: this.file,
      line: block ? at.line + line : at.line,
      col: block ? 1 : at.col,
      message,
    };
  }

  /** An Issue (a value's problem, by path) at its place in the file. */
  locate(issue: Issue): ScenarioProblem {
    const { code, path, message, onKey, ...extra } = issue;
    return this.problem(code, path, message, extra, onKey);
  }
}

/** Positions in a scenario's text, for problems found after loading (static checks, runs). */
export function locatorFor(text: string, file: string): Locator {
  const lines = new LineCounter();
  return new Locator(parseDocument(text, { lineCounter: lines }), lines, file);
}

/** UTF-8 bytes of `text`, without building them (a lone surrogate is written as U+FFFD). */
function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** The offset of the alias past MAX_ALIASES, or null when there are not that many. */
function extraAlias(doc: Document): number | null {
  let seen = 0;
  let at: number | null = null;
  visit(doc, {
    Alias(_key, node) {
      if (++seen <= MAX_ALIASES) return undefined;
      at = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return at;
}

function depthOf(value: unknown, depth = 0): number {
  if (depth > MAX_YAML_DEPTH || value === null || typeof value !== 'object') return depth;
  let max = depth;
  for (const v of Object.values(value)) max = Math.max(max, depthOf(v, depth + 1));
  return max;
}

/** Every duration a scenario asks the clock to spend (waits and fault windows), in ms. */
function virtualTime(scenario: Scenario): number {
  let total = 0;
  for (const step of scenario.steps) {
    for (const action of step.do ?? []) {
      total += actionWaitMs(action);
    }
  }
  return total;
}

/**
 * Text to Scenario. `file` names the source in messages; `expectedId`, when given (the file's
 * name), must equal the scenario's id. Throws ScenarioError with every problem found.
 */
export function loadScenario(text: string, file: string, expectedId?: string): Scenario {
  const bytes = utf8Length(text);
  if (bytes > MAX_BYTES) {
    throw new ScenarioError([
      {
        code: 'E_TOO_LARGE',
        file,
        line: 1,
        col: 1,
        message: `scenario files are limited to 1 MiB`,
        expected: `at most ${MAX_BYTES} bytes`,
        found: `${bytes} bytes`,
      },
    ]);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const loc = new Locator(doc, lines, file);
  const fail = (message: string, at = 0): never => {
    throw new ScenarioError([{ code: 'E_YAML', file, ...lines.linePos(at), message }]);
  };
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
  const tooMany = extraAlias(doc);
  if (tooMany !== null) fail(`a scenario may use at most ${MAX_ALIASES} YAML aliases`, tooMany);
  let root: unknown;
  try {
    // toJS expands aliases; maxAliasCount bounds the expansion (an alias bomb is refused here).
    // yaml counts the anchor as one use, so MAX_ALIASES aliases of one anchor need one more.
    root = doc.toJS({ maxAliasCount: MAX_ALIASES + 1 });
  } catch (e) {
    fail(`YAML could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (depthOf(root) > MAX_YAML_DEPTH) fail(`YAML nested deeper than ${MAX_YAML_DEPTH} levels`);
  const parsed = rawScenarioSchema.safeParse(root);
  if (!parsed.success)
    throw new ScenarioError(
      issuesOf(root, parsed.error.issues, [], 'E_SCHEMA').map((i) => loc.locate(i)),
    );

  const raw = parsed.data;
  const problems: ScenarioProblem[] = [];
  const steps = raw.steps.map((step, i) => {
    const actions: Action[] = [];
    (step.do ?? []).forEach((a, j) => {
      const checked = checkAction(a, ['steps', i, 'do', j]);
      problems.push(...checked.issues.map((issue) => loc.locate(issue)));
      if (checked.action) actions.push(checked.action);
    });
    if (step.say !== undefined && markdownDepth(step.say) > MAX_MARKDOWN_DEPTH)
      problems.push(
        loc.problem('E_LIMIT', ['steps', i, 'say'], 'narration nests markdown too deeply', {
          expected: `at most ${MAX_MARKDOWN_DEPTH} levels of quotes, lists and emphasis`,
          found: `${markdownDepth(step.say)} levels`,
        }),
      );
    const { do: _raw, task: _task, ...rest } = step;
    const guided = loadGuidedStep(loc, step, i, problems);
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
  const zeroApply = noApplyInterval(raw.lanes?.gitops ?? {}, 'argo');
  if (zeroApply)
    problems.push(loc.locate({ ...zeroApply, path: ['lanes', 'gitops', 'applyInterval'] }));
  const reconciles = scenarioReconciles(scenario, total);
  if (total <= MAX_VIRTUAL_MS && reconciles !== null)
    problems.push(loc.problem('E_DURATION_LIMIT', ['steps'], reconciles));
  if (problems.length > 0) throw new ScenarioError(problems);
  return scenario;
}
