// The lane's state machine, drawn from the machine definition (machine-graph.ts) and laid out by
// dagre: read-only, at its natural size (zoom 1: 11 px text, issue 14); a box narrower than the
// drawing scrolls instead, and keeps the current state in view. Loaded lazily (see MachineView): @xyflow/react and dagre
// stay out of the first bundle. The drawing is an image with a text alternative: its label names
// the current state, and the transition list below it says the rest in words.
import {
  BaseEdge,
  EdgeLabelRenderer,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  type Edge,
  type EdgeProps,
  type Node,
  type NodeProps,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './machine.css';
import { memo, useLayoutEffect, useMemo, useRef } from 'react';
import { pipelineMachine } from '../../sim/devops/machine';
import { reconcilerMachine } from '../../sim/gitops/machine';
import { machineGraph, markTransition, type MachineGraph } from './machine-graph';
import { basisPath, layoutGraph, type PlacedEdge } from './machine-layout';
import type { Lane } from './lane-types';

export interface MachineDiagramProps {
  lane: Lane;
  state: string;
  lastTransition: { from: string; to: string; event: string } | null;
  large: boolean;
}

type StateData = { label: string; current: boolean; choice: boolean; title: string };
type StateNodeType = Node<StateData, 'state'>;
type RoutedData = {
  placed: PlacedEdge;
  text: string;
  /** The raw events and guards, shown on hover. */
  raw: string;
  marked: boolean;
  showLabel: boolean;
};
type RoutedEdgeType = Edge<RoutedData, 'routed'>;

const GRAPHS: Record<Lane, MachineGraph> = {
  devops: machineGraph(pipelineMachine),
  gitops: machineGraph(reconcilerMachine),
};

function StateNode({ data }: NodeProps<StateNodeType>) {
  const cls = [
    'lp-node',
    data.choice ? 'lp-node-choice' : '',
    data.current ? 'lp-node-current' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={cls} title={data.title}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      {data.choice ? null : <span>{data.label}</span>}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

function RoutedEdge({ data, markerEnd }: EdgeProps<RoutedEdgeType>) {
  if (!data) return null;
  const { placed, marked, text, raw, showLabel } = data;
  const mid = placed.points[Math.floor(placed.points.length / 2)];
  const at = placed.label ?? mid;
  return (
    <>
      <BaseEdge
        path={basisPath(placed.points)}
        markerEnd={markerEnd}
        className={marked ? 'lp-edge lp-edge-marked' : 'lp-edge'}
        interactionWidth={0}
      />
      {showLabel && at ? (
        <EdgeLabelRenderer>
          <div
            className={marked ? 'lp-edge-label lp-edge-label-marked' : 'lp-edge-label'}
            style={{ transform: `translate(-50%, -50%) translate(${at.x}px, ${at.y}px)` }}
            title={raw}
          >
            {text}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

const nodeTypes = { state: StateNode };
const edgeTypes = { routed: RoutedEdge };

function MachineDiagram({ lane, state, lastTransition, large }: MachineDiagramProps) {
  const graph = GRAPHS[lane];
  const layout = useMemo(() => layoutGraph(graph, { labels: large }), [graph, large]);
  const mark = useMemo(() => markTransition(graph, lastTransition), [graph, lastTransition]);

  const nodes = useMemo<StateNodeType[]>(
    () =>
      graph.nodes.map((n) => {
        const p = layout.nodes.get(n.id)!;
        const title = n.choice
          ? `${n.label}: a choice point; the lane passes through it on eventless transitions`
          : `${n.label}${n.nested.length ? ` (nested: ${n.nested.join(', ')})` : ''}${n.id === state ? ': current state' : ''}`;
        return {
          id: n.id,
          type: 'state',
          position: { x: p.x, y: p.y },
          width: p.width,
          height: p.height,
          handles: [
            { type: 'target', position: Position.Left, x: 0, y: p.height / 2 },
            { type: 'source', position: Position.Right, x: p.width, y: p.height / 2 },
          ],
          data: { label: n.label, current: n.id === state, choice: n.choice, title },
          draggable: false,
          selectable: false,
        };
      }),
    [graph, layout, state],
  );

  const edges = useMemo<RoutedEdgeType[]>(
    () =>
      graph.edges.map((e) => {
        const marked = mark.edges.includes(e.id);
        return {
          id: e.id,
          source: e.source,
          target: e.target,
          type: 'routed',
          // Markers scale with the stroke: a thicker marked edge gets a smaller marker.
          markerEnd: {
            type: MarkerType.ArrowClosed,
            width: marked ? 6 : 12,
            height: marked ? 6 : 12,
            color: marked ? 'var(--lp-accent)' : 'var(--lp-edge)',
          },
          zIndex: marked ? 1 : 0,
          data: {
            placed: layout.edges.get(e.id)!,
            text: e.words.join('\n'),
            raw: e.labels.join(' | '),
            marked,
            showLabel: large,
          },
        };
      }),
    [graph, layout, mark, large],
  );

  const summary = `State machine of the ${lane === 'devops' ? 'pipeline' : 'reconciler'}: ${graph.nodes.length} states; current state ${state}`;
  const box = useRef<HTMLDivElement>(null);
  // The current state in view: the box scrolls sideways to it when the state moves.
  useLayoutEffect(() => {
    const el = box.current;
    const p = layout.nodes.get(state);
    if (!el || !p) return;
    const centre = 8 + p.x + p.width / 2;
    if (centre < el.scrollLeft + 24 || centre > el.scrollLeft + el.clientWidth - 24)
      el.scrollLeft = Math.max(0, centre - el.clientWidth / 2);
  }, [layout, state]);
  return (
    <div className="lp-diagram">
      <div
        ref={box}
        className="lp-scroll"
        tabIndex={0}
        role="group"
        aria-label={`State machine diagram${large ? ' with labels' : ''} (scrolls)`}
      >
        <div
          className={large ? 'lp-flow lp-flow-large' : 'lp-flow'}
          role="img"
          aria-label={summary}
          // Natural size: a narrow box scrolls rather than shrinking the text below 11 px.
          style={{ minWidth: layout.width + 16, height: layout.height + 16 }}
        >
          <ReactFlow
            key={large ? 'large' : 'small'}
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            fitView
            fitViewOptions={{ padding: 0.02, minZoom: 1, maxZoom: 1 }}
            minZoom={1}
            maxZoom={1}
            nodesDraggable={false}
            nodesConnectable={false}
            nodesFocusable={false}
            edgesFocusable={false}
            elementsSelectable={false}
            panOnDrag={false}
            panOnScroll={false}
            zoomOnScroll={false}
            zoomOnPinch={false}
            zoomOnDoubleClick={false}
            preventScrolling={false}
            colorMode="system"
            proOptions={{ hideAttribution: true }}
          />
        </div>
      </div>
      {graph.anyState.length > 0 ? (
        <p className="lp-anystate">
          From any state:{' '}
          {graph.anyState.map((a, i) => (
            <span key={i} className={mark.anyState === i ? 'lp-edge-label-marked' : undefined}>
              <span title={a.label}>{a.words}</span>
              {a.target === null ? ' (stays)' : ` → ${a.target}`}
            </span>
          ))}
        </p>
      ) : null}
      <details className="lp-transitions">
        <summary>
          All transitions, from the machine definition{' '}
          <span className="lp-credit">(diagram: React Flow and dagre)</span>
        </summary>
        <ul>
          {graph.edges.map((e) => (
            <li key={e.id} className={mark.edges.includes(e.id) ? 'lp-marked-row' : undefined}>
              {e.source === e.target ? `${e.source} (stays)` : `${e.source} → ${e.target}`}:{' '}
              {e.words.join('; ')} <code>{e.labels.join(' | ')}</code>
              {mark.edges.includes(e.id) ? <strong> (last transition)</strong> : null}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

type Transition = MachineDiagramProps['lastTransition'];
const sameTransition = (a: Transition, b: Transition) =>
  a === b ||
  (a !== null && b !== null && a.from === b.from && a.to === b.to && a.event === b.event);

// Views are rebuilt on every tick while playing: redraw only when the machine's state moved.
export default memo(
  MachineDiagram,
  (a, b) =>
    a.lane === b.lane &&
    a.state === b.state &&
    a.large === b.large &&
    sameTransition(a.lastTransition, b.lastTransition),
);
