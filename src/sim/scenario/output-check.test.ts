// `sim validate` refuses an `output:` that names a line its step does not run, at file:line:col.
import { describe, expect, it } from 'vitest';
import { loadScenario } from './load';
import { tinyScenario } from './fixtures';
import { staticCheck } from './static-check';

const problems = (steps: string) => {
  const text = tinyScenario({ id: 'tiny-check', title: 'Check' }, steps);
  return staticCheck(loadScenario(text, 'tiny-check.yaml'), text, 'tiny-check.yaml').map(
    (p) => `${p.file}:${p.line}:${p.col}: ${p.code} ${p.message}`,
  );
};

describe('output expectations in validate', () => {
  it('accept an id a run of the same step has, and last after any console line', () => {
    expect(
      problems(`  - title: look
    do:
      - kubectl: { lane: gitops, run: "get pods" }
      - run: { lane: gitops, line: "get deploy", id: deploy }
    expect:
      - output: { of: deploy, contains: web }
      - output: { of: last, contains: web }
`),
    ).toEqual([]);
  });

  it.each([
    [
      'an id no run of the step has (one of an earlier step)',
      `  - title: one
    do: [{ run: { lane: gitops, line: "get pods", id: pods } }]
  - title: two
    do: [{ run: { lane: gitops, line: "get deploy", id: deploy } }]
    expect:
      - output: { of: pods, contains: web }
`,
      'tiny-check.yaml:22:23: E_OUTPUT output of "pods", which no run of this step has as id',
    ],
    [
      'last in a step that runs no line',
      `  - title: quiet
    do: [{ wait: 1m }]
    expect:
      - output: { of: last, contains: web }
`,
      'tiny-check.yaml:20:23: E_OUTPUT output of last, but this step runs no console line',
    ],
    [
      'a second run with the same id',
      `  - title: twice
    do:
      - run: { lane: gitops, line: "get pods", id: pods }
      - run: { lane: devops, line: "get pods", id: pods }
`,
      'tiny-check.yaml:20:52: E_OUTPUT a second run "pods"',
    ],
    [
      "an id in a task's goal",
      `  - title: task
    task:
      goal: look
      expect: [{ output: { of: pods, contains: web } }]
      solution: [{ run: { lane: gitops, line: "get pods", id: pods } }]
`,
      "tiny-check.yaml:20:32: E_OUTPUT a task's goal reads the learner's lines, which have no id",
    ],
  ])('refuse %s', (_what, steps, problem) => {
    expect(problems(steps)).toEqual([problem]);
  });

  it.each([
    ['{ of: last }', /one of contains, matches or lines/],
    ['{ of: last, contains: a, lines: [a] }', /one of contains, matches or lines/],
    ['{ of: last, matches: "(a+)+" }', /group that repeats/],
    ['{ of: Last, contains: a }', /a run id of this step, or last/],
  ])('the schema refuses output %s', (output, message) => {
    const text = tinyScenario(
      { id: 'tiny-schema', title: 'Schema' },
      `  - title: look
    do: [{ run: { lane: gitops, line: "get pods" } }]
    expect: [{ output: ${output} }]
`,
    );
    expect(() => loadScenario(text, 'tiny-schema.yaml')).toThrow(message);
  });

  it('the schema refuses a run id "last"', () => {
    const text = tinyScenario(
      { id: 'tiny-last', title: 'Last' },
      `  - title: look
    do: [{ run: { lane: gitops, line: "get pods", id: last } }]
`,
    );
    expect(() => loadScenario(text, 'tiny-last.yaml')).toThrow(/"last" means the last line/);
  });
});
