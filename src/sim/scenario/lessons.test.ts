// The lessons index: its loader refuses what would break the lessons page, with file:line.
import { describe, expect, it } from 'vitest';
import { isScenarioError } from './errors';
import { lessonsVersusLibrary, loadLessons, nextLesson } from './lessons';

const INDEX = `tracks:
  - id: basics
    title: The basics
    lessons:
      - { id: first-deploy-pr, learn: Deploys wait for the merge., minutes: 5, figures: [{ lane: devops, metric: leadTimeMs }] }
      - { id: hotfix-drift, learn: Self-heal undoes a hotfix., minutes: 6, figures: [{ lane: gitops, metric: timeToDetectMs }] }
  - id: failures
    title: Failures
    lessons:
      - { id: bad-release-rollback, learn: Roll back through Git., minutes: 7, figures: [{ lane: devops, metric: changeFailRate }] }
`;

function problemsOf(text: string) {
  try {
    loadLessons(text, 'lessons.yaml');
    return [];
  } catch (e) {
    if (!isScenarioError(e)) throw e;
    return e.problems.map((p) => `${p.code} ${p.line}: ${p.message}`);
  }
}

describe('the lessons index', () => {
  it('keeps the order of its tracks and lessons, and knows the next lesson across tracks', () => {
    const index = loadLessons(INDEX);
    expect(index.tracks.map((t) => t.id)).toEqual(['basics', 'failures']);
    expect(nextLesson(index, 'first-deploy-pr')?.id).toBe('hotfix-drift');
    expect(nextLesson(index, 'hotfix-drift')?.id).toBe('bad-release-rollback');
    expect(nextLesson(index, 'bad-release-rollback')).toBeNull();
  });

  it.each([
    [
      'a lesson placed twice',
      INDEX.replace('id: hotfix-drift', 'id: first-deploy-pr'),
      'E_LESSONS 6: "first-deploy-pr" is placed twice',
    ],
    [
      'an unknown metric',
      INDEX.replace('metric: changeFailRate', 'metric: happiness'),
      'E_LESSONS 10',
    ],
    ['no minutes', INDEX.replace('minutes: 5, ', ''), 'E_LESSONS 5'],
    [
      'an unknown field',
      INDEX.replace('title: Failures', 'title: Failures\n    colour: red'),
      'E_LESSONS 9',
    ],
  ])('refuses %s, at its line', (_what, text, problem) => {
    expect(problemsOf(text).join('\n')).toContain(problem);
  });

  it('names a lesson without a scenario and a scenario on no track; free play stays outside', () => {
    const index = loadLessons(INDEX);
    expect(
      lessonsVersusLibrary(index, ['first-deploy-pr', 'hotfix-drift', 'promotion', 'free-play']),
    ).toEqual([
      'lesson "bad-release-rollback" has no scenario',
      'scenario "promotion" is on no track',
    ]);
  });
});
