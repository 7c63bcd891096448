// @vitest-environment jsdom
// Opening the app on what the learner had, in the guarded order: a saved session or a link that
// cannot be replayed is set aside with a notice and the app starts clean (or on the saved session),
// never blank; an imported lesson survives a reload. A real store over real sandboxes.
import '../platform/node';
import { beforeEach, describe, expect, it } from 'vitest';
import { saveLesson, saveSession, savedSessionText } from './persistence';
import { restore } from './restore';
import { brokenSession } from './set-aside';
import { sessionQuery, type SessionRecord } from './session-link';
import { createAppStore, type AppStore } from './store';

const LESSON = `id: tiny
title: A tiny lesson
repo:
  files:
    cm.yaml: |
      apiVersion: v1
      kind: ConfigMap
      metadata: { name: tiny }
      data: { a: "1" }
steps:
  - title: Wait a minute
    say: Nothing happens **yet**.
    do: [{ wait: 1m }]
  - title: Another
    do: [{ wait: 1m }]
`;

function visit(query = ''): void {
  history.replaceState(null, '', `/${query}`);
}

function record(over: Partial<SessionRecord> = {}): SessionRecord {
  return { v: 2, scenario: 'free-play', seed: 1, step: 0, actions: [], ...over };
}

// A page's store, new for each test: the page is opened afresh (watchOtherTabs listens to the
// storage events, which do not reach a store of another test).
let appStore: AppStore;
beforeEach(() => {
  localStorage.clear();
  appStore = createAppStore();
  visit();
});

const state = () => appStore.getState();

describe('restore', () => {
  it('opens free play on a first visit, with nothing to say', async () => {
    await restore(appStore);
    expect(state()).toMatchObject({
      status: 'ready',
      scenarioId: 'free-play',
      notice: null,
      broken: null,
    });
  });

  it('replays the saved session after a reload', async () => {
    saveSession(
      record({
        scenario: 'hotfix-drift',
        step: 1,
        actions: [{ afterStep: 1, action: { wait: '30s' } }],
      }),
    );
    await restore(appStore);
    expect(state()).toMatchObject({ status: 'ready', scenarioId: 'hotfix-drift', notice: null });
    expect(state().sessionRecord()).toMatchObject({
      step: 1,
      actions: [{ action: { wait: '30s' } }],
    });
  });

  it('sets a saved session with a bad action aside, says why, and starts clean', async () => {
    const bad = JSON.stringify(
      record({ actions: [{ afterStep: 0, action: { wait: { by: 5 } } }] as never }),
    );
    localStorage.setItem('driftlab.session', bad);
    await restore(appStore);
    expect(state().status).toBe('ready');
    expect(state().notice).toBe(
      'Your saved session could not be restored: action 1: wrong type for wait (expected string, found a map with by). It is set aside below.',
    );
    expect(state().broken).toEqual({
      text: bad,
      reason: expect.stringContaining('action 1') as unknown,
    });
    expect(brokenSession()?.text).toBe(bad);
    expect(JSON.parse(savedSessionText()!)).toMatchObject({ scenario: 'free-play', actions: [] });
  });

  it("brings an imported lesson back after a reload, with the learner's actions", async () => {
    saveLesson('tiny.yaml', LESSON);
    saveSession(
      record({
        scenario: 'imported',
        step: 1,
        actions: [
          {
            afterStep: 1,
            action: { kubectl: { lane: 'gitops', actor: 'you', run: 'label configmap/tiny x=1' } },
          },
        ],
      }),
    );
    await restore(appStore);
    expect(state()).toMatchObject({
      status: 'ready',
      scenarioId: 'imported',
      scenarioTitle: 'A tiny lesson',
      notice: null,
    });
    expect(state().steps).toHaveLength(2);
    expect(state().results).toHaveLength(1);
    expect(state().sessionRecord()?.actions).toHaveLength(1);
  });

  it('sets aside a session whose imported lesson is gone, naming what to do', async () => {
    saveSession(record({ scenario: 'imported' }));
    await restore(appStore);
    expect(state().scenarioId).toBe('free-play');
    expect(state().notice).toContain(
      "an imported lesson that is not in this browser: import the lesson's file",
    );
    expect(state().broken).not.toBeNull();
  });

  it('sets aside a session whose stored lesson no longer loads, with file and line', async () => {
    saveLesson('tiny.yaml', LESSON.replace('title: A tiny lesson', 'title: [unclosed'));
    saveSession(record({ scenario: 'imported' }));
    await restore(appStore);
    expect(state().status).toBe('ready');
    expect(state().scenarioId).toBe('free-play');
    expect(state().notice).toMatch(
      /^Your saved session could not be restored: tiny\.yaml:\d+:\d+: /,
    );
  });

  it('refuses a link with a bad action by name, and keeps the saved session', async () => {
    saveSession(record({ scenario: 'hotfix-drift', step: 1 }));
    const actions = Buffer.from(JSON.stringify([{ afterStep: 0, action: { wait: 5 } }])).toString(
      'base64url',
    );
    visit(`?v=1&scenario=free-play&actions=${actions}`);
    await restore(appStore);
    expect(state().notice).toBe(
      'This link was not replayed: action 1: wrong type for wait (expected string, found 5).',
    );
    expect(state()).toMatchObject({ status: 'ready', scenarioId: 'hotfix-drift' });
    expect(state().results).toHaveLength(1);
  });

  it("says when a link's step is past the lesson's end, instead of clamping silently", async () => {
    visit('?scenario=free-play&step=40');
    await restore(appStore);
    const steps = state().steps.length;
    expect(state().results).toHaveLength(steps);
    expect(state().notice).toBe(
      `step=40 is past the lesson's last step; it opened at step ${steps}.`,
    );
  });

  it('says when a link asks for a step beyond a task nobody solved, and opens at the task', async () => {
    // hotfix-drift's third step is a task: a link with no actions cannot replay past it.
    visit('?scenario=hotfix-drift&step=4');
    await restore(appStore);
    expect(state().results).toHaveLength(2);
    expect(state().notice).toBe(
      'step=4 lies past a task not solved in this link; it opened at the task, step 3.',
    );
  });

  it('opens a long session from its short address by matching the saved record', async () => {
    const long = record({
      actions: [
        { afterStep: 0, action: { wait: '1m' } },
        { afterStep: 0, action: { wait: '2m' } },
      ],
    });
    saveSession(long);
    visit(sessionQuery(long, false));
    await restore(appStore);
    expect(state().notice).toBeNull();
    expect(state().sessionRecord()?.actions).toHaveLength(2);
  });
});

describe('a console line that writes to a prototype', () => {
  it('leaves Object.prototype untouched and the session running', async () => {
    await restore(appStore);
    await state().act({
      kubectl: {
        lane: 'gitops',
        actor: 'you',
        run: `patch deployment/web --type json -p '[{"op":"add","path":"/__proto__/polluted","value":"yes"}]'`,
      },
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(state().status).toBe('ready');
  });
});
