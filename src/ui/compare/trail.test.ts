import { describe, expect, it } from 'vitest';
import { LEAKED_TOKEN_TRAIL as TRAIL } from './test-fixtures';
import { actorsOf, alignRows, filterTrail, isOutOfBandChange, NO_FILTER, summarize } from './trail';

const seqs = (records: { seq: number }[]) => records.map((r) => r.seq);

describe('isOutOfBandChange', () => {
  it('holds for cluster changes without a revision by people, CI or a leaked token only', () => {
    // 7: ci-bot via kubectl (leaked token), 10: bob via kubectl, 14: pipeline write without revision.
    // Not: the refusal (8, changed nothing), the controller (2), observer notes, revisioned writes.
    expect(seqs(TRAIL.filter(isOutOfBandChange))).toEqual([7, 10, 14]);
  });
});

describe('filterTrail', () => {
  it('hides controller and observer records unless asked for', () => {
    const shown = filterTrail(TRAIL, NO_FILTER);
    expect(shown.some((r) => r.channel === 'controller' || r.channel === 'observer')).toBe(false);
    expect(filterTrail(TRAIL, { ...NO_FILTER, showMachinery: true })).toHaveLength(TRAIL.length);
  });

  it.each([
    ['actor', { actor: 'ci-bot' }, [5, 7, 14]],
    ['channel', { channel: 'kubectl' as const }, [7, 8, 10]],
    ['object, any case', { object: 'secret/' }, [14]],
    ['actor and channel', { actor: 'ci-bot', channel: 'kubectl' as const }, [7]],
    ['a machinery channel, named', { channel: 'controller' as const }, [2]],
  ])('narrows by %s', (_name, patch, expected) => {
    expect(seqs(filterTrail(TRAIL, { ...NO_FILTER, ...patch }))).toEqual(expected);
  });

  it('lists every actor once, sorted', () => {
    expect(actorsOf(TRAIL)).toEqual([
      'bob',
      'ci-bot',
      'deployment-controller',
      'driftlab',
      'mallory',
      'platform-team',
      'reconciler',
    ]);
  });
});

describe('alignRows', () => {
  it('puts the records of one instant side by side, each column top to bottom', () => {
    const rows = alignRows(filterTrail(TRAIL, { ...NO_FILTER, showMachinery: true }));
    const at0 = rows.filter((r) => r.t === 0);
    expect(at0.map((r) => [r.devops?.seq, r.repo?.seq, r.gitops?.seq])).toEqual([
      [3, 0, 1],
      [undefined, undefined, 2],
      [undefined, undefined, 4],
    ]);
    expect(at0.map((r) => r.first)).toEqual([true, false, false]);
    // The leaked token's write and its refusal happened in the same instant: one line.
    const at120 = rows.filter((r) => r.t === 120_000);
    expect(at120[0]).toMatchObject({ devops: { seq: 7 }, gitops: { seq: 8 }, first: true });
    expect(rows.map((r) => r.t)).toEqual([...rows.map((r) => r.t)].sort((a, b) => a - b));
  });

  it('keeps every record exactly once', () => {
    const rows = alignRows(TRAIL);
    const placed = rows.flatMap((r) => [r.devops, r.repo, r.gitops]).filter((r) => r !== undefined);
    expect(seqs(placed).sort((a, b) => a - b)).toEqual(seqs(TRAIL));
  });
});

describe('summarize', () => {
  it('counts changes, out-of-band changes, refusals and actors per lane', () => {
    expect(summarize(TRAIL, 'devops')).toEqual({
      changes: 3,
      outOfBand: 2,
      refused: 0,
      actors: ['ci-bot'],
    });
    expect(summarize(TRAIL, 'gitops')).toEqual({
      changes: 3,
      outOfBand: 1,
      refused: 1,
      actors: ['reconciler', 'bob', 'mallory'],
    });
  });
});
