import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock';
import { ObjectTimers } from './object-timers';

describe('ObjectTimers: one pending timer per object', () => {
  it('replaces the pending timer of an object that is set again', async () => {
    const clock = new VirtualClock();
    const timers = new ObjectTimers(clock, 'kubelet');
    const fired: string[] = [];
    timers.set('Pod/default/web', 10_000, () => fired.push('first'));
    timers.set('Pod/default/web', 20_000, () => fired.push('second'));
    await clock.advanceTo(15_000);
    expect(fired).toEqual([]);
    await clock.advanceTo(20_000);
    expect(fired).toEqual(['second']);
    expect(timers.has('Pod/default/web')).toBe(false);
  });

  it('keeps the timers of different objects apart, and cancels one or all', async () => {
    const clock = new VirtualClock();
    const timers = new ObjectTimers(clock, 'hpa');
    const fired: string[] = [];
    for (const name of ['a', 'b', 'c']) timers.set(name, 1_000, () => fired.push(name));
    timers.cancel('b');
    expect(timers.size).toBe(2);
    expect(clock.pending().map((t) => t.label)).toEqual(['hpa:a', 'hpa:c']);
    await clock.advanceBy(1_000);
    expect(fired).toEqual(['a', 'c']);
    timers.set('d', 1_000, () => fired.push('d'));
    timers.reset();
    await clock.advanceBy(5_000);
    expect(fired).toEqual(['a', 'c']);
  });
});
