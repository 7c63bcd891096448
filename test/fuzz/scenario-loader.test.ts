// Fuzzing the scenario loader: random text, random YAML values, the library scenarios with their
// text mutated (characters flipped, inserted, deleted; lines duplicated, swapped, re-indented) or
// one value swapped for a random one, and hostile inputs. loadScenario either returns a Scenario or
// throws a ScenarioError whose every problem has a stable code and a position; staticCheck never
// throws on what loads; a sample of the mutated scenarios that still load run to the end without
// anything thrown out of the runner; and a session in progress is left as it was (its report).
import '../../src/platform/node';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DirError, librarySources, readDir } from '../../src/cli/library';
import {
  loadScenario,
  MAX_VIRTUAL_MS,
  ScenarioError,
  ScenarioRun,
  type Scenario,
  type ScenarioErrorCode,
} from '../../src/sim/scenario';
import { parseDuration } from '../../src/sim/clock';
import { buildReport } from '../../src/sim/scenario/report';
import { staticCheck } from '../../src/sim/scenario/static-check';
import { PROPERTY_SEED, runs, timeoutFor } from '../properties/property-config';
import { mutated, Tally } from './mutate';

const CODES = new Set<ScenarioErrorCode>([
  'E_TOO_LARGE',
  'E_YAML',
  'E_SCHEMA',
  'E_ACTION',
  'E_DURATION_LIMIT',
  'E_ID_MISMATCH',
  'E_DIR',
  'E_PATCH',
  'E_TAG',
  'E_OPTION',
  'E_LIMIT',
  'E_PATH',
  'E_RUNTIME',
  'E_UNSAFE_KEY',
  'E_TASK',
  'E_QUESTION',
]);
const FILE = 'fuzz.yaml';
const sources = librarySources();
const texts = sources.map((s) => s.text);
const RUNS = runs(300);
const tally = new Tally();

/** Loads `text`; a refusal must be a ScenarioError with coded, located problems. */
function load(text: string): Scenario | null {
  try {
    return loadScenario(text, FILE);
  } catch (e) {
    if (!(e instanceof ScenarioError))
      throw new Error(
        `loadScenario threw ${String(e)} (not a ScenarioError) for ${JSON.stringify(text.slice(0, 300))}`,
        { cause: e },
      );
    expect(CODES.has(e.code)).toBe(true);
    expect(e.problems.length).toBeGreaterThan(0);
    for (const p of e.problems) {
      expect(CODES.has(p.code)).toBe(true);
      expect(p.file).toBe(FILE);
      expect(Number.isInteger(p.line) && p.line >= 1).toBe(true);
      expect(Number.isInteger(p.col) && p.col >= 1).toBe(true);
      expect(typeof p.message === 'string' && p.message.length > 0).toBe(true);
    }
    return null;
  }
}

/** repo.dir read as the CLI reads it: a refusal is a DirError with its code, never anything else. */
function dirOf(scenario: Scenario): Record<string, string> | null {
  if (scenario.repo.dir === undefined) return null;
  try {
    return readDir(sources[0]!.file, scenario.repo.dir);
  } catch (e) {
    if (!(e instanceof DirError)) throw e;
    expect(e.code).toBe('E_DIR');
    return null;
  }
}

/**
 * What `sim validate` does with `text`: the Scenario when it is valid, null when it is refused
 * (with coded, located problems). Nothing else may come out: no internal error.
 */
function check(what: string, text: string): Scenario | null {
  tally.add(what);
  const scenario = load(text);
  if (!scenario) return null;
  tally.add(`of which loaded`);
  const problems = staticCheck(scenario, text, FILE, dirOf(scenario));
  for (const p of problems) expect(CODES.has(p.code)).toBe(true);
  if (problems.length > 0) return null;
  tally.add(`of which valid`);
  return scenario;
}

// ---- structured mutation: one value of a library scenario replaced or removed -------------------

type Path = (string | number)[];

function pathsOf(value: unknown, base: Path = [], out: Path[] = []): Path[] {
  out.push(base);
  if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value))
      pathsOf(v, [...base, Array.isArray(value) ? Number(k) : k], out);
  return out;
}

function replaceAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let cur = copy;
  for (const seg of path.slice(0, -1)) cur = cur[seg] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(cur)) cur.splice(Number(last), 1);
    else delete cur[last];
  } else cur[last] = value;
  return copy;
}

const parsedLibrary = texts.map((t) => parse(t) as unknown);
const replacement = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    '',
    '0s',
    '1000d',
    '-5m',
    'both',
    'HEAD~99',
    'kubectl',
    -1,
    2 ** 31,
    Infinity,
    null,
  ),
);
const structurallyMutated = fc
  .tuple(fc.nat(parsedLibrary.length - 1), fc.nat(), replacement)
  .map(([i, at, value]) => {
    const root = parsedLibrary[i]!;
    const paths = pathsOf(root);
    return stringify(replaceAt(root, paths[at % paths.length]!, value)) ?? '';
  });

// ---- running what still loads --------------------------------------------------------------------

const MAX_RUN_MS = 2 * 3_600_000;
const virtualMs = (s: Scenario) =>
  s.steps
    .flatMap((st) => st.do ?? [])
    .reduce((t, a) => t + ('wait' in a ? (parseDuration(a.wait) ?? 0) : 0), 0);

async function runToEnd(scenario: Scenario): Promise<void> {
  tally.add('runs of mutated scenarios that still load');
  const dirFiles = scenario.repo.dir ? (dirOf(scenario) ?? {}) : undefined;
  const run = await ScenarioRun.start(scenario, dirFiles ? { dirFiles } : {});
  // A task whose mutated solution no longer reaches its goal stops the run there (as in the app).
  await run.runUntil(scenario.steps.length, { solveTasks: true });
  if (run.nextStep?.kind !== 'task') expect(run.results).toHaveLength(scenario.steps.length);
}

describe('fuzzing the scenario loader', () => {
  it(
    'refuses random text with coded, located problems',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ maxLength: 400 })),
          (text) => {
            check('random strings', text);
          },
        ),
        { seed: PROPERTY_SEED, numRuns: RUNS },
      );
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
          check('random YAML values', stringify(value));
        }),
        { seed: PROPERTY_SEED, numRuns: RUNS },
      );
    },
    timeoutFor(RUNS * 2, 5),
  );

  it(
    'refuses mutations of the library scenarios, and what validate accepts runs without internal errors',
    async () => {
      let ran = 0;
      // Running a scenario costs a second or so: a sample of what still loads is run.
      const budget = Math.max(4, Math.round(RUNS / 100));
      // A session in progress, as in the app when someone imports a file: refusals leave it be.
      const session = await ScenarioRun.start(loadScenario(texts[0]!, sources[0]!.file));
      await session.runUntil(2);
      const report = JSON.stringify(await buildReport(session));
      await fc.assert(
        fc.asyncProperty(fc.oneof(mutated(texts), structurallyMutated), async (text) => {
          const scenario = check('mutated library scenarios', text);
          if (!scenario) return;
          // No internal errors: what validate accepts starts (the repository is made, the lanes
          // are set up) without anything thrown, and a sample runs to its end.
          if (ran < budget && virtualMs(scenario) <= MAX_RUN_MS) {
            ran++;
            await runToEnd(scenario);
          } else {
            const dirFiles = scenario.repo.dir ? (dirOf(scenario) ?? {}) : undefined;
            await ScenarioRun.start(scenario, dirFiles ? { dirFiles } : {});
            tally.add('starts of mutated scenarios that validate accepts');
          }
        }),
        { seed: PROPERTY_SEED, numRuns: RUNS },
      );
      expect(JSON.stringify(await buildReport(session))).toBe(report);
    },
    timeoutFor(RUNS, 60),
  );

  it('refuses hostile scenarios quickly', () => {
    const base = parse(texts[0]!) as Record<string, unknown>;
    let deep = '{}';
    for (let i = 0; i < 200; i++) deep = `{a: ${deep}}`;
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`,
      );
    const hostile: Record<string, string> = {
      'over 1 MiB': `# ${'x'.repeat(1024 * 1024)}\n`,
      'a million steps': `id: many\ntitle: t\nrepo: {files: {}}\nsteps:\n${'  - {title: s, do: [{wait: 1s}]}\n'.repeat(1_000_000)}`,
      '1,001 steps': `id: many\ntitle: t\nrepo: {files: {}}\nsteps: [${Array(1_001).fill('{title: s}').join(', ')}]\n`,
      'a 100-year wait': stringify({
        ...base,
        steps: [{ title: 'wait', do: [{ wait: '36500d' }] }],
      }),
      'deep nesting': `id: deep\ntitle: t\nrepo: ${deep}\nsteps: []\n`,
      'an alias bomb': `${bomb.join('\n')}\nid: bomb\ntitle: t\nrepo: {files: {}}\nsteps: [{title: s}]\n`,
      'a NUL byte': `id: nul\0\ntitle: t\n`,
    };
    // A hang fails by the test's timeout: no wall-clock assertion (the machine is shared).
    for (const [what, text] of Object.entries(hostile))
      expect(check(`hostile (${what})`, text), what).toBeNull();
    // A byte-order mark is allowed by YAML: the scenario behind it loads as without it.
    expect(check('a BOM', `\ufeff${texts[0]}`)).toEqual(load(texts[0]!));
    expect(MAX_VIRTUAL_MS).toBeLessThan(36_500 * 86_400_000);
  }, 60_000);

  it('reports the count', () => {
    console.log(`scenario loader fuzz: ${tally.total} inputs (${tally.toString()})`);
    expect(tally.total).toBeGreaterThan(0);
  });
});
