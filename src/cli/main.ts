// The headless runner: `npm run sim -- list | validate <file> | run <file|id> [--seed N] [--json]
// [--until-step K] [--export-repo DIR]`. Exit 0 when every expectation held, 1 when one failed,
// 2 for invalid input. Never a stack trace: problems are printed as file:line:col messages.
import '../platform/node';
import { existsSync } from 'node:fs';
import { isCodedError } from '../sim/coded-error';
import { exportToDirectory } from '../sim/git/export-node';
import { formatProblem, isScenarioError, ScenarioRun } from '../sim/scenario';
import { MAX_SEED } from '../sim/scenario/limits';
import { buildReport } from '../sim/scenario/report';
import { playWithSolutions, proofOk, proofProblems } from '../sim/scenario/task-proof';
import { checkExportTarget, ExportTargetError } from './export-target';
import { narrationLines } from './lesson-report';
import { findScenario, LESSONS_INDEX } from './library';
import { listLibrary, validateLessons } from './path';
import { validateSource } from './validate-source';
import { renderText } from './text-report';

const USAGE = `usage: npm run sim -- <command>

  list                                  the lessons in the order of their path, then the rest
  validate <file>                       check a scenario (exit 0 valid, 2 invalid); a lesson with
                                        tasks is played to prove each task's solution
  run <file|id> [--seed N] [--json] [--narrate] [--until-step K] [--export-repo DIR]
                                        run it, solving each task with its solution; exit 0 when
                                        every expectation held and every task proved, 1 otherwise;
                                        --narrate adds what happened on each lane in each step`;

class UsageError extends Error {}

/** The scenario file being validated or run, named when a refusal escapes the checks. */
let running: string | null = null;

/** A refusal of the simulation (a ClusterError, a git RefNotFoundError, ...): its stable code. */
function refusalCode(e: unknown): string | null {
  return isCodedError(e) ? e.code : null;
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
  args.splice(i, 2);
  return value;
}

function integer(
  text: string | undefined,
  name: string,
  min: number,
  max: number,
): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max)
    throw new UsageError(`${name} takes a whole number from ${min} to ${max}, not "${text}"`);
  return Number(text);
}

async function run(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'list') {
    for (const line of listLibrary()) console.log(line);
    return 0;
  }
  if (command === 'validate' || command === 'run') {
    const opts = [...rest];
    const seed =
      command === 'run' ? integer(flag(opts, '--seed'), '--seed', 0, MAX_SEED) : undefined;
    const until =
      command === 'run'
        ? integer(flag(opts, '--until-step'), '--until-step', 1, Number.MAX_SAFE_INTEGER)
        : undefined;
    const exportDir = command === 'run' ? flag(opts, '--export-repo') : undefined;
    // Refused before the run, not after it: a file, or a folder with something in it.
    if (exportDir !== undefined) checkExportTarget(exportDir);
    const json = opts.includes('--json');
    const narrate = command === 'run' && opts.includes('--narrate');
    const positional = opts.filter((o) => o !== '--json' && !(narrate && o === '--narrate'));
    if (positional.length !== 1)
      throw new UsageError(
        `${command} takes one scenario${positional.length > 1 ? `, not ${positional.length}` : ''}`,
      );
    const unknown = positional.find((o) => o.startsWith('--'));
    if (unknown) throw new UsageError(`unknown option ${unknown}`);
    if (positional[0]!.endsWith(LESSONS_INDEX) && existsSync(positional[0]!)) {
      if (command === 'run')
        throw new UsageError(`${LESSONS_INDEX} is the path through the library, not a scenario`);
      const problems = validateLessons(positional[0]!);
      for (const p of problems) console.error(p);
      if (problems.length === 0) console.log(`${positional[0]}: valid lessons index`);
      return problems.length === 0 ? 0 : 2;
    }
    const source = findScenario(positional[0]!);
    running = source?.file ?? null;
    if (!source) throw new UsageError(`no scenario file or library id "${positional[0]}"`);
    const { scenario, dirFiles, problems } = validateSource(source);
    if (problems.length > 0) {
      for (const p of problems) console.error(formatProblem(p));
      return 2;
    }
    if (command === 'validate' && scenario.steps.some((s) => s.task)) {
      const proving = await ScenarioRun.start(scenario, dirFiles ? { dirFiles } : {});
      const failures = proofProblems(
        await playWithSolutions(proving, scenario.steps.length),
        source.text,
        source.file,
      );
      for (const p of failures) console.error(formatProblem(p));
      if (failures.length > 0) return 2;
    }
    if (command === 'validate') {
      console.log(`${source.file}: valid (${scenario.steps.length} steps)`);
      return 0;
    }
    if (until !== undefined && until > scenario.steps.length)
      throw new UsageError(
        `--until-step ${until}: the scenario has ${scenario.steps.length} steps`,
      );
    const runner = await ScenarioRun.start(scenario, {
      ...(seed !== undefined ? { seed } : {}),
      ...(dirFiles ? { dirFiles } : {}),
    });
    const target = until ?? scenario.steps.length;
    const proofs = await playWithSolutions(runner, target);
    const report = await buildReport(runner, proofs);
    if (exportDir !== undefined) {
      checkExportTarget(exportDir);
      await exportToDirectory(runner.sandbox.repo, exportDir);
      if (!json) console.error(`repository written to ${exportDir}`);
    }
    console.log(json ? JSON.stringify(report) : renderText(report));
    if (narrate && !json)
      console.log(
        [
          '',
          'What happened',
          ...narrationLines(runner.results, runner.sandbox.audit.records()),
        ].join('\n'),
      );
    const complete = runner.stepsDone === target && proofs.every(proofOk);
    return complete && report.steps.every((s) => s.expectations.every((e) => e.ok)) ? 0 : 1;
  }
  throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
}

async function main(): Promise<void> {
  let code: number;
  try {
    code = await run(process.argv.slice(2));
  } catch (e) {
    if (isScenarioError(e)) {
      for (const p of e.problems) console.error(formatProblem(p));
      code = 2;
    } else if (e instanceof UsageError) {
      console.error(`error: ${e.message}\n\n${USAGE}`);
      code = 2;
    } else if (e instanceof ExportTargetError) {
      console.error(`error: ${e.code}: ${e.message}`);
      code = 2;
    } else if (refusalCode(e) !== null) {
      // Input that `validate` should have refused: still the input's fault, said as such.
      console.error(`${running ?? 'error'}:1:1: ${(e as Error).message} (${refusalCode(e)})`);
      code = 2;
    } else {
      console.error(`error: internal: ${e instanceof Error ? e.message : String(e)}`);
      code = 1;
    }
  }
  // lightning-fs keeps a short idle timer alive; the answer is ready, so leave now.
  process.stdout.write('', () => process.exit(code));
}

await main();
