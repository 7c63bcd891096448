import { describe, expect, it } from 'vitest';
import { getOrCreate } from './get-or-create';

describe('getOrCreate', () => {
  it('makes the entry of a new key once and hands back that same entry after', () => {
    const buckets = new Map<string, string[]>();
    let made = 0;
    const make = (): string[] => {
      made++;
      return [];
    };
    getOrCreate(buckets, 'web', make).push('deployment.apps/web');
    getOrCreate(buckets, 'web', make).push('service/web');
    expect(buckets.get('web')).toEqual(['deployment.apps/web', 'service/web']);
    expect(made).toBe(1);
  });

  it('keeps a falsy entry (a cached "no" is an answer, not a miss)', () => {
    const known = new Map<string, boolean>();
    let asked = 0;
    const ask = (): boolean => {
      asked++;
      return false;
    };
    expect(getOrCreate(known, 'Widget', ask)).toBe(false);
    expect(getOrCreate(known, 'Widget', ask)).toBe(false);
    expect(asked).toBe(1);
  });

  it('works over a WeakMap keyed by object identity and passes the key to make', () => {
    const lengths = new WeakMap<readonly string[], number>();
    const list = ['a', 'b'];
    expect(getOrCreate(lengths, list, (l) => l.length)).toBe(2);
    list.push('c');
    expect(getOrCreate(lengths, list, (l) => l.length)).toBe(2);
    expect(getOrCreate(lengths, ['x'], (l) => l.length)).toBe(1);
  });
});
