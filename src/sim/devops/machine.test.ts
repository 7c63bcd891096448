// The pipeline machine on its own: its stages, queue, gates and verify loop on xstate's
// SimulatedClock (the model-based paths are in machine.model.test.ts).
import { describe, expect, it } from 'vitest';
import { DEFAULT_STAGES, VERIFY_POLL_MS, type StageDurations } from './machine';
import { pipeline, push, VERIFY_TIMEOUT_MS } from './testing/pipeline-actor';

describe('pipelineMachine on a simulated clock', () => {
  it('waits in idle until a push, then takes a runner at once', () => {
    const p = pipeline();
    p.run(3_600_000);
    expect(p.state()).toBe('idle');
    p.send(push('a1'));
    expect(p.state()).toBe('checkout');
    expect(p.actor.getSnapshot().context).toMatchObject({
      queue: [],
      runs: 1,
      run: { revision: 'a1', id: 1, appIndex: 0 },
    });
  });

  it('runs checkout 10 s, build 90 s, test 60 s, deploy 20 s, then verifies', () => {
    const p = pipeline();
    p.send(push('a1'));
    p.run(200_000);
    expect(p.trace).toEqual([
      '0s idle',
      '0s queued',
      '0s checkout',
      '10s build',
      '100s test',
      '160s gate',
      '160s deploy',
      '180s verify.polling',
      '180s next-app',
      '180s succeeded',
    ]);
    expect(p.log).toEqual([
      '0s start checkout',
      '10s ok checkout',
      '10s start build',
      '100s ok build',
      '100s start test',
      '160s ok test',
      '160s start deploy',
      '160s apply app 0',
      '180s ok deploy',
      '180s start verify',
      '180s ok verify',
    ]);
  });

  it.each([
    ['checkout', 'build'],
    ['build', 'test'],
    ['test', 'deploy'],
    ['deploy', 'succeeded'],
  ] as const)('leaves %s exactly when its DEFAULT_STAGES time is up', (stage, next) => {
    const p = pipeline();
    p.send(push('a1'));
    while (p.state() !== stage) p.clock.increment(1_000);
    p.clock.increment(DEFAULT_STAGES[stage] - 1);
    expect(p.state()).toBe(stage);
    p.clock.increment(1);
    expect(p.state()).toBe(next);
  });

  it('takes stage durations from its input', () => {
    const stages: StageDurations = { checkout: 1_000, build: 2_000, test: 3_000, deploy: 4_000 };
    const p = pipeline({ stages });
    p.send(push('a1'));
    p.run(10_000);
    expect(p.trace.filter((line) => !/idle|queued|gate|next-app/.test(line))).toEqual([
      '0s checkout',
      '1s build',
      '3s test',
      '6s deploy',
      '10s verify.polling',
      '10s succeeded',
    ]);
  });

  it('fails the run when the tests fail, without deploying', () => {
    const p = pipeline();
    p.world.testsPass = false;
    p.send(push('a1'));
    p.run(200_000);
    expect(p.state()).toBe('failed');
    expect(p.log.slice(-1)).toEqual(['160s FAIL test: tests failed']);
    expect(p.log.some((line) => line.includes('deploy'))).toBe(false);
  });

  it('fails the run when kubectl apply fails, at the end of the deploy stage', () => {
    const p = pipeline();
    p.world.deployFailed = true;
    p.send(push('a1'));
    p.run(179_000);
    expect(p.state()).toBe('deploy');
    p.run(1_000);
    expect(p.state()).toBe('failed');
    expect(p.log.slice(-2)).toEqual(['160s apply app 0', '180s FAIL deploy: kubectl apply failed']);
  });

  it('with the queue model, queues pushes during a run and runs them after it, oldest first', () => {
    const p = pipeline();
    p.send(push('a1'));
    p.run(50_000);
    p.send(push('b2'));
    p.send(push('c3'));
    expect(p.state()).toBe('build');
    expect(p.actor.getSnapshot().context.queue.map((r) => r.revision)).toEqual(['b2', 'c3']);
    p.run(140_000);
    expect(p.trace.slice(-4)).toEqual([
      '180s succeeded',
      '180s queued',
      '180s checkout',
      '190s build',
    ]);
    expect(p.actor.getSnapshot().context).toMatchObject({
      runs: 2,
      run: { revision: 'b2', id: 2 },
      queue: [{ revision: 'c3' }],
    });
    p.run(360_000);
    expect(p.state()).toBe('succeeded');
    expect(p.actor.getSnapshot().context).toMatchObject({ runs: 3, run: { revision: 'c3' } });
  });

  it('cancel-in-progress: a push cancels the run in progress and starts its own', () => {
    const p = pipeline({ concurrency: 'cancel-in-progress' });
    p.send(push('a1'));
    p.run(50_000);
    p.send(push('b2'));
    expect(p.log.slice(-2)).toEqual(['50s cancel run 1', '50s start checkout']);
    expect(p.actor.getSnapshot().context).toMatchObject({
      queue: [],
      run: { revision: 'b2', id: 2 },
    });
    p.run(179_000);
    expect(p.state()).toBe('deploy');
    p.run(1_000);
    expect(p.state()).toBe('succeeded');
  });

  // No run has started in `queued`: the waiting request is dropped (reported), the newer one waits.
  it('cancel-in-progress: a push supersedes a request still waiting for CI', () => {
    const p = pipeline({ concurrency: 'cancel-in-progress' });
    p.world.ciAvailable = false;
    p.send(push('a1'));
    p.send(push('b2'));
    expect(p.log).toEqual(['0s cancel pending 1']);
    expect(p.actor.getSnapshot().context.queue.map((r) => [r.id, r.revision])).toEqual([[2, 'b2']]);
  });

  // REFERENCE.md, push lane: a concurrency group keeps one running and one pending run; a newer
  // run replaces the pending one, which is cancelled (GitHub docs "Control the concurrency of
  // workflows and jobs").
  it('github-concurrency-group: one run and one pending; a newer push replaces the pending one', () => {
    const p = pipeline({ concurrency: 'github-concurrency-group' });
    p.send(push('a1'));
    p.run(50_000);
    p.send(push('b2'));
    expect(p.log.filter((line) => line.includes('cancel'))).toEqual([]);
    p.send(push('c3'));
    p.send(push('d4'));
    expect(p.log.slice(-2)).toEqual(['50s cancel pending 2', '50s cancel pending 3']);
    expect(p.state()).toBe('build');
    expect(p.actor.getSnapshot().context.queue.map((r) => [r.id, r.revision])).toEqual([[4, 'd4']]);
    p.run(130_000);
    expect(p.actor.getSnapshot().context).toMatchObject({
      runs: 2,
      run: { id: 4, revision: 'd4' },
      queue: [],
    });
  });

  it('github-concurrency-group: while CI is down, the first request keeps its place', () => {
    const p = pipeline({ concurrency: 'github-concurrency-group' });
    p.world.ciAvailable = false;
    p.send(push('a1'));
    p.send(push('b2'));
    p.send(push('c3'));
    expect(p.log).toEqual(['0s cancel pending 2']);
    expect(p.actor.getSnapshot().context.queue.map((r) => r.revision)).toEqual(['a1', 'c3']);
  });

  it.each([
    ['the approval option', { approval: true }],
    ['a gate on the first app', { gates: [true] }],
  ])('waits for APPROVE before deploying with %s', (_, input) => {
    const p = pipeline(input);
    p.send(push('a1'));
    p.run(3_600_000);
    expect(p.state()).toBe('waiting-approval');
    p.send({ type: 'APPROVE', by: 'bob' });
    expect(p.state()).toBe('deploy');
    expect(p.log.slice(-5)).toEqual([
      '160s start approval',
      '3600s approved by bob',
      '3600s ok approval',
      '3600s start deploy',
      '3600s apply app 0',
    ]);
  });

  it('polls the rollout every VERIFY_POLL_MS while it progresses', () => {
    const p = pipeline();
    p.world.rollout = 'progressing';
    p.send(push('a1'));
    p.run(183_000);
    expect(p.state()).toBe('verify.polling');
    p.world.rollout = 'complete';
    // Polls fall at 182 s, 184 s...: the change is seen at the next one, not before.
    p.clock.increment(VERIFY_POLL_MS / 2 - 1);
    expect(p.state()).toBe('verify.polling');
    p.clock.increment(1);
    expect(p.state()).toBe('succeeded');
    expect(p.log.slice(-1)).toEqual(['184s ok verify']);
  });

  it('fails verify when a poll sees the rollout fail', () => {
    const p = pipeline();
    p.world.rollout = 'progressing';
    p.send(push('a1'));
    p.run(190_000);
    p.world.rollout = 'failed';
    p.run(VERIFY_POLL_MS);
    expect(p.state()).toBe('failed');
    expect(p.log.slice(-1)).toEqual([
      '192s FAIL verify: rollout failed: progress deadline exceeded',
    ]);
  });

  it.each([
    ['the injected verifyTimeout', VERIFY_TIMEOUT_MS],
    ['the 10 min default', null],
  ])('fails verify after %s when the rollout never completes', (_, injected) => {
    const timeout = injected ?? 600_000;
    const p = pipeline({}, injected);
    p.world.rollout = 'progressing';
    p.send(push('a1'));
    p.run(180_000 + timeout - 1_000);
    expect(p.state()).toBe('verify.polling');
    p.run(1_000);
    expect(p.state()).toBe('failed');
    expect(p.log.slice(-1)).toEqual([
      `${180 + timeout / 1000}s FAIL verify: timed out waiting for the rollout`,
    ]);
  });

  it('keeps a run queued while CI is down, until CI_RESTORED finds it back', () => {
    const p = pipeline();
    p.world.ciAvailable = false;
    p.send(push('a1'));
    p.run(600_000);
    p.send({ type: 'CI_RESTORED' });
    expect(p.state()).toBe('queued');
    expect(p.actor.getSnapshot().context).toMatchObject({ runs: 0, queue: [{ revision: 'a1' }] });
    p.world.ciAvailable = true;
    p.run(10_000);
    expect(p.state()).toBe('queued');
    p.send({ type: 'CI_RESTORED' });
    expect(p.state()).toBe('checkout');
    expect(p.log).toEqual(['610s start checkout']);
  });

  it('deploys and verifies app by app, with a gate before an app that asks for one', () => {
    const p = pipeline({ gates: [false, true, false] });
    p.send(push('a1'));
    p.run(200_000);
    expect(p.state()).toBe('waiting-approval');
    expect(p.actor.getSnapshot().context.run?.appIndex).toBe(1);
    p.send({ type: 'APPROVE', by: 'bob' });
    p.run(100_000);
    expect(p.trace.filter((line) => !/checkout|build|test|idle|queued/.test(line))).toEqual([
      '160s gate',
      '160s deploy',
      '180s verify.polling',
      '180s next-app',
      '180s waiting-approval',
      '200s deploy',
      '220s verify.polling',
      '220s next-app',
      '220s deploy',
      '240s verify.polling',
      '240s next-app',
      '240s succeeded',
    ]);
    expect(p.log.filter((line) => /apply|approv/.test(line))).toEqual([
      '160s apply app 0',
      '180s start approval',
      '200s approved by bob',
      '200s ok approval',
      '200s apply app 1',
      '220s apply app 2',
    ]);
  });

  it('listens for pushes again after a failed run', () => {
    const p = pipeline();
    p.world.testsPass = false;
    p.send(push('a1'));
    p.run(160_000);
    expect(p.state()).toBe('failed');
    p.world.testsPass = true;
    p.send(push('b2'));
    p.run(180_000);
    expect(p.state()).toBe('succeeded');
    expect(p.actor.getSnapshot().context).toMatchObject({ runs: 2, run: { revision: 'b2' } });
  });
});
