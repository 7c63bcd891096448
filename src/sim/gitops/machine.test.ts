// The reconciler machine on its own: its loop, wake-ups, queue and outage on xstate's
// SimulatedClock (the model-based paths are in machine.model.test.ts).
import { describe, expect, it } from 'vitest';
import { EMPTY, flush, POLL_MS, reconciler } from './testing/reconciler-actor';

describe('reconcilerMachine on a simulated clock', () => {
  it('starts fetching, compares, syncs what differs and goes idle on SYNC_DONE', async () => {
    const r = reconciler();
    expect(r.state()).toBe('fetching');
    expect(r.fetches.map((c) => c.input)).toEqual([{ manual: false }]);
    await r.fetched();
    expect(r.state()).toBe('comparing');
    expect(r.compares.map((c) => c.input)).toEqual([{ manual: false, reason: 'poll' }]);
    await r.compared(true);
    expect(r.state()).toBe('syncing');
    r.clock.increment(3_600_000);
    expect(r.state()).toBe('syncing');
    r.send({ type: 'SYNC_DONE' });
    expect(r.state()).toBe('idle');
    expect(r.log).toEqual(['0s start sync', '3600s reconciled']);
    expect(r.errors).toEqual([]);
  });

  it('goes idle when the comparison finds nothing to sync', async () => {
    const r = reconciler();
    await r.fetched();
    await r.compared(false);
    expect(r.state()).toBe('idle');
    expect(r.log).toEqual(['0s reconciled']);
  });

  it('goes idle with fetchFailed when the fetch rejects, without comparing', async () => {
    const r = reconciler();
    await r.fetched(new Error('repository not accessible'));
    expect(r.state()).toBe('idle');
    expect(r.log).toEqual(['0s fetch failed: repository not accessible', '0s reconciled']);
    expect(r.compares).toEqual([]);
  });

  // A compare that rejects (the repo read throws) is reported like a failed fetch; the loop goes on.
  it('goes idle when the comparison rejects', async () => {
    const r = reconciler();
    await r.fetched();
    r.compares.at(-1)!.reject(new Error('cannot read manifests'));
    await flush();
    expect(r.actor.getSnapshot().status).toBe('active');
    expect(r.state()).toBe('idle');
  });

  it.each([
    ['the injected pollDelay', POLL_MS],
    ['the 3 min default', null],
  ])('polls again after %s idle', async (_, injected) => {
    const delay = injected ?? 180_000;
    const r = reconciler(injected);
    await r.fetched();
    await r.compared(false);
    r.clock.increment(delay - 1);
    expect(r.state()).toBe('idle');
    r.clock.increment(1);
    expect(r.state()).toBe('fetching');
    expect(r.actor.getSnapshot().context).toEqual({ reason: 'poll', manual: false, ...EMPTY });
  });

  it.each([
    [{ type: 'REFRESH' }, 'fetching', { reason: 'refresh', manual: false }],
    [{ type: 'SYNC' }, 'fetching', { reason: 'sync', manual: true }],
    [{ type: 'RETRY' }, 'comparing', { reason: 'retry', manual: false }],
    [{ type: 'APPLIED' }, 'comparing', { reason: 'applied', manual: false }],
    [{ type: 'WATCH' }, 'comparing', { reason: 'watch', manual: false }],
    [
      { type: 'WEBHOOK', world: { webhookEnabled: true } },
      'fetching',
      { reason: 'webhook', manual: false },
    ],
    [{ type: 'WEBHOOK' }, 'idle', { reason: 'poll', manual: false }],
    [{ type: 'WATCH', world: { watchEnabled: false } }, 'idle', { reason: 'poll', manual: false }],
  ] as const)('wakes from idle on %o into %s', async (event, next, context) => {
    const r = reconciler();
    await r.fetched();
    await r.compared(false);
    r.clock.increment(POLL_MS / 2);
    r.send(event);
    expect(r.state()).toBe(next);
    expect(r.actor.getSnapshot().context).toEqual({ ...context, ...EMPTY });
  });

  it('passes a manual sync to fetch and compare, and restarts the poll wait', async () => {
    const r = reconciler();
    await r.fetched();
    await r.compared(false);
    r.clock.increment(POLL_MS - 1_000);
    r.send({ type: 'SYNC' });
    expect(r.fetches.at(-1)!.input).toEqual({ manual: true });
    await r.fetched();
    expect(r.compares.at(-1)!.input).toEqual({ manual: true, reason: 'sync' });
    await r.compared(false);
    r.clock.increment(POLL_MS - 1);
    expect(r.state()).toBe('idle');
    r.clock.increment(1);
    expect(r.state()).toBe('fetching');
  });

  // Argo CD's work queue holds an app's key while a worker reconciles it; a request that comes
  // meanwhile is processed after (REFERENCE.md, the application controller).
  it('queues a request while busy, hands it out once idle and takes it up in the next turn', async () => {
    const r = reconciler();
    r.send({ type: 'RETRY' });
    r.send({ type: 'RECOVER' });
    expect(r.state()).toBe('fetching');
    expect(r.actor.getSnapshot().context.pending).toBe('RETRY');
    await r.fetched();
    await r.compared(true);
    r.send({ type: 'WATCH' });
    expect(r.actor.getSnapshot().context.pending).toBe('RETRY');
    r.send({ type: 'SYNC_DONE' });
    expect(r.state()).toBe('idle');
    expect(r.actor.getSnapshot().context).toMatchObject({ pending: null, due: ['RETRY'] });
    expect(r.fetches).toHaveLength(1);
    r.clock.increment(0);
    expect(r.state()).toBe('comparing');
    expect(r.actor.getSnapshot().context).toEqual({ reason: 'retry', manual: false, ...EMPTY });
  });

  it.each([
    [['WATCH', 'RETRY'], 'RETRY'],
    [['RETRY', 'WATCH'], 'RETRY'],
    [['WATCH', 'APPLIED'], 'WATCH'],
    [['RETRY', 'REFRESH'], 'REFRESH'],
    [['REFRESH', 'WEBHOOK'], 'REFRESH'],
    [['WEBHOOK', 'REFRESH'], 'WEBHOOK'],
    [['REFRESH', 'SYNC', 'WEBHOOK'], 'SYNC'],
  ] as const)(
    'keeps the strongest of %o queued (an equal one waits behind): %s',
    (events, kept) => {
      const r = reconciler();
      for (const type of events) r.send({ type });
      expect(r.state()).toBe('fetching');
      expect(r.actor.getSnapshot().context.pending).toBe(kept);
    },
  );

  it.each([
    // The webhook guard is asked when the request is taken up, not when it is queued.
    ['a webhook with none set up', 'WEBHOOK', () => {}, 'idle'],
    [
      'a sync while the controller is down',
      'SYNC',
      (r: ReturnType<typeof reconciler>) => r.send({ type: 'GO_DOWN' }),
      'down',
    ],
  ] as const)('takes up %s to no effect', async (_, request, meanwhile, state) => {
    const r = reconciler();
    r.send({ type: request });
    await r.fetched();
    await r.compared(false);
    expect(r.actor.getSnapshot().context.due).toEqual([request]);
    meanwhile(r);
    r.clock.increment(0);
    expect(r.state()).toBe(state);
    expect(r.actor.getSnapshot().context).toMatchObject(EMPTY);
  });

  it.each([
    ['fetching', async () => {}],
    ['comparing', async (r: ReturnType<typeof reconciler>) => r.fetched()],
    [
      'syncing',
      async (r: ReturnType<typeof reconciler>) => {
        await r.fetched();
        await r.compared(true);
      },
    ],
    [
      'idle',
      async (r: ReturnType<typeof reconciler>) => {
        await r.fetched();
        await r.compared(false);
      },
    ],
  ])('goes down from %s and sleeps until RECOVER', async (from, reach) => {
    const r = reconciler();
    await reach(r);
    expect(r.state()).toBe(from);
    r.send({ type: 'GO_DOWN' });
    expect(r.state()).toBe('down');
    for (const type of ['REFRESH', 'SYNC', 'SYNC_DONE', 'RETRY', 'WATCH', 'APPLIED'] as const)
      r.send({ type });
    expect(r.actor.getSnapshot().context.pending).toBeNull();
    // A fetch or compare that was running settles into nothing: its actor was stopped.
    for (const call of r.fetches) call.resolve();
    for (const call of r.compares) call.resolve(true);
    await flush();
    r.clock.increment(3_600_000);
    expect(r.state()).toBe('down');
    r.send({ type: 'RECOVER' });
    expect(r.state()).toBe('fetching');
    expect(r.actor.getSnapshot().context).toEqual({ reason: 'recovered', manual: false, ...EMPTY });
    expect(r.log.filter((line) => line.includes('down'))).toEqual(['0s went down']);
    expect(r.errors).toEqual([]);
  });
});
