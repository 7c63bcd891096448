// `sim list`: the library along its path (scenarios/lessons.yaml), track by track, then whatever
// lies outside the path (free play, a scenario not placed yet).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatProblem, isScenarioError, loadScenario, type Scenario } from '../sim/scenario';
import {
  lessonsInOrder,
  lessonsVersusLibrary,
  loadLessons,
  type LessonIndex,
} from '../sim/scenario/lessons';
import { LESSONS_INDEX, LIBRARY, librarySources } from './library';

export function readLessons(): LessonIndex | null {
  const file = join(LIBRARY, LESSONS_INDEX);
  return existsSync(file) ? loadLessons(readFileSync(file, 'utf8'), file) : null;
}

const guided = (s: Scenario) => {
  const tasks = s.steps.filter((st) => st.task).length;
  const questions = s.steps.filter((st) => st.question).length;
  return [
    tasks && `${tasks} task${tasks > 1 ? 's' : ''}`,
    questions && `${questions} question${questions > 1 ? 's' : ''}`,
  ]
    .filter(Boolean)
    .join(', ');
};

export function listLibrary(): string[] {
  const scenarios = new Map<string, Scenario | string>();
  for (const s of librarySources()) {
    try {
      scenarios.set(s.id, loadScenario(s.text, s.file, s.id));
    } catch (e) {
      if (!isScenarioError(e)) throw e;
      scenarios.set(
        s.id,
        `(invalid: ${e.problems[0] ? formatProblem(e.problems[0]) : 'unreadable'})`,
      );
    }
  }
  const line = (id: string, text: string) => `${id.padEnd(28)} ${text}`;
  const describe = (id: string, extra = ''): string[] => {
    const s = scenarios.get(id);
    if (s === undefined) return [line(id, '(no such scenario)')];
    if (typeof s === 'string') return [line(id, s)];
    const g = guided(s);
    return [
      line(id, `${s.title}${g ? ` [${g}]` : ''}`),
      ...(extra ? [`${' '.repeat(29)}${extra}`] : []),
    ];
  };
  const out: string[] = [];
  const index = readLessons();
  let n = 0;
  for (const track of index?.tracks ?? []) {
    out.push(`${track.title}`);
    for (const lesson of track.lessons)
      out.push(
        ...describe(lesson.id, `${++n}. ${lesson.learn} (${lesson.minutes} min)`).map(
          (l) => `  ${l}`,
        ),
      );
    out.push('');
  }
  const placed = new Set(index ? lessonsInOrder(index).map((l) => l.id) : []);
  const rest = [...scenarios.keys()].filter((id) => !placed.has(id));
  if (rest.length > 0) {
    out.push(index ? 'Outside the path' : 'Scenarios');
    for (const id of rest) {
      const s = scenarios.get(id);
      out.push(
        ...describe(id, typeof s === 'object' ? (s.summary ?? '') : '').map((l) => `  ${l}`),
      );
    }
  }
  return out;
}

/** `sim validate scenarios/lessons.yaml`: the index loads, and it fits the library. */
export function validateLessons(file: string): string[] {
  const index = loadLessons(readFileSync(file, 'utf8'), file);
  return lessonsVersusLibrary(
    index,
    librarySources().map((s) => s.id),
  ).map((p) => `${file}: ${p}`);
}
