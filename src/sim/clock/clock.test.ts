import { describe, expect, it } from 'vitest';
import { createActor, setup } from 'xstate';
import { VirtualClock } from './clock';
import { Rng } from './rng';
import { formatClock, formatDuration, parseDuration } from './duration';

describe('VirtualClock', () => {
  it('lets the host pause between events, and runs the same events in the same order', async () => {
    const events = (clock: VirtualClock, seen: string[]) => {
      clock.schedule(10, () => void seen.push(`a@${clock.now()}`));
      clock.schedule(10, async () => {
        await Promise.resolve();
        seen.push(`b@${clock.now()}`);
        clock.schedule(5, () => void seen.push(`chained@${clock.now()}`));
      });
      clock.schedule(30, () => void seen.push(`c@${clock.now()}`));
    };
    const plain: string[] = [];
    const alone = new VirtualClock();
    events(alone, plain);
    await alone.advanceTo(100);
    // The host asks for a pause after every other event (a spent slice of its main thread).
    const paused: string[] = [];
    let asked = 0;
    const clock = new VirtualClock(() => {
      asked++;
      paused.push('pause');
      return asked % 2 === 0 ? Promise.resolve() : null;
    });
    events(clock, paused);
    await clock.advanceTo(100);
    expect(paused.filter((s) => s !== 'pause')).toEqual(plain);
    expect(paused).toEqual([
      'a@10',
      'pause',
      'b@10',
      'pause',
      'chained@15',
      'pause',
      'c@30',
      'pause',
    ]);
    expect(clock.now()).toBe(100);
  });

  it('runs entries in time order, ties in insertion order', async () => {
    const clock = new VirtualClock();
    const seen: string[] = [];
    clock.schedule(20, () => void seen.push('b@20'));
    clock.schedule(10, () => void seen.push('a@10'));
    clock.schedule(20, () => void seen.push('c@20'));
    await clock.advanceTo(15);
    expect(seen).toEqual(['a@10']);
    expect(clock.now()).toBe(15);
    await clock.advanceBy(100);
    expect(seen).toEqual(['a@10', 'b@20', 'c@20']);
    expect(clock.now()).toBe(115);
  });

  it('awaits async callbacks before moving on, and runs entries they schedule in range', async () => {
    const clock = new VirtualClock();
    const seen: string[] = [];
    clock.schedule(5, async () => {
      await Promise.resolve();
      seen.push(`first@${clock.now()}`);
      clock.schedule(5, () => void seen.push(`chained@${clock.now()}`));
    });
    clock.schedule(7, () => void seen.push(`second@${clock.now()}`));
    await clock.advanceTo(20);
    expect(seen).toEqual(['first@5', 'second@7', 'chained@10']);
  });

  it('cancels, and refuses to go back in time', async () => {
    const clock = new VirtualClock();
    let ran = false;
    const id = clock.schedule(10, () => {
      ran = true;
    });
    clock.cancel(id);
    await clock.advanceTo(50);
    expect(ran).toBe(false);
    await expect(clock.advanceTo(10)).rejects.toMatchObject({ code: 'E_CLOCK' });
  });

  it('drives XState delays as the clock of an actor', async () => {
    const clock = new VirtualClock();
    const machine = setup({ delays: { wait: 90_000 } }).createMachine({
      initial: 'build',
      states: { build: { after: { wait: 'test' } }, test: {} },
    });
    const actor = createActor(machine, { clock }).start();
    await clock.advanceTo(89_999);
    expect(actor.getSnapshot().value).toBe('build');
    await clock.advanceTo(90_000);
    expect(actor.getSnapshot().value).toBe('test');
  });
});

describe('Rng', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const draw = (seed: number) => {
      const rng = new Rng(seed);
      return Array.from({ length: 8 }, () => rng.int(0, 60_000));
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('keeps draws in range and a zero chance never draws', () => {
    const rng = new Rng(1);
    for (let i = 0; i < 1_000; i++) {
      const f = rng.float();
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
    }
    const a = new Rng(3);
    const b = new Rng(3);
    expect(a.chance(0)).toBe(false);
    expect(a.int(0, 100)).toBe(b.int(0, 100));
  });
});

describe('durations', () => {
  it.each([
    ['90s', 90_000],
    ['3m', 180_000],
    ['1h', 3_600_000],
    ['1m30s', 90_000],
    ['250ms', 250],
    ['2d', 172_800_000],
  ])('parses %s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['5 minutes', '', '3', 'm', '1x', '-5s'])('refuses %j', (text) =>
    expect(parseDuration(text)).toBeNull(),
  );

  it('formats for people', () => {
    expect(formatDuration(95_000)).toBe('1m35s');
    expect(formatDuration(400)).toBe('400ms');
    expect(formatClock(3_723_000)).toBe('01:02:03');
  });
});

describe('tracked async work', () => {
  it('holds virtual time until work started by a callback has finished', async () => {
    const clock = new VirtualClock();
    const seen: string[] = [];
    const slow = async () => {
      for (let i = 0; i < 20; i++) await Promise.resolve();
      seen.push(`slow done@${clock.now()}`);
    };
    clock.schedule(10, () => {
      void clock.track(slow());
    });
    clock.schedule(11, () => void seen.push(`next@${clock.now()}`));
    await clock.advanceTo(100);
    expect(seen).toEqual(['slow done@10', 'next@11']);
  });
});
