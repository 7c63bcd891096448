// @vitest-environment jsdom
// A lesson's answers and task results outlive a reload: the answers are kept with the session's
// scenario and seed, the task's "Show me" travels in the session's actions.
import '../platform/node';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAppStore } from './store';

let store = createAppStore();
beforeEach(() => {
  localStorage.clear();
  store = createAppStore();
});

describe('a lesson after a reload', () => {
  it('keeps the answer given before its step ran, and the task shown by "Show me"', async () => {
    const { open } = store.getState();
    await open('your-first-change');
    await store.getState().step();
    await store.getState().showSolution();
    await store.getState().step();
    store.getState().answer(2);
    const record = store.getState().sessionRecord()!;

    // A reload: the store opens the saved session again.
    store.setState({ answers: {}, hints: {} });
    await open(record.scenario, { seed: record.seed, step: record.step, actions: record.actions });
    expect(store.getState().answers).toEqual({ 2: 2 });
    expect(store.getState().results[1]!.task).toMatchObject({
      solved: true,
      usedSolution: true,
    });
    await store.getState().step();
    expect(store.getState().results[2]!.question).toMatchObject({ chosen: 2, correct: true });
  });

  it('forgets the answers of an earlier attempt when the lesson starts afresh', async () => {
    await store.getState().open('your-first-change');
    await store.getState().step();
    await store.getState().showSolution();
    await store.getState().step();
    store.getState().answer(0);
    await store.getState().open('your-first-change');
    expect(store.getState().answers).toEqual({});
  });
});
