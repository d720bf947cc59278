/**
 * Bounds of the metrics subgraph's batched queries: the service refuses a
 * request past them, and a caller (the loop's decision evidence) splits its
 * work into requests under them.
 */
export const METRICS_BOUNDS = {
  /** Fields one `windowMetrics` request slices by (`slicedBy`): each adds a grouping set. */
  windowSlicedBy: 4,
  /** Slices one `compareVersionsBySlice` request compares: each adds a pass over its rows after the ids are sorted. */
  comparedSlices: 50,
} as const;

/** `items` in consecutive groups of at most `size` (none for no items). */
export const inGroupsOf = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
