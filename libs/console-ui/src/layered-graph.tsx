export interface GraphNode {
  id: string;
  /** What the node shows (cut to fit; the full text is in its accessible label). */
  label: string;
  /** What a screen reader hears for a node without a link, e.g. "dataset ds-1"; a link's tooltip. */
  description: string;
  /** Column, left to right: a node's edges go to higher layers. */
  layer: number;
  /** Line, top to bottom; by default the next free one of its column. Nodes on one line keep edges between them straight. */
  row?: number;
  kind: string;
  /** A link for the node (an in-page anchor); without one it is focusable only. */
  href?: string;
}

export interface GraphEdge {
  from: string;
  to: string;
  label?: string;
}

const [NODE_W, NODE_H, GAP_X, GAP_Y, PAD] = [168, 40, 56, 16, 8];
const MAX_LABEL = 20;

/**
 * A small directed graph laid out in columns (a node's layer), nodes in each
 * column in the order given: enough for lineage, where edges run from what a
 * thing was made of to the thing. SVG only, no layout library; every node is
 * a link or focusable, named for assistive technology, and each edge says
 * what it joins in a <title>.
 */
export function LayeredGraph({ title, nodes, edges, testId }: { title: string; nodes: readonly GraphNode[]; edges: readonly GraphEdge[]; testId?: string }) {
  const rowInLayer = new Map<number, number>();
  const at = new Map<string, { x: number; y: number }>();
  let rows = 1;
  for (const n of nodes) {
    const row = n.row ?? rowInLayer.get(n.layer) ?? 0;
    rowInLayer.set(n.layer, Math.max(row + 1, rowInLayer.get(n.layer) ?? 0));
    rows = Math.max(rows, row + 1);
    at.set(n.id, { x: PAD + n.layer * (NODE_W + GAP_X), y: PAD + row * (NODE_H + GAP_Y) });
  }
  const layers = Math.max(0, ...nodes.map((n) => n.layer)) + 1;
  const width = 2 * PAD + layers * NODE_W + (layers - 1) * GAP_X;
  const height = 2 * PAD + rows * NODE_H + (rows - 1) * GAP_Y;
  const named = new Map(nodes.map((n) => [n.id, n.description]));
  return (
    <svg class="graph" data-testid={testId} width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="group" aria-label={title}>
      <defs>
        <marker id="graph-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" class="graph-arrow" />
        </marker>
      </defs>
      {edges.filter((e) => at.has(e.from) && at.has(e.to)).map((e) => {
        const [a, b] = [at.get(e.from)!, at.get(e.to)!];
        const [x1, y1, x2, y2] = [a.x + NODE_W, a.y + NODE_H / 2, b.x, b.y + NODE_H / 2];
        const bend = Math.max(24, (x2 - x1) / 2);
        return (
          <path class="graph-edge" data-edge={`${e.from}→${e.to}`} d={`M ${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}`} marker-end="url(#graph-arrow)">
            <title>{`${named.get(e.from)} → ${named.get(e.to)}${e.label ? ` (${e.label})` : ''}`}</title>
          </path>
        );
      })}
      {nodes.map((n) => {
        const { x, y } = at.get(n.id)!;
        const box = (
          <>
            <rect x={x} y={y} width={NODE_W} height={NODE_H} rx="6" />
            <text x={x + 8} y={y + 15} class="graph-kind">{n.kind}</text>
            <text x={x + 8} y={y + 32}>{n.label.length > MAX_LABEL ? `${n.label.slice(0, MAX_LABEL - 1)}…` : n.label}</text>
          </>
        );
        return n.href ? (
          // A link's name is its visible text (axe: label-content-name-mismatch); the full one is its tooltip.
          <a class={`graph-node ${n.kind}`} data-node={n.id} href={n.href}>
            <title>{n.description}</title>
            {box}
          </a>
        ) : (
          <g class={`graph-node ${n.kind}`} data-node={n.id} tabIndex={0} role="img" aria-label={n.description}>{box}</g>
        );
      })}
    </svg>
  );
}
