// A pipeline machine on xstate's SimulatedClock for the machine's tests (machine.test.ts, its
// clock; machine.model.test.ts, its xstate/graph paths): guards read a world the test sets, and
// actions write a timed log.
import { createActor, SimulatedClock, type SnapshotFrom, type StateValue } from 'xstate';
import {
  DEFAULT_STAGES,
  pipelineMachine,
  type PipelineEvent,
  type PipelineInput,
} from '../machine';

/** What the lane's injected guards look at: the CI system, the test run, the cluster. */
export interface World {
  ciAvailable: boolean;
  testsPass: boolean;
  deployFailed: boolean;
  rollout: 'complete' | 'progressing' | 'failed';
}
export const HAPPY: World = {
  ciAvailable: true,
  testsPass: true,
  deployFailed: false,
  rollout: 'complete',
};
/** What the lane injects as verifyTimeout: the app's progressDeadlineSeconds. */
export const VERIFY_TIMEOUT_MS = 30_000;

export type Snapshot = SnapshotFrom<typeof pipelineMachine>;
/**
 * An event as the model sees it. It may carry the world it happens in: the graph traversal only
 * sees events, so putting a guard's outcome on the event lets it explore both branches from one
 * snapshot. Delayed transitions are the `xstate.after.<delay>.<state id>` events xstate raises.
 */
export type ModelEvent = (PipelineEvent | { type: `xstate.after.${string}` }) & {
  world?: Partial<World>;
};

export function worldOf(event: object, fallback: World): World {
  return 'world' in event ? { ...fallback, ...(event.world as Partial<World>) } : fallback;
}

/** `verify.polling` for `{ verify: 'polling' }`. */
export function label(value: StateValue): string {
  if (typeof value === 'string') return value;
  return Object.entries(value)
    .map(([key, child]) => (child ? `${key}.${label(child)}` : key))
    .join(',');
}

/** The ids of the state nodes a value is in: `{ verify: 'polling' }` is in two. */
export function stateIds(value: StateValue, parent = 'pipeline'): string[] {
  if (typeof value === 'string') return [`${parent}.${value}`];
  return Object.entries(value).flatMap(([key, child]) => [
    `${parent}.${key}`,
    ...(child ? stateIds(child, `${parent}.${key}`) : []),
  ]);
}

// The lane numbers requests; `pipeline().send` numbers them 1, 2, 3… as they are sent.
export const push = (revision: string): ModelEvent => ({
  type: 'PUSH',
  request: { id: 0, revision, trigger: 'push', by: 'alice' },
});

/**
 * A pipeline actor on a SimulatedClock whose guards read `world` (or the event's world) and whose
 * actions write a timed log. `trace` holds every microstep, so transient states show in it.
 */
export function pipeline(
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
