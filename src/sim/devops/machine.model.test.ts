// The pipeline machine's model: paths from `xstate/graph` replayed on real actors.
import { describe, expect, it } from 'vitest';
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
import {
  HAPPY,
  pipeline,
  push,
  stateIds,
  VERIFY_TIMEOUT_MS,
  worldOf,
  type ModelEvent,
  type Snapshot,
} from './testing/pipeline-actor';

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
