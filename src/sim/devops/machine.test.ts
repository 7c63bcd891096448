// The pipeline machine on its own: its stages, queue, gates and verify loop on xstate's
// SimulatedClock, then model-based paths from `xstate/graph` replayed on real actors.
import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock, type SnapshotFrom, type StateValue } from 'xstate';
import { getShortestPaths, toDirectedGraph, type DirectedGraphNode } from 'xstate/graph';
import {
  DEFAULT_STAGES,
  VERIFY_POLL_MS,
  pipelineMachine,
  type PipelineContext,
  type PipelineEvent,
  type PipelineInput,
  type StageDurations,
} from './machine';

/** What the lane's injected guards look at: the CI system, the test run, the cluster. */
interface World {
  ciAvailable: boolean;
  testsPass: boolean;
  deployFailed: boolean;
  rollout: 'complete' | 'progressing' | 'failed';
}
const HAPPY: World = {
  ciAvailable: true,
  testsPass: true,
  deployFailed: false,
  rollout: 'complete',
};
/** What the lane injects as verifyTimeout: the app's progressDeadlineSeconds. */
const VERIFY_TIMEOUT_MS = 30_000;

type Snapshot = SnapshotFrom<typeof pipelineMachine>;
/**
 * An event as the model sees it. It may carry the world it happens in: the graph traversal only
 * sees events, so putting a guard's outcome on the event lets it explore both branches from one
 * snapshot. Delayed transitions are the `xstate.after.<delay>.<state id>` events xstate raises.
 */
type ModelEvent = (PipelineEvent | { type: `xstate.after.${string}` }) & { world?: Partial<World> };

function worldOf(event: object, fallback: World): World {
  return 'world' in event ? { ...fallback, ...(event.world as Partial<World>) } : fallback;
}

/** `verify.polling` for `{ verify: 'polling' }`. */
function label(value: StateValue): string {
  if (typeof value === 'string') return value;
  return Object.entries(value)
    .map(([key, child]) => (child ? `${key}.${label(child)}` : key))
    .join(',');
}

/** The ids of the state nodes a value is in: `{ verify: 'polling' }` is in two. */
function stateIds(value: StateValue, parent = 'pipeline'): string[] {
  if (typeof value === 'string') return [`${parent}.${value}`];
  return Object.entries(value).flatMap(([key, child]) => [
    `${parent}.${key}`,
    ...(child ? stateIds(child, `${parent}.${key}`) : []),
  ]);
}

// The lane numbers requests; `pipeline().send` numbers them 1, 2, 3… as they are sent.
const push = (revision: string): ModelEvent => ({
  type: 'PUSH',
  request: { id: 0, revision, trigger: 'push', by: 'alice' },
});

/**
 * A pipeline actor on a SimulatedClock whose guards read `world` (or the event's world) and whose
 * actions write a timed log. `trace` holds every microstep, so transient states show in it.
 */
function pipeline(
  input: Partial<PipelineInput> = {},
  verifyTimeout: number | null = VERIFY_TIMEOUT_MS,
) {
  const clock = new SimulatedClock();
  const at = () => `${clock.now() / 1000}s`;
  const h = {
    world: { ...HAPPY },
    log: [] as string[],
    trace: [] as string[],
    entered: new Set<string>(),
  };
  const record = (value: StateValue) => {
    h.trace.push(`${at()} ${label(value)}`);
    for (const id of stateIds(value)) h.entered.add(id);
  };
  const world = (event: object) => worldOf(event, h.world);
  const machine = pipelineMachine.provide({
    guards: {
      ciAvailable: ({ event }) => world(event).ciAvailable,
      testsPass: ({ event }) => world(event).testsPass,
      deployFailed: ({ event }) => world(event).deployFailed,
      rolloutComplete: ({ event }) => world(event).rollout === 'complete',
      rolloutFailed: ({ event }) => world(event).rollout === 'failed',
    },
    delays: verifyTimeout === null ? {} : { verifyTimeout },
    actions: {
      stageStarted: (_, { stage }) => h.log.push(`${at()} start ${stage}`),
      stageFinished: (_, { stage, ok, reason }) =>
        h.log.push(`${at()} ${ok ? 'ok' : 'FAIL'} ${stage}${reason ? `: ${reason}` : ''}`),
      applyApp: ({ context }) => h.log.push(`${at()} apply app ${context.run?.appIndex}`),
      runCancelled: ({ context }) => h.log.push(`${at()} cancel run ${context.run?.id}`),
      requestsCancelled: ({ context }) => {
        for (const r of context.superseded) h.log.push(`${at()} cancel pending ${r.id}`);
      },
      approved: ({ event }) => h.log.push(`${at()} approved by ${'by' in event ? event.by : '?'}`),
    },
  });
  const actor = createActor(machine, {
    clock,
    input: {
      stages: DEFAULT_STAGES,
      approval: false,
      concurrency: 'queue',
      gates: [],
      ...input,
    },
    inspect: (ev) => {
      if (ev.type === '@xstate.microstep' && ev.actorRef === actor)
        record((ev.snapshot as Snapshot).value);
    },
  });
  record(actor.getSnapshot().value);
  actor.start();
  const state = () => label(actor.getSnapshot().value);
  // WARNING: SimulatedClock.increment fires only the timers due at the new time, and a timer set
  // while firing starts from that new time: one long jump would stretch a chain of stages. Tick
  // in whole seconds, the resolution every delay here is written in.
  const run = (ms: number) => {
    for (let t = 0; t < ms; t += 1_000) clock.increment(1_000);
  };
  let requests = 0;
  const send = (event: ModelEvent) =>
    actor.send(
      (event.type === 'PUSH'
        ? { ...event, request: { ...event.request, id: ++requests } }
        : event) as PipelineEvent,
    );
  return { ...h, machine, actor, clock, state, run, send };
}

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

// ---- model-based: xstate/graph paths replayed on actors --------------------------------------

const after = (delay: string, state: string) => ({
  type: `xstate.after.${delay}.pipeline.${state}` as const,
});
/** Every event the model may send, with the guard outcomes worth exploring on it. */
const MODEL_EVENTS: ModelEvent[] = [
  push('a1'),
  { ...push('a1'), world: { ciAvailable: false } },
  { type: 'CI_RESTORED' },
  { type: 'APPROVE', by: 'bob' },
  after('checkout', 'checkout'),
  after('build', 'build'),
  after('test', 'test'),
  { ...after('test', 'test'), world: { testsPass: false } },
  after('deploy', 'deploy'),
  { ...after('deploy', 'deploy'), world: { deployFailed: true } },
  { ...after('deploy', 'deploy'), world: { rollout: 'progressing' } },
  after('verifyPoll', 'verify.polling'),
  { ...after('verifyPoll', 'verify.polling'), world: { rollout: 'failed' } },
  { ...after('verifyTimeout', 'verify'), world: { rollout: 'progressing' } },
];

const INPUTS: Array<{ name: string; input: PipelineInput; unreached: string[] }> = [
  {
    name: 'one app',
    input: { stages: DEFAULT_STAGES, approval: false, concurrency: 'queue', gates: [] },
    unreached: ['pipeline.waiting-approval'],
  },
  {
    name: 'one app, approval',
    input: { stages: DEFAULT_STAGES, approval: true, concurrency: 'queue', gates: [] },
    unreached: [],
  },
  {
    name: 'one app, cancel-in-progress',
    input: {
      stages: DEFAULT_STAGES,
      approval: false,
      concurrency: 'cancel-in-progress',
      gates: [],
    },
    unreached: ['pipeline.waiting-approval'],
  },
  {
    name: 'one app, github-concurrency-group',
    input: {
      stages: DEFAULT_STAGES,
      approval: false,
      concurrency: 'github-concurrency-group',
      gates: [],
    },
    unreached: ['pipeline.waiting-approval'],
  },
  {
    name: 'two apps, the second gated',
    input: {
      stages: DEFAULT_STAGES,
      approval: false,
      concurrency: 'queue',
      gates: [false, true],
    },
    unreached: [],
  },
];

/** What the flow depends on: the state, whether a push waits, which app the run is at. */
const abstractState = ({ value, context }: Pick<Snapshot, 'value' | 'context'>) =>
  JSON.stringify({ value, queued: context.queue.length, app: context.run?.appIndex ?? 0 });

function modelPaths(input: PipelineInput) {
  return getShortestPaths(pipeline(input).machine, {
    input,
    // xstate types `events` as the machine's own; the model's extras ride along under a cast.
    events: MODEL_EVENTS as PipelineEvent[],
    // Run ids and revisions grow without end; the flow only sees the abstract state.
    serializeState: abstractState,
    // Only what the state handles (an unhandled event would still re-run `always` guards, which
    // a real actor never sees), and at most one waiting push so the space stays finite.
    filterEvents: (snapshot, event) =>
      snapshot.can(event) && !(event.type === 'PUSH' && snapshot.context.queue.length > 0),
  });
}

function delayMs(delay: string, context: PipelineContext): number {
  if (delay === 'verifyPoll') return VERIFY_POLL_MS;
  if (delay === 'verifyTimeout') return VERIFY_TIMEOUT_MS;
  return context.stages[delay as keyof StageDurations];
}

/**
 * Replays a path on a fresh actor and returns the state node ids it entered on the way (from the
 * microsteps, so the transient `gate` and `next-app` count). A delayed transition is driven by
 * the SimulatedClock, not by sending the `xstate.after...` event: the clock moves to 1 ms before
 * the delay is due (the state must not have moved), then 1 ms more, which checks the delay too.
 */
function replay(path: ReturnType<typeof modelPaths>[number], input: PipelineInput): Set<string> {
  const p = pipeline(input);
  for (const { event, state } of path.steps.slice(1)) {
    const before = p.actor.getSnapshot();
    Object.assign(p.world, worldOf(event, HAPPY));
    if (event.type.startsWith('xstate.after.')) {
      p.clock.increment(delayMs(event.type.split('.')[2]!, before.context) - 1);
      expect(p.actor.getSnapshot().value).toEqual(before.value);
      p.clock.increment(1);
    } else {
      p.send(event);
    }
    expect(abstractState(p.actor.getSnapshot()), event.type).toBe(abstractState(state));
  }
  expect(abstractState(p.actor.getSnapshot())).toBe(abstractState(path.state));
  return p.entered;
}

/** Every state node id of the machine, from the graph xstate would draw. */
const flatten = (node: DirectedGraphNode): string[] => [node.id, ...node.children.flatMap(flatten)];
const ALL = flatten(toDirectedGraph(pipelineMachine)).filter((id) => id !== 'pipeline');
/** States left by an unguarded `always`: a path passes through them but never rests there. */
const TRANSIENT = flatten(toDirectedGraph(pipelineMachine)).filter((id) =>
  pipelineMachine.getStateNodeById(id).always?.some((t) => !t.guard),
);
const sorted = (ids: Iterable<string>) => [...new Set(ids)].sort();

describe('pipelineMachine model (xstate/graph shortest paths)', () => {
  it('has the states the pipeline is drawn with', () => {
    expect(ALL).toEqual([
      'pipeline.idle',
      'pipeline.queued',
      'pipeline.checkout',
      'pipeline.build',
      'pipeline.test',
      'pipeline.gate',
      'pipeline.waiting-approval',
      'pipeline.deploy',
      'pipeline.verify',
      'pipeline.verify.polling',
      'pipeline.next-app',
      'pipeline.succeeded',
      'pipeline.failed',
    ]);
    expect(TRANSIENT).toEqual(['pipeline.gate', 'pipeline.next-app']);
  });

  it('has a path resting in every state but the transient ones', () => {
    const resting = INPUTS.flatMap(({ input }) =>
      modelPaths(input).flatMap((path) => stateIds(path.state.value)),
    );
    expect(sorted(resting)).toEqual(sorted(ALL.filter((id) => !TRANSIENT.includes(id))));
  });

  it.each(INPUTS)('replays every path of $name on an actor', ({ input, unreached }) => {
    const paths = modelPaths(input);
    const entered = paths.flatMap((path) => [...replay(path, input)]);
    expect(sorted(entered)).toEqual(sorted(ALL.filter((id) => !unreached.includes(id))));
  });

  it('enters every state node on some replayed path', () => {
    const entered = INPUTS.flatMap(({ input }) =>
      modelPaths(input).flatMap((path) => [...replay(path, input)]),
    );
    expect(sorted(entered)).toEqual(sorted(ALL));
  });
});
