import { LayeredGraph, type GraphEdge, type GraphNode } from '@tideline/console-ui';

export interface LineageOf {
  version: string;
  stage: string;
  lineage: { dataset: { id: string } | null; trainingRun: { id: string | null } | null; parent: { version: string } | null };
}

export const versionAnchor = (version: string) => `version-${version}`;

/**
 * The registry's lineage as nodes and edges: dataset → training run →
 * version, and parent version → version. Datasets first, runs next, then
 * versions in generations (a version one column right of its parent), so
 * every edge points right; each version has a line of its own, shared with
 * its run and dataset (a dataset several versions share stays on the first
 * one's), so no edge runs behind another node.
 */
export function lineageGraph(versions: readonly LineageOf[]): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const byVersion = new Map(versions.map((v) => [v.version, v]));
  const generation = new Map<string, number>();
  const generationOf = (v: LineageOf, seen = new Set<string>()): number => {
    const parent = v.lineage.parent && byVersion.get(v.lineage.parent.version);
    if (!parent || seen.has(v.version)) return 0;
    seen.add(v.version);
    return generation.get(v.version) ?? generationOf(parent, seen) + 1;
  };
  // Oldest first (the API lists newest first): parents take their rows before their children.
  const ordered = [...versions].reverse();
  for (const v of ordered) generation.set(v.version, generationOf(v));
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  for (const [row, v] of ordered.entries()) {
    const id = `version:${v.version}`;
    nodes.set(id, { id, kind: 'version', label: `${v.version} · ${v.stage}`, description: `version ${v.version} · ${v.stage}`, layer: 2 + generation.get(v.version)!, row, href: `#${versionAnchor(v.version)}` });
    const { dataset, trainingRun, parent } = v.lineage;
    const run = trainingRun && `run:${trainingRun.id ?? `of ${v.version}`}`;
    if (run) {
      nodes.set(run, { id: run, kind: 'run', label: trainingRun.id ?? '(no id)', description: `training run ${trainingRun.id ?? `of version ${v.version}, without an id`}`, layer: 1, row: nodes.get(run)?.row ?? row });
      edges.push({ from: run, to: id, label: 'trained' });
    }
    if (dataset) {
      const ds = `dataset:${dataset.id}`;
      nodes.set(ds, { id: ds, kind: 'dataset', label: dataset.id, description: `dataset ${dataset.id}`, layer: 0, row: nodes.get(ds)?.row ?? row });
      edges.push({ from: ds, to: run ?? id, label: 'trained on' });
    }
    if (parent) edges.push({ from: `version:${parent.version}`, to: id, label: 'parent' });
  }
  // Reading order (line by line, left to right) is the order Tab visits them.
  return { nodes: [...nodes.values()].sort((a, b) => a.row! - b.row! || a.layer - b.layer), edges };
}

export function LineageGraph({ versions }: { versions: readonly LineageOf[] }) {
  const { nodes, edges } = lineageGraph(versions);
  if (!edges.length) return <p class="muted">No lineage recorded: registerModelVersion takes datasetId (or dataset), trainingRun and parentVersion.</p>;
  return (
    <figure class="lineage">
      <LayeredGraph title="Lineage: dataset → training run → version, parent version → version" nodes={nodes} edges={edges} testId="lineage" />
      <figcaption class="muted">What each version was trained on and from; a version's node leads to its row in the table above.</figcaption>
    </figure>
  );
}
