// A lane machine as a drawable graph, read from the machine definition itself: the top-level
// states are the nodes, their transitions (`on`, `after`, invoke done/error from
// `toDirectedGraph`, plus the eventless `always` ones it leaves out) the edges. Transitions of
// nested states are drawn on their top-level ancestor; transitions declared on the machine root
// apply in any state and are listed apart. A state whose only way out is `always` is a choice
// point (the pipeline's `gate` and `next-app`): the lane never rests there.
// A transition with no target keeps the state and only runs its actions: the queues (a request
// to a busy reconciler waits in its queue; a push to a busy pipeline waits for a runner). It is
// drawn as a self-loop on its state, worded by what it does (transition-words.ts `stayWords`).
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { toDirectedGraph, type DirectedGraphNode } from 'xstate/graph';
import { eventLabel } from './event-label';
import { stayWords, transitionWords } from './transition-words';

export interface GraphNode {
  id: string;
  label: string;
  choice: boolean;
  /** Nested states, shown in the node's tooltip (`verify` polls in `polling`). */
  nested: string[];
}

export interface GraphEdge {
  /** `source->target`; a self-loop (source = target) holds the transitions that stay. */
  id: string;
  source: string;
  target: string;
  /** The raw event types that take this edge ('' for eventless). */
  events: string[];
  /** One label per transition: `after build [testsPass]`, `REFRESH`. */
  labels: string[];
  /** The labels in a learner's words (transition-words.ts), each said once. */
  words: string[];
}

/** A transition declared on the machine root: taken from whichever state the lane is in. */
export interface AnyStateEdge {
  /** The state it goes to, or null when it stays in whichever state the lane is in. */
  target: string | null;
  event: string;
  label: string;
  /** The label in a learner's words. */
  words: string;
}

export interface MachineGraph {
  id: string;
  initial: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  anyState: AnyStateEdge[];
}

interface Transition {
  eventType: string;
  target?: readonly AnyStateNode[];
  guard?: unknown;
  actions?: readonly unknown[];
}

/** The names of a transition's actions (`queue`, `enqueue`), in order. */
function actionNames(actions: readonly unknown[] | undefined): string[] {
  return (actions ?? []).flatMap((a) => {
    if (typeof a === 'string') return [a];
    if (typeof a === 'object' && a !== null && 'type' in a) return [String(a.type)];
    if (typeof a === 'function' && a.name) return [a.name];
    return [];
  });
}

function guardName(guard: unknown): string | null {
  if (guard === undefined || guard === null) return null;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') {
    const nested = (guard as { guards?: unknown[] }).guards;
    if (Array.isArray(nested)) {
      const op = guard.name === 'or' ? ' || ' : ' && ';
      return nested.map((g) => guardName(g) ?? '?').join(op);
    }
    return guard.name || 'guard';
  }
  if (typeof guard === 'object' && 'type' in guard) return String(guard.type);
  return 'guard';
}

function transitionLabel(eventType: string, guard: unknown): string {
  const event = eventLabel(eventType);
  const name = guardName(guard);
  return name ? `${event} [${name}]` : event;
}

/** The top-level state a (possibly nested) state node belongs to, or null for the root. */
function topOf(node: AnyStateNode, root: AnyStateNode): AnyStateNode | null {
  let n: AnyStateNode | undefined = node;
  while (n && n.parent && n.parent !== root) n = n.parent;
  return n && n !== root ? n : null;
}

/** The node and its nested states, each with its edges (eventless ones added). */
function flatten(node: DirectedGraphNode): { node: AnyStateNode; edges: DirectedEdge[] }[] {
  const always: DirectedEdge[] = ((node.stateNode.always ?? []) as Transition[]).flatMap((t) => {
    const actions = actionNames(t.actions);
    const targets: (AnyStateNode | null)[] = t.target?.length ? [...t.target] : [null];
    return targets.map((target) => ({ eventType: '', guard: t.guard, target, actions }));
  });
  const own: DirectedEdge[] = node.edges.map((e) => ({
    eventType: String(e.transition.eventType),
    guard: e.transition.guard,
    // toDirectedGraph points a targetless (internal) transition at its own state.
    target: e.transition.target ? e.target : null,
    actions: actionNames(e.transition.actions),
  }));
  return [{ node: node.stateNode, edges: [...own, ...always] }, ...node.children.flatMap(flatten)];
}

interface DirectedEdge {
  eventType: string;
  guard: unknown;
  /** null: a transition that stays (no target). */
  target: AnyStateNode | null;
  actions: string[];
}

export function machineGraph(machine: AnyStateMachine): MachineGraph {
  const root = machine.root;
  const directed = toDirectedGraph(machine);
  const edges = new Map<string, GraphEdge>();
  const anyState: AnyStateEdge[] = [];

  const add = (from: AnyStateNode, e: DirectedEdge) => {
    const stays = e.target === null;
    const dst = e.target ? topOf(e.target, root) : null;
    if (!dst && !stays) return;
    const label = transitionLabel(e.eventType, e.guard);
    const words = stays ? stayWords(label, e.actions) : transitionWords(label);
    if (from === root) {
      anyState.push({ target: dst?.key ?? null, event: e.eventType, label, words });
      return;
    }
    const src = topOf(from, root);
    // A move between nested states of one top-level state is not drawn (verify's polling).
    if (!src || (!stays && src === dst)) return;
    const target = dst ?? src;
    const id = `${src.key}->${target.key}`;
    const edge = edges.get(id) ?? {
      id,
      source: src.key,
      target: target.key,
      events: [],
      labels: [],
      words: [],
    };
    edge.events.push(e.eventType);
    edge.labels.push(label);
    if (!edge.words.includes(words)) edge.words.push(words);
    edges.set(id, edge);
  };

  for (const e of flatten({ ...directed, children: [] })[0]!.edges) add(root, e);
  const nodes: GraphNode[] = [];
  for (const child of directed.children) {
    const parts = flatten(child);
    for (const { node, edges: out } of parts) for (const e of out) add(node, e);
    const top = child.stateNode;
    nodes.push({
      id: top.key,
      label: top.key,
      choice: top.transitions.size === 0 && (top.always?.length ?? 0) > 0,
      nested: parts.slice(1).map((p) => p.node.key),
    });
  }
  const initial = root.initial?.target[0]?.key ?? nodes[0]?.id ?? '';
  return { id: root.id, initial, nodes, edges: [...edges.values()], anyState };
}

export interface TransitionMark {
  /** Edges taken by the last transition, in order. */
  edges: string[];
  /** Index into `anyState` when the transition started with a root transition. */
  anyState: number | null;
}

/**
 * The edges the last transition took. The lane reports one transition per event, but a
 * macrostep may pass through eventless transitions (`test -> gate -> deploy`, `idle -> queued ->
 * checkout`): so, the shortest path whose first edge takes `event` and whose other edges are
 * `always` ones.
 */
export function markTransition(
  graph: MachineGraph,
  last: { from: string; to: string; event: string } | null,
): TransitionMark {
  const none = { edges: [], anyState: null };
  if (!last) return none;
  const eventless = (e: GraphEdge) => e.events.includes('');
  const search = (start: string, first: (e: GraphEdge) => boolean): string[] | null => {
    const queue: { at: string; path: string[] }[] = [{ at: start, path: [] }];
    const seen = new Set<string>();
    while (queue.length > 0) {
      const { at, path } = queue.shift()!;
      if (at === last.to && path.length > 0) return path;
      if (seen.has(at)) continue;
      seen.add(at);
      for (const e of graph.edges) {
        // A self-loop stays: it never takes the lane anywhere.
        if (e.source !== at || e.target === at) continue;
        if (path.length === 0 ? !first(e) : !eventless(e)) continue;
        queue.push({ at: e.target, path: [...path, e.id] });
      }
    }
    return null;
  };
  const byEvent = search(last.from, (e) => e.events.includes(last.event));
  if (byEvent) return { edges: byEvent, anyState: null };
  const index = graph.anyState.findIndex((a) => a.event === last.event && a.target !== null);
  if (index >= 0) {
    const target = graph.anyState[index]!.target!;
    if (target === last.to) return { edges: [], anyState: index };
    const rest = search(target, eventless);
    return { edges: rest ?? [], anyState: index };
  }
  return { edges: search(last.from, () => true) ?? [], anyState: null };
}
