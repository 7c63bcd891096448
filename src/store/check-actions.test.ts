// Link and saved-session actions are checked by the scenario's own zod schema, and a bad one is
// named by its place in the scenario's words, never by a JavaScript internal (issue 11).
import { describe, expect, it } from 'vitest';
import { checkUserActions } from './check-actions';

const one = (action: unknown, ...at: unknown[]) =>
  checkUserActions([{ afterStep: at.length > 0 ? at[0] : 0, action }]);

describe('checkUserActions', () => {
  // The wording is the sim's (action-check.ts), the same as `sim validate` gives for a scenario.
  it.each([
    ['a wait as a number', { wait: 5 }, 'action 1: wrong type for wait (expected string, found 5)'],
    [
      'a wait that is no duration',
      { wait: 'soon' },
      'action 1: wrong format for wait (expected a duration such as 90s, 3m or 1h, found "soon")',
    ],
    [
      'a wait of ten years',
      { wait: '3650d' },
      'action 1: wait is out of range (expected at most 30d, found "3650d")',
    ],
    [
      'a poll interval of 0',
      { set: { lane: 'gitops', pollInterval: '0ms' } },
      'action 1: set.pollInterval is out of range (expected between 1s and 30d, found "0ms")',
    ],
    [
      'a kubectl line that is not text',
      { kubectl: { lane: 'devops', run: 42 } },
      'action 1: wrong type for kubectl.run (expected string, found 42)',
    ],
    [
      'an unknown field',
      { refresh: { lane: 'gitops', hard: true } },
      'action 1: unknown field "hard" in refresh',
    ],
    ['an unknown action', { deploy: {} }, 'action 1: unknown action "deploy"'],
    ['no action at all', 'wait', 'action 1: an action is a map with one key'],
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
      message: 'action 3: wrong type for rollback.by (expected string, found 7)',
    });
  });

  it('refuses waits that together pass the 30 days a session may span', () => {
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
