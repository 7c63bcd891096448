// The CLI on lessons: `sim validate` proves each task's solution by playing it and refuses one that
// breaks a constraint, misses the goal, or finds the goal already met, with file:line and exit 2;
// `sim list` prints the path in the order of scenarios/lessons.yaml.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tinyScenario } from '../src/sim/scenario/fixtures';

const sim = (...args: string[]) => {
  const r = spawnSync('npx', ['tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

const lesson = (task: string) =>
  tinyScenario(
    { id: 'tiny-lesson', title: 'Tiny lesson' },
    `  - title: deploy
    do: [{ wait: 5m }]
  - title: scale to 4
    task:
${task}
`,
  );

const file = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'driftlab-')), 'tiny-lesson.yaml');
  writeFileSync(path, text);
  return path;
};

describe('sim validate on a lesson', () => {
  it.each([
    [
      'a solution that breaks a constraint',
      `      goal: four
      expect: [{ lane: gitops, get: deployment/web, path: spec.replicas, equals: 4 }]
      constraints: [{ text: without kubectl, forbid: { actor: you, channel: kubectl } }]
      solution:
        - kubectl: { lane: gitops, actor: you, run: "scale deployment/web --replicas=4" }
        - commit: { message: four, author: you, patch: { web.yaml: { spec.replicas: 4 } } }
        - wait: 4m`,
      /tiny-lesson\.yaml:25:\d+: task "scale to 4": its solution breaks a constraint \(found without kubectl: .* you kubectl update Deployment\/default\/web on gitops\)/,
    ],
    [
      'a goal that already holds',
      `      goal: two
      expect: [{ lane: gitops, get: deployment/web, path: spec.replicas, equals: 2 }]
      solution: [{ wait: 1m }]`,
      /tiny-lesson\.yaml:22:\d+: task "scale to 4": its goal already holds before the learner acts/,
    ],
    [
      'a solution that does not reach the goal',
      `      goal: four
      expect: [{ lane: gitops, get: deployment/web, path: spec.replicas, equals: 4 }]
      solution: [{ wait: 1m }]`,
      /tiny-lesson\.yaml:23:\d+: task "scale to 4": its solution does not reach the goal/,
    ],
  ])(
    'refuses %s with file:line and exit 2',
    (_what, task, message) => {
      const r = sim('validate', file(lesson(task)));
      expect(r.err).toMatch(message);
      expect(r.code).toBe(2);
    },
    60_000,
  );

  it('accepts a task its solution proves', () => {
    const r = sim(
      'validate',
      file(
        lesson(`      goal: four
      expect: [{ lane: gitops, get: deployment/web, path: spec.replicas, equals: 4 }]
      solution:
        - commit: { message: four, author: you, patch: { web.yaml: { spec.replicas: 4 } } }
        - wait: 4m`),
      ),
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  }, 60_000);
});

describe('sim validate on the lessons index', () => {
  it('checks lessons.yaml against the library', () => {
    const r = sim('validate', 'scenarios/lessons.yaml');
    expect(r.out).toContain('valid lessons index');
    expect(r.code).toBe(0);
  }, 60_000);
});

describe('sim list', () => {
  it('prints the tracks in the order of lessons.yaml, then what is outside the path', () => {
    const r = sim('list');
    expect(r.code).toBe(0);
    const order = [
      'The basics',
      'first-deploy-pr',
      'your-first-change',
      'hotfix-drift',
      'Git as the source of truth',
      'Operating it',
      'busy-day',
      'Outside the path',
      'free-play',
    ];
    const at = order.map((s) => r.out.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  }, 60_000);
});
