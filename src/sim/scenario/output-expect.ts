// The `output:` expectation: what a console line printed. Each step keeps the output of its own
// lines (its `run` and `kubectl` actions; in a task, the learner's lines since the task began), so
// `of: pods` names the step's `run` with id `pods`, and `of: last` its latest line.
import type { ConsoleOutput } from '../console-line';
import { someLineMatches } from './safe-pattern';
import type { Expectation, OutputExpectation, Task } from './schema';

/** A table's padding is not what a learner reads: lines compare without trailing spaces. */
const linesOf = (text: string) => {
  const lines = text.split('\n').map((l) => l.trimEnd());
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines;
};

const quoteShort = (text: string, max = 120) =>
  JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);

/** The output `of` names: the latest line with that id, or the latest line of all. */
export function outputOf(
  o: OutputExpectation,
  outputs: readonly ConsoleOutput[],
): ConsoleOutput | undefined {
  return [...outputs].reverse().find((out) => o.of === 'last' || out.id === o.of);
}

/** The check's terse label, as report lines name checks ("output of pods contains ..."). */
export function outputLabel(o: OutputExpectation): string {
  const what = `output of ${o.of}`;
  if (o.contains !== undefined) return `${what} contains ${JSON.stringify(o.contains)}`;
  if (o.matches !== undefined) return `${what} has a line matching /${o.matches}/`;
  return `${what} is ${JSON.stringify(o.lines)}`;
}

/** The check of an output expectation: [label, ok, what was found]. */
export function checkOutput(
  o: OutputExpectation,
  outputs: readonly ConsoleOutput[],
): [string, boolean, string] {
  const label = outputLabel(o);
  const out = outputOf(o, outputs);
  if (!out) return [label, false, o.of === 'last' ? 'no command ran' : `no command "${o.of}" ran`];
  const ok =
    o.contains !== undefined
      ? out.output.includes(o.contains)
      : o.matches !== undefined
        ? someLineMatches(o.matches, out.output)
        : JSON.stringify(linesOf(out.output)) === JSON.stringify(o.lines!.map((l) => l.trimEnd()));
  return [label, ok, `${quoteShort(out.output)} from ${out.line}`];
}

/** The expectation as a clause of a sentence: "the last command printed "Synced"". */
export function describeOutput(o: OutputExpectation): string {
  const who = o.of === 'last' ? 'the last command' : `the command ${o.of}`;
  if (o.contains !== undefined) return `${who} printed ${JSON.stringify(o.contains)}`;
  if (o.matches !== undefined) return `${who} printed a line matching /${o.matches}/`;
  const lines = o.lines!;
  return lines.length === 0
    ? `${who} printed nothing`
    : `${who} printed exactly ${lines.map((l) => JSON.stringify(l)).join(', ')}`;
}

/** Whether a task's goal reads what the learner's lines printed (then the app records them all). */
export function taskReadsOutput(task: Pick<Task, 'expect'> | undefined): boolean {
  return (task?.expect ?? []).some((e: Expectation) => e.output !== undefined);
}
