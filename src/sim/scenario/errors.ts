// What is wrong with a scenario, where (file:line:col), what was expected and what was found.
// Refusals are data with a stable `code`; nothing in a scenario ever causes a stack trace.
import { CodedError } from '../coded-error';

export type ScenarioErrorCode =
  | 'E_TOO_LARGE'
  | 'E_YAML'
  | 'E_SCHEMA'
  | 'E_ACTION'
  | 'E_DURATION_LIMIT'
  | 'E_ID_MISMATCH'
  | 'E_DIR'
  | 'E_PATCH'
  | 'E_TAG'
  | 'E_OPTION'
  | 'E_LIMIT'
  | 'E_PATH'
  | 'E_RUNTIME'
  /** A key named __proto__, constructor or prototype (src/sim/safe-keys.ts). */
  | 'E_UNSAFE_KEY'
  | 'E_TASK'
  | 'E_QUESTION'
  /** An `output:` expectation naming a line its step does not run. */
  | 'E_OUTPUT'
  | 'E_LESSONS';

export interface ScenarioProblem {
  code: ScenarioErrorCode;
  file: string;
  line: number;
  col: number;
  message: string;
  expected?: string;
  found?: string;
}

/** `message (expected ..., found ...)`: a problem's text without its position. */
export function withDetail(p: Pick<ScenarioProblem, 'message' | 'expected' | 'found'>): string {
  const detail = [p.expected ? `expected ${p.expected}` : '', p.found ? `found ${p.found}` : '']
    .filter(Boolean)
    .join(', ');
  return `${p.message}${detail ? ` (${detail})` : ''}`;
}

export function formatProblem(p: ScenarioProblem): string {
  return `${p.file}:${p.line}:${p.col}: ${withDetail(p)}`;
}

export class ScenarioError extends CodedError<ScenarioErrorCode> {
  constructor(readonly problems: ScenarioProblem[]) {
    super(problems[0]?.code ?? 'E_SCHEMA', problems.map(formatProblem).join('\n'));
  }
}

export function isScenarioError(e: unknown): e is ScenarioError {
  return e instanceof ScenarioError;
}

/** A short, safe rendering of a value a scenario wrote, for "found ..." (never the whole value). */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    return keys.length === 0
      ? 'an empty map'
      : `a map with ${keys.slice(0, 4).join(', ')}${keys.length > 4 ? ', ...' : ''}`;
  }
  // JSON has no NaN or Infinity (it would say null): YAML's .nan and .inf are named.
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
