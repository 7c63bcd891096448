import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  formatProblem,
  isScenarioError,
  loadScenario,
  scenarioJsonSchema,
  type ScenarioProblem,
} from '.';
import { SCHEMA_FILE, schemaText } from './json-schema';

const MINIMAL = `id: tiny
title: Tiny
repo:
  files:
    a.yaml: |
      apiVersion: v1
      kind: ConfigMap
      metadata: { name: a }
steps:
  - title: wait
    do:
      - wait: 1m
`;

function problems(text: string, id?: string): ScenarioProblem[] {
  try {
    loadScenario(text, 'scenarios/x.yaml', id);
  } catch (e) {
    if (isScenarioError(e)) return e.problems;
    throw e;
  }
  return [];
}

describe('loading scenarios', () => {
  it('accepts the minimal scenario and fills nothing it was not given', () => {
    const s = loadScenario(MINIMAL, 'x.yaml', 'tiny');
    expect(s.steps[0]!.do).toEqual([{ wait: '1m' }]);
    expect(s.lanes).toBeUndefined();
  });

  it.each<[string, string, Partial<ScenarioProblem> & { at: string }]>([
    ['YAML syntax', MINIMAL.replace('title: Tiny', 'title: [Tiny'), { code: 'E_YAML', at: ':3:' }],
    [
      'an unknown action',
      MINIMAL.replace('- wait: 1m', '- deploy: now'),
      { code: 'E_ACTION', message: 'unknown action "deploy"', at: ':12:9' },
    ],
    [
      'a missing field',
      MINIMAL.replace('title: Tiny\n', ''),
      { code: 'E_SCHEMA', message: 'title is required', at: ':1:1' },
    ],
    [
      'a wrong-typed field',
      MINIMAL.replace('title: Tiny', 'title: 42'),
      { code: 'E_SCHEMA', expected: 'string', found: '42', at: ':2:8' },
    ],
    [
      'wait: 5 minutes',
      MINIMAL.replace('wait: 1m', 'wait: 5 minutes'),
      {
        code: 'E_ACTION',
        expected: 'a duration such as 90s, 3m or 1h',
        found: '"5 minutes"',
        at: ':12:15',
      },
    ],
    [
      'an unknown field',
      MINIMAL.replace('title: Tiny', 'title: Tiny\ncolour: red'),
      { code: 'E_SCHEMA', message: 'unknown field "colour" in the scenario', at: ':3:1' },
    ],
    [
      'a wrong id',
      MINIMAL,
      { code: 'E_ID_MISMATCH', expected: '"other"', found: '"tiny"', at: ':1:5' },
    ],
    [
      'more than 30 days in all',
      MINIMAL.replace('- wait: 1m', '- wait: 16d\n      - wait: 15d'),
      { code: 'E_DURATION_LIMIT', at: ':' },
    ],
    [
      'one wait of more than 30 days',
      MINIMAL.replace('wait: 1m', 'wait: 3650d'),
      { code: 'E_ACTION', expected: 'at most 30d', found: '"3650d"', at: ':12:15' },
    ],
    [
      'an action with two keys',
      MINIMAL.replace('- wait: 1m', '- { wait: 1m, sync: { lane: gitops } }'),
      { code: 'E_ACTION', at: ':12:9' },
    ],
    [
      'an option set on the wrong lane',
      MINIMAL.replace('- wait: 1m', '- set: { lane: devops, selfHeal: true }'),
      { code: 'E_OPTION', message: 'unknown field "selfHeal"', at: ':' },
    ],
  ])('refuses %s with file:line:col', (_name, text, want) => {
    const found = problems(text, _name === 'a wrong id' ? 'other' : 'tiny');
    expect(found.length).toBeGreaterThan(0);
    const { at, ...fields } = want;
    const p = found[0]!;
    const { message, ...rest } = fields;
    expect(p).toMatchObject({ file: 'scenarios/x.yaml', ...rest });
    expect(p.message).toContain(message ?? '');
    expect(formatProblem(p)).toContain(`scenarios/x.yaml${at}`);
  });

  // A hang fails by the test's timeout (30 s): no wall-clock assertion, the machine is shared.
  it('refuses a file over 1 MiB, a million steps and an alias bomb before expanding them', () => {
    expect(problems('#'.repeat(1024 * 1024 + 1))[0]?.code).toBe('E_TOO_LARGE');
    const steps = `id: tiny\ntitle: T\nrepo: { files: { a: b } }\nsteps:\n${'  - title: s\n'.repeat(1_001)}`;
    expect(problems(steps)[0]).toMatchObject({ code: 'E_SCHEMA', expected: 'at most 1000 items' });
    const bomb = `a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n`;
    expect(problems(bomb)[0]?.code).toBe('E_YAML');
    const deep = `${'a:\n'.split('').join('')}${Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i)}k:`).join('\n')} 1\n`;
    expect(problems(deep)[0]?.code).toBe('E_YAML');
  }, 30_000);

  it('keeps scenarios/schema.json current with the zod definition', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(schemaText(scenarioJsonSchema()));
  });
});
