// What `sim validate` refuses in a lesson's guided steps, each at file:line with its code.
import { describe, expect, it } from 'vitest';
import { isScenarioError } from './errors';
import { loadScenario } from './load';

const head = `id: guided
title: Guided
repo: { files: { web.yaml: "kind: ConfigMap" } }
steps:
`;

const problemsOf = (steps: string) => {
  try {
    loadScenario(head + steps, 'guided.yaml', 'guided');
    return [];
  } catch (e) {
    if (!isScenarioError(e)) throw e;
    return e.problems.map((p) => `${p.code} ${p.line}: ${p.message}`);
  }
};

describe('loading guided steps', () => {
  it.each([
    [
      'a task without a goal',
      `  - title: t\n    task:\n      goal: words only\n`,
      'E_TASK 6: a task needs a goal that can be checked',
    ],
    [
      'a task with scripted actions',
      `  - title: t\n    do: [{ wait: 1m }]\n    task:\n      goal: g\n      expect: [{ lane: gitops, sync: Synced }]\n`,
      'E_TASK 6: a task has no scripted actions: the learner acts',
    ],
    [
      'a wrong action in a solution',
      `  - title: t\n    task:\n      goal: g\n      expect: [{ lane: gitops, sync: Synced }]\n      solution: [{ teleport: now }]\n`,
      'E_ACTION 9: unknown action "teleport"',
    ],
    [
      'a constraint that checks nothing',
      `  - title: t\n    task:\n      goal: g\n      expect: [{ lane: gitops, sync: Synced }]\n      constraints: [{ text: be nice }]\n`,
      'E_TASK 9: a constraint checks nothing',
    ],
    [
      'an answer out of range',
      `  - title: q\n    question: { ask: a, choices: [x, y], answer: 2, why: w }\n    do: [{ wait: 1m }]\n`,
      'E_QUESTION 6: the answer is not one of the choices',
    ],
    [
      'a question with one choice',
      `  - title: q\n    question: { ask: a, choices: [x], answer: 0, why: w }\n`,
      'E_SCHEMA 6',
    ],
  ])('refuses %s', (_what, steps, problem) => {
    expect(problemsOf(steps).join('\n')).toContain(problem);
  });

  it('loads a task with its solution as actions', () => {
    const s = loadScenario(
      head +
        `  - title: t\n    task:\n      goal: g\n      expect: [{ lane: gitops, sync: Synced }]\n      solution: [{ wait: 1m }]\n`,
      'guided.yaml',
    );
    expect(s.steps[0]?.task).toEqual({
      goal: 'g',
      expect: [{ lane: 'gitops', sync: 'Synced' }],
      solution: [{ wait: '1m' }],
    });
  });
});
