// One rule for an action wherever it comes from: a scenario step, a share link or saved session
// (checkActionList), or the learner's own action in a running session (ScenarioRun.act). A bad
// one is named ("action 3: ...") and never run, so a link cannot hang the tab.
import '../../platform/node';
import { describe, expect, it } from 'vitest';
import { loadScenario, ScenarioRun } from '.';
import { checkAction, checkActionList } from './action-check';

const TEXT = `id: tiny
title: Tiny
repo:
  files:
    a.yaml: "apiVersion: v1\\nkind: ConfigMap\\nmetadata: { name: a }\\n"
steps:
  - title: wait
    do: [{ wait: 1m }]
`;

describe('checking an action from outside a scenario file', () => {
  it.each<[string, unknown[], string]>([
    [
      'a wait that is a number',
      [{ wait: '1m' }, { sync: { lane: 'gitops' } }, { wait: 5 }],
      'action 3: wrong type for wait (expected string, found 5)',
    ],
    [
      'a wait of ten years',
      [{ wait: '3650d' }],
      'action 1: wait is out of range (expected at most 30d, found "3650d")',
    ],
    [
      'waits past 30 days in all',
      [{ wait: '20d' }, { wait: '20d' }],
      'action 2: the waits add up to more than 30d, the limit of a scenario',
    ],
    [
      'a zero poll interval',
      [{ set: { lane: 'gitops', pollInterval: '0ms', jitter: '0ms' } }],
      'action 1: set.pollInterval is out of range (expected between 1s and 30d, found "0ms")',
    ],
    [
      'a Flux apply interval of 0',
      [{ set: { lane: 'gitops', applyInterval: '0ms' } }],
      'action 1: an applyInterval of 0 (none) is for flavour argo only',
    ],
    [
      'a string',
      ['wait'],
      'action 1: an action is a map with one key (expected one of commit, pr, revert, kubectl, run, rollback, fault, wipe, set, sync, waitFor, terminateOp, refresh, rerun, approve, load, wait, found "wait")',
    ],
    ['a list', [[1]], 'action 1: an action is a map with one key'],
    ['null', [null], 'action 1: an action is a map with one key'],
    [
      'an approve without its value',
      [{ approve: null }],
      'action 1: wrong type for approve (expected object, found null)',
    ],
    [
      'a kubectl line that is not text',
      [{ kubectl: { lane: 'devops', run: 5 } }],
      'action 1: wrong type for kubectl.run (expected string, found 5)',
    ],
  ])('refuses %s, naming the action', (_what, actions, message) => {
    const checked = checkActionList(actions);
    expect(checked.ok).toBe(false);
    expect(checked.ok ? '' : checked.message).toContain(message);
  });

  it('takes valid actions as they are', () => {
    const actions = [
      { wait: '30d' },
      { set: { lane: 'gitops', pollInterval: '1s', jitter: '0ms' } },
    ];
    expect(checkActionList(actions)).toEqual({ ok: true, actions });
    expect(checkAction({ wait: '1m' })).toEqual({ action: { wait: '1m' }, issues: [] });
  });
});

describe("a learner's own action in a running session", () => {
  it.each([
    [
      { set: { lane: 'gitops' as const, pollInterval: '0ms', jitter: '0ms' } },
      /pollInterval is out of range/,
    ],
    [{ wait: '3650d' }, /wait is out of range/],
  ])('refuses %j without running or recording it', async (action, says) => {
    const run = await ScenarioRun.start(loadScenario(TEXT, 'tiny.yaml'));
    const before = run.sandbox.now();
    const outcome = await run.act(action);
    expect(outcome).toMatchObject({ ok: false, fatal: true });
    expect(outcome.text).toMatch(says);
    expect(outcome.text).toMatch(/^E_/);
    expect(run.userActions).toEqual([]);
    expect(run.sandbox.now()).toBe(before);
  });

  it('holds its own waits to the poll budget: a 1s poll for 30 days is refused, an hour runs', async () => {
    const run = await ScenarioRun.start(loadScenario(TEXT, 'tiny.yaml'));
    await run.act({ set: { lane: 'gitops', pollInterval: '1s', jitter: '0ms' } });
    const refused = await run.act({ wait: '30d' });
    expect(refused).toMatchObject({ ok: false, fatal: true });
    expect(refused.text).toMatch(/^E_DURATION_LIMIT: 30d of waits .* at most 50000/);
    expect(run.userActions).toHaveLength(1);
    expect(await run.act({ wait: '1h' })).toMatchObject({ ok: true });
    expect(run.userActions).toHaveLength(2);
  }, 120_000);
});
