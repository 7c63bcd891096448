import { describe, expect, it } from 'vitest';
import { pipelineMachine } from '../../sim/devops/machine';
import { reconcilerMachine } from '../../sim/gitops/machine';
import { eventLabel } from './event-label';
import { machineGraph, markTransition } from './machine-graph';

describe('machineGraph', () => {
  it('draws every top-level pipeline state, with the eventless choice points as choices', () => {
    const g = machineGraph(pipelineMachine);
    expect(g.initial).toBe('idle');
    expect(g.nodes.map((n) => n.id)).toEqual(Object.keys(pipelineMachine.root.states));
    expect(g.nodes.filter((n) => n.choice).map((n) => n.id)).toEqual(['gate', 'next-app']);
    expect(g.nodes.find((n) => n.id === 'verify')?.nested).toEqual(['polling']);
  });

  it('includes the always transitions that toDirectedGraph leaves out, with their guards', () => {
    const g = machineGraph(pipelineMachine);
    const edge = (id: string) => g.edges.find((e) => e.id === id);
    expect(edge('gate->waiting-approval')?.labels).toEqual(['always [firstAppGated]']);
    expect(edge('queued->checkout')?.labels).toEqual([
      'CI_RESTORED [ciAvailable]',
      'always [ciAvailable]',
    ]);
    expect(edge('next-app->waiting-approval')?.labels).toEqual([
      'always [moreApps && nextAppGated]',
    ]);
    expect(edge('test->gate')?.labels).toEqual(['after test [testsPass]']);
    // A move between nested states (verify's polling) is not drawn.
    expect(edge('verify->verify')).toBeUndefined();
  });

  // Transitions with no target keep the state: the queues, drawn as self-loops worded by what
  // they do (a request to a busy controller waits, as Argo CD's work queue holds an app key).
  it('draws the transitions that stay, the queues, as self-loops on their state', () => {
    const reconciler = machineGraph(reconcilerMachine);
    const loops = reconciler.edges.filter((e) => e.source === e.target);
    const requests = ['WATCH', 'APPLIED', 'RETRY', 'REFRESH', 'WEBHOOK', 'SYNC'];
    expect(loops.map((e) => [e.id, e.labels, e.words])).toEqual([
      ['idle->idle', ['always [queued]'], ['takes up the queued request']],
      ['fetching->fetching', requests, ['a request is queued']],
      ['comparing->comparing', requests, ['a request is queued']],
      ['syncing->syncing', requests, ['a request is queued']],
    ]);
    expect(reconciler.anyState.at(-1)).toEqual({
      target: null,
      event: 'TAKE_QUEUED',
      label: 'TAKE_QUEUED [handedOut]',
      words: 'the queued request runs',
    });
    const pipeline = machineGraph(pipelineMachine);
    expect(pipeline.edges.filter((e) => e.source === e.target).map((e) => e.words)).toEqual([
      ['a newer push replaces the pending run', 'a push waits for a runner'],
    ]);
  });

  // A queued request taken up in idle is reported as TAKE_QUEUED: the edge it took is drawn.
  it('marks the way a queued request went, not the loop it waited in', () => {
    const g = machineGraph(reconcilerMachine);
    expect(markTransition(g, { from: 'idle', to: 'comparing', event: 'TAKE_QUEUED' })).toEqual({
      edges: ['idle->comparing'],
      anyState: null,
    });
  });

  it('lists root transitions as taken from any state', () => {
    const moves = (m: typeof pipelineMachine | typeof reconcilerMachine) =>
      machineGraph(m).anyState.filter((a) => a.target !== null);
    expect(moves(reconcilerMachine)).toEqual([
      { target: 'down', event: 'GO_DOWN', label: 'GO_DOWN', words: 'when it goes down' },
    ]);
    expect(moves(pipelineMachine)).toEqual([
      {
        target: 'queued',
        event: 'PUSH',
        label: 'PUSH [cancelsRunning]',
        words: 'on a push to main, if it cancels the run in progress',
      },
    ]);
  });

  it('merges the transitions between two states into one edge', () => {
    const g = machineGraph(reconcilerMachine);
    const idleToFetch = g.edges.find((e) => e.id === 'idle->fetching');
    expect(idleToFetch?.labels).toEqual([
      'REFRESH',
      'WEBHOOK [webhookEnabled]',
      'SYNC',
      'after pollDelay',
    ]);
    expect(g.edges.find((e) => e.id === 'comparing->syncing')?.labels).toEqual([
      'comparing done [shouldSync]',
    ]);
  });
});

describe('markTransition', () => {
  const pipeline = machineGraph(pipelineMachine);
  it('follows eventless transitions through a choice point', () => {
    const mark = markTransition(pipeline, {
      from: 'test',
      to: 'deploy',
      event: 'xstate.after.test.pipeline.test',
    });
    expect(mark.edges).toEqual(['test->gate', 'gate->deploy']);
  });

  it('marks a push that runs straight through queued', () => {
    expect(markTransition(pipeline, { from: 'idle', to: 'checkout', event: 'PUSH' }).edges).toEqual(
      ['idle->queued', 'queued->checkout'],
    );
  });

  it('marks a root transition', () => {
    const g = machineGraph(reconcilerMachine);
    expect(markTransition(g, { from: 'idle', to: 'down', event: 'GO_DOWN' })).toEqual({
      edges: [],
      anyState: 0,
    });
    expect(markTransition(g, null)).toEqual({ edges: [], anyState: null });
  });
});

describe('eventLabel', () => {
  it.each([
    ['xstate.after.build.pipeline.build', 'after build'],
    ['xstate.done.actor.0.reconciler.fetching', 'fetching done'],
    ['xstate.error.actor.0.reconciler.comparing', 'comparing error'],
    ['', 'always'],
    ['APPROVE', 'APPROVE'],
  ])('%s reads as %s', (type, label) => {
    expect(eventLabel(type)).toBe(label);
  });
});
