// @vitest-environment jsdom
// A lesson's answers and task results outlive a reload: the answers are kept with the session's
// scenario and seed, the task's "Show me" travels in the session's actions.
import '../platform/node';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { appStore } from './store';

const initial = appStore.getState();
afterAll(() => appStore.setState(initial, true));
beforeEach(() => localStorage.clear());

describe('a lesson after a reload', () => {
  it('keeps the answer given before its step ran, and the task shown by "Show me"', async () => {
    const { open } = appStore.getState();
    await open('your-first-change');
    await appStore.getState().step();
    await appStore.getState().showSolution();
    await appStore.getState().step();
    appStore.getState().answer(2);
    const record = appStore.getState().sessionRecord()!;

    // A reload: the store opens the saved session again.
    appStore.setState({ answers: {}, hints: {} });
    await open(record.scenario, { seed: record.seed, step: record.step, actions: record.actions });
    expect(appStore.getState().answers).toEqual({ 2: 2 });
    expect(appStore.getState().results[1]!.task).toMatchObject({
      solved: true,
      usedSolution: true,
    });
    await appStore.getState().step();
    expect(appStore.getState().results[2]!.question).toMatchObject({ chosen: 2, correct: true });
  });

  it('forgets the answers of an earlier attempt when the lesson starts afresh', async () => {
    await appStore.getState().open('your-first-change');
    await appStore.getState().step();
    await appStore.getState().showSolution();
    await appStore.getState().step();
    appStore.getState().answer(0);
    await appStore.getState().open('your-first-change');
    expect(appStore.getState().answers).toEqual({});
  });
});
