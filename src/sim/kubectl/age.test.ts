import { describe, expect, it } from 'vitest';
import { isoTime } from '../cluster/time';
import { ageOf, describeTime, humanDuration, virtualMsOf } from './age';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('humanDuration (kubectl AGE)', () => {
  it.each([
    [-5 * S, '<invalid>'],
    [-1 * S, '0s'],
    [0, '0s'],
    [45 * S, '45s'],
    [119 * S, '119s'],
    [2 * M, '2m'],
    [3 * M + 12 * S, '3m12s'],
    [10 * M + 30 * S, '10m'],
    [179 * M, '179m'],
    [3 * H, '3h'],
    [5 * H + 20 * M, '5h20m'],
    [30 * H, '30h'],
    [3 * D + 4 * H, '3d4h'],
    [3 * D, '3d'],
    [40 * D, '40d'],
    [800 * D, '2y70d'],
    [3000 * D, '8y'],
  ])('%d ms -> %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

describe('timestamps', () => {
  it.each([0, 1_000, 95_000, 86_400_000 * 400 + 12_345_000])(
    'virtualMsOf inverts isoTime(%d)',
    (ms) => {
      expect(virtualMsOf(isoTime(ms))).toBe(ms);
    },
  );

  it('reads what it cannot parse as unknown', () => {
    expect(virtualMsOf('yesterday')).toBeNull();
    expect(ageOf(undefined, 0)).toBe('<unknown>');
    expect(ageOf(isoTime(0), 95_000)).toBe('95s');
  });

  it('prints describe times like kubectl', () => {
    expect(describeTime(isoTime(0))).toBe('Mon, 05 Jan 2026 09:00:00 +0000');
    expect(describeTime(isoTime(D * 6 + 90 * M))).toBe('Sun, 11 Jan 2026 10:30:00 +0000');
    expect(describeTime('2024-02-29T23:59:59Z')).toBe('Thu, 29 Feb 2024 23:59:59 +0000');
    expect(describeTime(undefined)).toBe('<unknown>');
  });
});
