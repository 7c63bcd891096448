// Link and saved-session actions are checked by the scenario's own zod schema, and a bad one is
// named by its place in the scenario's words, never by a JavaScript internal (issue 11).
import { describe, expect, it } from 'vitest';
import { checkUserActions } from './check-actions';

const one = (action: unknown, ...at: unknown[]) =>
  checkUserActions([{ afterStep: at.length > 0 ? at[0] : 0, action }]);

describe('checkUserActions', () => {
  it.each([
    [
      'a wait as a number',
      { wait: 5 },
      'action 1: wait must be a duration such as 90s, 3m or 1h, found 5',
    ],
    [
      'a wait that is no duration',
      { wait: 'soon' },
      'action 1: wait must be a duration such as 90s, 3m or 1h, found "soon"',
    ],
    [
      'an approve without its map',
      { approve: null },
      'action 1: approve must be a map, found null',
    ],
    [
      'a kubectl line that is not text',
      { kubectl: { lane: 'devops', run: 42 } },
      'action 1: kubectl.run must be a string, found 42',
    ],
    [
      'a kubectl action on no lane',
      { kubectl: { run: 'get pods' } },
      'action 1: kubectl.lane is required',
    ],
    [
      'a lane that does not exist',
      { wipe: { lane: 'prod' } },
      'action 1: wipe.lane must be one of "devops", "gitops", "both", found "prod"',
    ],
    [
      'an unknown field',
      { refresh: { lane: 'gitops', hard: true } },
      'action 1: refresh has an unknown field "hard"',
    ],
    ['an unknown action', { deploy: {} }, 'action 1: unknown action "deploy"'],
    [
      'two actions in one',
      { wait: '1m', wipe: { lane: 'devops' } },
      'action 1: an action has exactly one key, found wait, wipe',
    ],
    [
      'a set of a zero-length string interval',
      { set: { lane: 'gitops', pollInterval: 5 } },
      'action 1: set.pollInterval must be a duration such as 90s, 3m or 1h, found 5',
    ],
    [
      'a pr doing two things',
      { pr: { approve: { branch: 'a', by: 'b' }, merge: { branch: 'a' } } },
      'action 1: a pr action does one thing',
    ],
    [
      'a patch reaching for a prototype',
      {
        commit: {
          message: 'm',
          patch: { 'a.yaml': JSON.parse('{"__proto__": {"x": 1}}') as unknown },
        },
      },
      'action 1: commit uses the key "__proto__", which is not allowed',
    ],
    ['no action at all', 'wait', 'action 1: an action is a map with one key, found "wait"'],
  ])('names %s', (_, action, message) => {
    const checked = one(action);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.message).toContain(message);
  });

  it.each([
    [-1, 'found -1'],
    [1.5, 'found 1.5'],
    ['2', 'found "2"'],
    [undefined, 'found nothing'],
  ])('refuses afterStep %j', (afterStep, found) => {
    const checked = one({ wait: '1m' }, afterStep);
    expect(checked).toEqual({
      ok: false,
      message: `action 1: afterStep must be a whole number of steps, ${found}`,
    });
  });

  it('names the place of the bad action among good ones', () => {
    const checked = checkUserActions([
      { afterStep: 0, action: { wait: '1m' } },
      { afterStep: 1, action: { refresh: { lane: 'gitops' } } },
      { afterStep: 1, action: { rollback: { lane: 'devops', method: 'rollout-undo', by: 7 } } },
    ]);
    expect(checked).toEqual({
      ok: false,
      message: 'action 3: rollback.by must be a string, found 7',
    });
  });

  it('refuses waits past the 30 days a session may span, also across several', () => {
    expect(one({ wait: '3650d' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('30 days') as unknown,
    });
    const split = checkUserActions(
      Array.from({ length: 4 }, () => ({ afterStep: 0, action: { wait: '8d' } })),
    );
    expect(split).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^action 4: /) as unknown,
    });
  });

  it('refuses what is not a list, and more actions than a session replays', () => {
    expect(checkUserActions({ wait: '1m' })).toMatchObject({ ok: false });
    expect(
      checkUserActions(
        Array.from({ length: 5_001 }, () => ({ afterStep: 0, action: { wait: '1s' } })),
      ),
    ).toMatchObject({ ok: false, message: expect.stringContaining('5001 actions') as unknown });
  });

  it('passes good actions through as the schema parsed them', () => {
    const actions = [
      {
        afterStep: 0,
        action: {
          kubectl: { lane: 'gitops', actor: 'you', run: 'scale deployment/web --replicas=3' },
        },
      },
      { afterStep: 1, action: { wait: '90s' } },
      { afterStep: 1, action: { set: { lane: 'gitops', selfHeal: false } } },
    ];
    expect(checkUserActions(actions)).toEqual({ ok: true, actions });
  });
});
