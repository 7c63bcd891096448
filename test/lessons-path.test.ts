// scenarios/lessons.yaml against the library: every lesson names a scenario, every scenario but
// free play is on the path once, and the library holds the guided content issue 13 asks for.
import '../src/platform/node';
import { describe, expect, it } from 'vitest';
import { librarySources } from '../src/cli/library';
import { readLessons } from '../src/cli/path';
import { loadScenario } from '../src/sim/scenario';
import { lessonsVersusLibrary } from '../src/sim/scenario/lessons';

const scenarios = librarySources().map((s) => loadScenario(s.text, s.file, s.id));

describe('the path through the library', () => {
  it('places every library scenario but free play, each once, and names none that is missing', () => {
    const index = readLessons();
    expect(index).not.toBeNull();
    expect(
      lessonsVersusLibrary(
        index!,
        scenarios.map((s) => s.id),
      ),
    ).toEqual([]);
  });
  it('holds at least 8 tasks, each with hints and a solution, and at least 8 questions', () => {
    const tasks = scenarios.flatMap((s) => s.steps.filter((st) => st.task).map((st) => st.task!));
    const questions = scenarios.flatMap((s) => s.steps.filter((st) => st.question));
    expect(tasks.length).toBeGreaterThanOrEqual(8);
    expect(tasks.filter((t) => !t.solution?.length || !t.hints?.length)).toEqual([]);
    expect(questions.length).toBeGreaterThanOrEqual(8);
  });
});
