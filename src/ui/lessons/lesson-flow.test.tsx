// @vitest-environment jsdom
// A lesson's cards over a real session of "Your first change": the task card checked live (a
// hint, a broken rule and its message, "Show me"), the question asked before its step and
// revealed after it, and the summary with the results and the next lesson.
import '../../platform/node';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextLesson } from '../../store/lessons';
import { loadProgress } from '../../store/progress';
import type { ReactElement } from 'react';
import { createAppStore } from '../../store/store';
import { renderWithStore } from '../testing/render-with-store';
import { LessonAhead, LessonDone, LessonReveal } from './LessonFlow';

let appStore = createAppStore();
beforeEach(() => {
  appStore = createAppStore();
});
const render = (ui: ReactElement) => renderWithStore(ui, appStore);

const LESSON = 'your-first-change';

beforeEach(async () => {
  localStorage.clear();
  await appStore.getState().open(LESSON);
  await appStore.getState().step(); // the app runs in both clusters; next: the task
});
afterEach(cleanup);

function show() {
  render(
    <>
      <LessonDone />
      <LessonAhead />
      <LessonReveal />
    </>,
  );
}
const button = (name: string | RegExp) => screen.getByRole('button', { name });

describe('the task card', () => {
  it('shows the goal not met yet, reveals hints one at a time, and names the action that broke a rule', async () => {
    const user = userEvent.setup();
    show();
    const card = screen.getByRole('region', { name: 'Your task' });
    expect(within(card).getByText(/Both clusters run 4 replicas of web/)).toBeTruthy();
    expect(within(card).getByRole('list', { name: 'Goal' }).textContent).toContain('does not hold');
    expect((button('Check and continue') as HTMLButtonElement).disabled).toBe(true);

    await user.click(button('Show a hint (1 of 3)'));
    expect(within(card).getByRole('list', { name: 'Hints' }).children).toHaveLength(1);
    await user.click(button('Show a hint (2 of 3)'));
    expect(within(card).getByRole('list', { name: 'Hints' }).children).toHaveLength(2);

    // The learner takes a shortcut the task forbids.
    await appStore
      .getState()
      .act({ kubectl: { lane: 'devops', actor: 'you', run: 'scale deployment/web --replicas=4' } });
    await waitFor(() => {
      const rule = within(card)
        .getByText(/without kubectl/)
        .closest('li')!;
      expect(rule.className).toBe('failed');
      expect(rule.textContent).toMatch(/you kubectl update Deployment\/default\/web on devops/);
    });
  });

  it('runs the solution on "Show me", records it, and completes the step once the goal holds', async () => {
    const user = userEvent.setup();
    show();
    await user.click(button('Show me'));
    await waitFor(() => expect(appStore.getState().task?.goalMet).toBe(true));
    expect(
      appStore
        .getState()
        .sessionRecord()!
        .actions.some((a) => a.solution),
    ).toBe(true);
    await user.click(button('Check and continue'));
    await waitFor(() => expect(appStore.getState().results).toHaveLength(2));
    expect(appStore.getState().results[1]!.task).toMatchObject({
      solved: true,
      usedSolution: true,
    });
  });
});

describe('the question, then the summary', () => {
  it('asks before the step, refuses Step until answered, reveals after, and ends on the summary', async () => {
    const user = userEvent.setup();
    await appStore.getState().showSolution();
    await appStore.getState().step();
    show();
    const card = screen.getByRole('region', { name: 'Predict' });
    expect(within(card).getByRole('group', { name: /how many replicas run/ })).toBeTruthy();

    await appStore.getState().step(); // refused: no answer yet
    expect(appStore.getState().results).toHaveLength(2);

    await user.click(
      within(card).getByRole('radio', { name: /4 in the pull cluster, 2 in the push/ }),
    );
    await user.click(button('Lock in my answer'));
    expect(within(card).getByRole('status').textContent).toMatch(/Your prediction is in/);
    await appStore.getState().step();
    await waitFor(() => expect(appStore.getState().results).toHaveLength(3));

    const reveal = screen.getByRole('region', { name: 'Answer' });
    expect(reveal.textContent).toContain('✓ Right: 4 in the pull cluster, 2 in the push cluster');
    expect(reveal.textContent).toMatch(/Why: Argo CD compares the live Deployment/);

    const summary = screen.getByRole('region', {
      name: 'Your first change, through a pull request',
    });
    const results = within(summary).getByRole('list', { name: 'Your results' });
    expect(results.textContent).toContain('shown by “Show me”');
    expect(results.textContent).toMatch(/Question .*: right/);
    expect(summary.textContent).toContain('Questions right: 1 of 1');
    expect(button(`Next lesson: ${nextLesson(LESSON)!.title}`)).toBeTruthy();
    expect(loadProgress().solved[LESSON]).toEqual({
      tasks: { solved: 0, shown: 1, total: 1 },
      quiz: { right: 1, total: 1 },
    });
  });
});
