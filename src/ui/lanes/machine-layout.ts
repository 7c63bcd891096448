// Lays a machine graph out left to right with dagre: node boxes sized from their labels, edges
// routed around the nodes (dagre's points are drawn as they are), labels placed by dagre too. A
// self-loop (a transition that stays: the queues) gets its label's room from dagre, beside its
// state in the same column, and is drawn as a small loop on the state's side facing the label.
import dagre from '@dagrejs/dagre';
import type { MachineGraph } from './machine-graph';

const NODE_HEIGHT = 24;
const CHOICE_SIZE = 12;
const CHAR_WIDTH = 6.6;
// Edge labels are 11 px monospace (machine.css): never smaller, so that they stay readable.
const LABEL_HEIGHT = 14;
const LABEL_CHAR_WIDTH = 6.7;
/** How far a self-loop reaches out of its state's box, at most. */
const LOOP_REACH = 12;

export interface PlacedNode {
  id: string;
  /** Top-left corner. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedEdge {
  id: string;
  points: { x: number; y: number }[];
  /** Centre of the label, when the layout had room for labels. */
  label?: { x: number; y: number };
}

export interface Layout {
  nodes: Map<string, PlacedNode>;
  edges: Map<string, PlacedEdge>;
  /** The drawing's natural size, margins included. */
  width: number;
  height: number;
}

function nodeWidth(label: string, choice: boolean): number {
  return choice ? CHOICE_SIZE : Math.round(label.length * CHAR_WIDTH + 14);
}

/** The box of an edge's label: one line per transition, in words. */
function labelBox(lines: string[]): { width: number; height: number } {
  const longest = Math.max(...lines.map((l) => l.length));
  return { width: longest * LABEL_CHAR_WIDTH + 6, height: lines.length * LABEL_HEIGHT };
}

export function layoutGraph(graph: MachineGraph, opts: { labels: boolean }): Layout {
  const g = new dagre.graphlib.Graph();
  g.setGraph({
    rankdir: 'LR',
    ranksep: opts.labels ? 16 : 14,
    nodesep: opts.labels ? 8 : 9,
    edgesep: 6,
    marginx: 4,
    marginy: 4,
  });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.nodes) {
    const height = n.choice ? CHOICE_SIZE : NODE_HEIGHT;
    g.setNode(n.id, { width: nodeWidth(n.label, n.choice), height });
  }
  for (const e of graph.edges) {
    g.setEdge(
      e.source,
      e.target,
      opts.labels ? { ...labelBox(e.words), labelpos: 'c' } : { width: 0, height: 0 },
    );
  }
  dagre.layout(g);
  const nodes = new Map<string, PlacedNode>();
  for (const n of graph.nodes) {
    const p = g.node(n.id) as { x: number; y: number; width: number; height: number };
    nodes.set(n.id, {
      id: n.id,
      x: p.x - p.width / 2,
      y: p.y - p.height / 2,
      width: p.width,
      height: p.height,
    });
  }
  const edges = new Map<string, PlacedEdge>();
  for (const e of graph.edges) {
    const p = g.edge(e.source, e.target) as {
      points: { x: number; y: number }[];
      x?: number;
      y?: number;
      height?: number;
    };
    edges.set(e.id, {
      id: e.id,
      points: e.source === e.target ? selfLoop(nodes.get(e.source)!, p) : p.points,
      ...(opts.labels && p.x !== undefined && p.y !== undefined
        ? { label: { x: p.x, y: p.y } }
        : {}),
    });
  }
  const size = g.graph() as { width?: number; height?: number };
  return { nodes, edges, width: size.width ?? 0, height: size.height ?? 0 };
}

/**
 * A loop out of `node`'s top or bottom edge and back, on the side where dagre put the label (its
 * room beside the node), reaching at most up to the label.
 */
function selfLoop(
  node: PlacedNode,
  at: { points: { x: number; y: number }[]; x?: number; y?: number; height?: number },
): { x: number; y: number }[] {
  const cx = node.x + node.width / 2;
  const labelY = at.y ?? at.points[0]?.y ?? node.y;
  const above = labelY < node.y + node.height / 2;
  const edge = above ? node.y : node.y + node.height;
  const labelEdge = above ? labelY + (at.height ?? 0) / 2 : labelY - (at.height ?? 0) / 2;
  const reach = Math.max(4, Math.min(LOOP_REACH, Math.abs(edge - labelEdge)));
  const out = above ? edge - reach : edge + reach;
  const half = Math.min(10, node.width / 3);
  return [
    { x: cx + half, y: edge },
    { x: cx + half, y: out },
    { x: cx - half, y: out },
    { x: cx - half, y: edge },
  ];
}

/** An SVG path through dagre's points, smoothed as a B-spline (d3's curveBasis). */
export function basisPath(points: { x: number; y: number }[]): string {
  const [first, ...rest] = points;
  if (!first) return '';
  const f = (n: number) => Math.round(n * 10) / 10;
  if (rest.length === 0) return `M${f(first.x)},${f(first.y)}`;
  const parts = [`M${f(first.x)},${f(first.y)}`];
  let [x0, y0, x1, y1] = [first.x, first.y, first.x, first.y];
  const bezier = (x: number, y: number) =>
    parts.push(
      `C${f((2 * x0 + x1) / 3)},${f((2 * y0 + y1) / 3)} ${f((x0 + 2 * x1) / 3)},${f((y0 + 2 * y1) / 3)} ${f((x0 + 4 * x1 + x) / 6)},${f((y0 + 4 * y1 + y) / 6)}`,
    );
  rest.forEach((p, i) => {
    if (i === 1) parts.push(`L${f((5 * x0 + x1) / 6)},${f((5 * y0 + y1) / 6)}`);
    if (i >= 1) bezier(p.x, p.y);
    [x0, y0, x1, y1] = [x1, y1, p.x, p.y];
  });
  if (rest.length >= 2) bezier(x1, y1);
  parts.push(`L${f(x1)},${f(y1)}`);
  return parts.join(' ');
}
