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

  it('refuses a limit that keeps nothing', () => {
    expect(() => new LruMap(0)).toThrow(RangeError);
  });
});
