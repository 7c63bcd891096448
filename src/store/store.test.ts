// @vitest-environment jsdom
// The app's store made by createAppStore: each store has a session of its own, and its one
// persistence subscriber saves each session record it publishes (after a step, an action, an
// opening), never a read-only console line.
import '../platform/node';
import { beforeEach, describe, expect, it } from 'vitest';
import { savedSessionText } from './persistence';
import { createAppStore } from './store';

beforeEach(() => localStorage.clear());

const saved = () => JSON.parse(savedSessionText() ?? 'null') as unknown;

describe('createAppStore', () => {
  it('makes stores that share no session: each has its own run, step and record', async () => {
    const one = createAppStore();
    const two = createAppStore();
    await one.getState().open('hotfix-drift');
    await two.getState().open('free-play');
    await one.getState().step();
    expect(one.currentRun()).not.toBe(two.currentRun());
    expect(one.getState()).toMatchObject({ scenarioId: 'hotfix-drift' });
    expect(one.getState().results).toHaveLength(1);
    expect(two.getState()).toMatchObject({ scenarioId: 'free-play', results: [] });
    expect(two.currentQuery()).toContain('scenario=free-play');
  });

  it('saves the record it publishes on opening, on a step and on an action', async () => {
    const store = createAppStore();
    await store.getState().open('free-play');
    expect(saved()).toEqual(store.getState().sessionRecord());
    await store.getState().act({ wait: '1m' });
    expect(saved()).toMatchObject({ actions: [{ afterStep: 0, action: { wait: '1m' } }] });
    expect(saved()).toEqual(store.getState().published);
  });

  it('does not save a read-only line (an action run but not recorded)', async () => {
    const store = createAppStore();
    await store.getState().open('free-play');
    localStorage.clear();
    await store.getState().act({ wait: '1m' }, false);
    expect(savedSessionText()).toBeNull();
  });
});
