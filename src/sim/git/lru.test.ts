import { describe, expect, it } from 'vitest';
import { LruMap } from './lru';

describe('LruMap', () => {
  it('keeps the most recently used entries up to its limit', () => {
    const lru = new LruMap<string, number>(2);
    lru.set('a', 1).set('b', 2);
    expect(lru.get('a')).toBe(1); // a is now newer than b
    lru.set('c', 3);
    expect(lru.has('b')).toBe(false);
    expect([lru.get('a'), lru.get('c'), lru.size]).toEqual([1, 3, 2]);
    lru.set('a', 10); // setting refreshes too
    lru.set('d', 4);
    expect(lru.has('c')).toBe(false);
    expect(lru.get('a')).toBe(10);
  });

  it('weighs entries when told how, always keeping the newest', () => {
    const lru = new LruMap<string, number[]>(5, (v) => v.length);
    lru.set('a', [1, 2]).set('b', [1, 2]);
    expect(lru.weight).toBe(4);
    lru.get('a'); // b is now the oldest
    lru.set('c', [1, 2]);
    expect([lru.has('a'), lru.has('b'), lru.has('c'), lru.weight]).toEqual([true, false, true, 4]);
    lru.set('a', [1]); // replacing an entry replaces its weight
    expect(lru.weight).toBe(3);
    lru.set('huge', [1, 2, 3, 4, 5, 6, 7]);
    expect([lru.size, lru.get('huge')?.length, lru.weight]).toEqual([1, 7, 7]);
  });

  it('refuses a limit that keeps nothing', () => {
    expect(() => new LruMap(0)).toThrow(RangeError);
  });
});
