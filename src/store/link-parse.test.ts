// Links and saved records, read back: what Share writes comes back whole, format 1 links still
// open, and every bad value is named with its parameter instead of being clamped or thrown.
import { describe, expect, it } from 'vitest';
import type { UserAction } from '../sim/scenario/runner';
import { parseSavedSession, parseSessionQuery } from './link-parse';
import { addressQuery, SAFE_LINK_CHARS, sessionQuery, type SessionRecord } from './session-link';

const actions: UserAction[] = [
  {
    afterStep: 0,
    action: { kubectl: { lane: 'devops', actor: 'you', run: 'scale deployment/web --replicas=5' } },
  },
  { afterStep: 1, action: { wait: '2m' } },
];
const record: SessionRecord = { v: 2, scenario: 'hotfix-drift', seed: 7, step: 1, actions };

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}

describe('session links', () => {
  it('carry the actions deflated, and read back to the same session', () => {
    const query = sessionQuery(record);
    expect(query).not.toContain('scale');
    expect(parseSessionQuery(query)).toEqual({
      ok: true,
      value: { scenario: 'hotfix-drift', seed: 7, step: 1, actions },
      warnings: [],
    });
  });

  it('keep a link made by format 1 (actions as plain base64url JSON) working', () => {
    const query = `?v=1&scenario=hotfix-drift&seed=7&step=1&actions=${base64url(JSON.stringify(actions))}`;
    expect(parseSessionQuery(query)).toMatchObject({ ok: true, value: { actions } });
  });

  it('refuse a link from an unknown format, and actions that do not decode', () => {
    expect(parseSessionQuery('?v=99&scenario=x')).toMatchObject({
      ok: false,
      message: expect.stringContaining('another version of DriftLab') as unknown,
    });
    expect(parseSessionQuery('?v=2&scenario=x&actions=AAAA')).toMatchObject({
      ok: false,
      message: expect.stringContaining('cannot be read') as unknown,
    });
  });

  it("name a bad action by its place, in the scenario's words", () => {
    const bad = [...actions, { afterStep: 1, action: { wait: 5 } }];
    const query = `?v=1&scenario=hotfix-drift&actions=${base64url(JSON.stringify(bad))}`;
    expect(parseSessionQuery(query)).toEqual({
      ok: false,
      message:
        'This link was not replayed: action 3: wrong type for wait (expected string, found 5).',
    });
  });

  it.each([
    [
      'seed=-5',
      'seed must be a whole number from 0 to 2147483647, found "-5"; the lesson\'s own seed is used.',
    ],
    [
      'seed=99999999999',
      'seed must be a whole number from 0 to 2147483647, found "99999999999"; the lesson\'s own seed is used.',
    ],
    [
      'step=1e3',
      'step must be a whole number from 0 to 1000, found "1e3"; the lesson opens at its start.',
    ],
    [
      'step=5000',
      'step must be a whole number from 0 to 1000, found "5000"; the lesson opens at its start.',
    ],
  ])('say so when %s is out of range, instead of clamping it', (param, warning) => {
    const parsed = parseSessionQuery(`?scenario=hotfix-drift&${param}`);
    expect(parsed).toEqual({ ok: true, value: { scenario: 'hotfix-drift' }, warnings: [warning] });
  });

  it('leave the address bar with scenario, seed and step (and a count) past 8 KB', () => {
    const many: UserAction[] = Array.from({ length: 3_000 }, (_, i) => ({
      afterStep: 0,
      action: {
        kubectl: { lane: 'devops', actor: 'you', run: `label pod/p${i} n${i * 7919}=${i}` },
      },
    }));
    const long = { ...record, actions: many };
    expect(sessionQuery(long).length).toBeGreaterThan(SAFE_LINK_CHARS);
    expect(addressQuery(long)).toBe('?v=2&scenario=hotfix-drift&seed=7&step=1&n=3000');
    expect(addressQuery(record)).toBe(sessionQuery(record));
  });
});

describe('saved session records', () => {
  it('read back what was saved', () => {
    expect(parseSavedSession(JSON.stringify(record))).toEqual({
      ok: true,
      value: { scenario: 'hotfix-drift', seed: 7, step: 1, actions },
      warnings: [],
    });
  });

  it.each([
    ['not JSON', '{', 'its record is not valid JSON'],
    ['no session', 'null', 'its record is not a session'],
    ['another format', '{"v":9,"scenario":"x"}', 'it was saved by another version (format 9)'],
    ['no scenario', '{"v":2,"seed":1,"step":0,"actions":[]}', 'it names no scenario'],
    [
      'a negative step',
      '{"v":2,"scenario":"x","seed":1,"step":-1,"actions":[]}',
      'its step must be a whole number from 0 to 1000',
    ],
    [
      'a bad action',
      '{"v":2,"scenario":"x","seed":1,"step":0,"actions":[{"afterStep":0,"action":{"wait":{"by":1}}}]}',
      'action 1: wrong type for wait (expected string, found a map with by)',
    ],
  ])('refuse a record with %s', (_, text, message) => {
    expect(parseSavedSession(text)).toEqual({ ok: false, message });
  });
});
